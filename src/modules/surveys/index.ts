/**
 * Surveys and reporting campaigns: versioned forms (the 837 capacity template ships ready), campaigns addressed
 * to organizations and groups, drafts with optimistic concurrency, leader submission, deadlines and extensions,
 * public link + QR, progress board, results, XLSX/CSV export, DOCX report, and updates of the network directory.
 */
export { surveyRoutes as routes } from './routes';
export { surveyJobs as jobs, sendDueReminders } from './jobs';
export {
  validateAnswers,
  pruneAnswers,
  isQuestionVisible,
  formDefinitionSchema,
  questionTypes,
  type FormDefinition,
  type Question,
  type Answers,
  type AnswerError,
} from './form-model';
export { listForms, getForm, createForm, createFormVersion, seedSurveyTemplates } from './forms';
export {
  launchCampaign,
  listCampaigns,
  getCampaign,
  extendDeadline,
  closeCampaign,
  getProgressBoard,
  remindLaggards,
} from './campaigns';
export { getResponse, saveDraft, submitResponse, reopenResponse, listResponseVersions } from './responses';
export { getCampaignResults, groupByTheme } from './results';
export { exportCampaignXlsx, exportCampaignCsv, exportCampaignReport, buildExportTable } from './export';
export { previewDirectoryUpdate, applyDirectoryUpdate } from './directory-feed';
export { capacity837Template } from './templates/capacity-837';
