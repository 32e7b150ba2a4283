import { processDocumentJob } from './processing';
import { markOverdueTasksJob, sendReminderMailJob, sendTaskRemindersJob } from './reminders';

/** Background jobs of the documents module. */
export const documentJobs = [processDocumentJob, sendTaskRemindersJob, markOverdueTasksJob, sendReminderMailJob];
export { processDocumentJob, sendTaskRemindersJob, markOverdueTasksJob, sendReminderMailJob };
