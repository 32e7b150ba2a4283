/**
 * Media monitoring: sources → clean Vietnamese documents → stories → topic-query matches.
 * Trends read `monitoring_query_matches` (query, document, publication time, sentiment) for rollups, and
 * `monitoring_label_changes` under `LOCK_LABEL_CHANGES_EXCLUSIVE_SQL` to move mentions whose labels changed.
 */
export { monitoringRoutes as routes } from './routes';
export { monitoringJobs as jobs } from './jobs';
export { importDocumentsFile, type ImportResult } from './import';
export { ingestBatch } from './ingest';
export { loadProcessingContext } from './services';
export { searchDocuments } from './search';
export { parseDateBound } from './search-input';
export {
  createSavedQuery,
  listSavedQueries,
  previewQuery,
  listMentions,
  onQueryLinkedToIncident,
  type QueryLinkedToIncident,
} from './queries';
export { getDocument, getStory, correctDocument } from './documents';
export { activateModel, listModels, retrainModel, type LanguageModelVersion } from './learning';
export type { LanguageModelKind } from './active-models';
export { continueRelabelRun, latestRelabelRun, type RelabelRun } from './relabel';
export { LOCK_LABEL_CHANGES_EXCLUSIVE_SQL } from './label-changes';
export { modelKinds } from './contracts';
export {
  createSource,
  listSources,
  setSourceEnabled,
  seedDefaultSources,
  allowPrivateHost,
  outboundAllowedHosts,
} from './sources';
export { purgeSocialText } from './privacy';
export { fetchSource } from './fetch/fetch-source';
export { exportDocuments } from './export';
export { parseQuery, validateQuery, QuerySyntaxError, type QueryNode } from './query/parse';
export {
  monitoringDocuments,
  monitoringQueries,
  monitoringQueryMatches,
  monitoringStories,
  monitoringSources,
  nlpCorrections,
} from './schema';
