/**
 * Communication incidents and crises (Directive 07/CT-TTg, letter 837/BTTTT-CBC): incidents owned by one
 * organization (shared read-only with others), a status workflow, a task force, linked alerts and queries, an
 * append-only timeline, and holding statements / press responses approved by a leader or the spokesperson and
 * exported as DOCX in the Decree 30/2020 format. Opened by hand or from a trends alert (see docs/incidents.md).
 */
import { onQueryLinkedToIncident } from '../monitoring';
import { recordQueryLinkedFromEditor } from './incidents';

// a query linked to an incident in the query editor is recorded on the incident (see recordQueryLinkedFromEditor)
onQueryLinkedToIncident(recordQueryLinkedFromEditor);

export { incidentRoutes as routes } from './routes';
export { incidentJobs as jobs, recordMissedDeadlines } from './jobs';
export {
  openIncident,
  listIncidents,
  getIncident,
  updateIncident,
  transitionIncident,
  assignIncident,
  setTaskForceMember,
  removeTaskForceMember,
  linkToIncident,
  shareIncident,
  unshareIncident,
  addIncidentNote,
  listIncidentPeople,
} from './incidents';
export { draftStatement, updateStatement, submitStatement, reviewStatement, exportStatementDocx } from './statements';
export { allowedTransitions, canTransition, incidentStatuses, severities, type IncidentStatus } from './model';
export { incidents, incidentTimeline, incidentStatements } from './schema';
