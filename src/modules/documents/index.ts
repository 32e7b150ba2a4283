/** Official documents → assigned tasks: upload, extraction and parsing as a job, review, confirmation, tracking. */
export { documentRoutes as routes } from './routes';
export { documentJobs as jobs, processDocumentJob, sendTaskRemindersJob } from './jobs';
export { uploadDocument, getDocument, listDocuments, retryDocument } from './documents';
export { getDocumentParse, updateDocumentParse, confirmDocument } from './review';
export { listTasks, getTask, updateTask, reassignTask, addProgressReport, getTaskMatrix } from './tasks';
export { processDocument, analyzeDocument, toCliParse } from './processing';
export { sendTaskReminders, markOverdueTasks, mailNotifications } from './reminders';
export { documents, documentTasks, type DocumentRow, type DocumentTask, type TaskStatus } from './schema';
