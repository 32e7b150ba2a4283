/**
 * Trends, forecasts and early warning: incremental rollups of monitoring mentions by publication hour,
 * dashboards, seasonal detectors, alert rules with delivery (in-app, email, signed webhook), forecasts, briefs.
 * Reads monitoring's documents and matches by document-id watermark (see docs/trends.md).
 */
export { trendsRoutes as routes } from './routes';
export { trendsJobs as jobs } from './jobs';
export { getDashboard, listBucketMentions } from './dashboard';
export { runTrendsPipeline } from './pipeline';
export { rebuildQueryRollups } from './rollups';
export {
  listAlerts,
  createAlertRule,
  listAlertRules,
  actOnAlert,
  organizationsWithAlerts,
  getAlertSummary,
  type AlertSummary,
} from './alerts';
export { forecastQueryVolume } from './forecast-use-case';
export { findEmergingTerms } from './emerging';
export { collectBrief, renderBriefDocx, renderBriefEmail, sendScheduledBriefs } from './briefs';
export { findQueryByIdOrName } from './scope';
export { volumeSeries } from './dashboard';
