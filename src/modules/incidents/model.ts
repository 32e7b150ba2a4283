/** Pure rules of the incident model: statuses and their allowed transitions, severities, roles. Safe in the browser. */

export const incidentStatuses = ['open', 'responding', 'monitoring', 'closed'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

/**
 * Allowed status changes: mới → đang xử lý → theo dõi → đã đóng; a relapse while monitoring goes back to
 * responding; a closed incident is reopened into responding; an incident may be closed from any open state
 * (e.g. a false alarm).
 */
export const allowedTransitions: Record<IncidentStatus, readonly IncidentStatus[]> = {
  open: ['responding', 'closed'],
  responding: ['monitoring', 'closed'],
  monitoring: ['responding', 'closed'],
  closed: ['responding'],
};

/** True when an incident in `from` may move to `to`. */
export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return allowedTransitions[from].includes(to);
}

/** Severity levels 1–4 (cấp độ): 1 thấp, 2 trung bình, 3 cao, 4 nghiêm trọng. */
export const severities = [1, 2, 3, 4] as const;
export const severityLabelsVi: Record<number, string> = { 1: 'Thấp', 2: 'Trung bình', 3: 'Cao', 4: 'Nghiêm trọng' };

/** Roles in the task force (tổ công tác). */
export const memberRoles = ['lead', 'spokesperson', 'member', 'monitor'] as const;
export type MemberRole = (typeof memberRoles)[number];

export const linkKinds = ['alert', 'query'] as const;
export type LinkKind = (typeof linkKinds)[number];

/** Holding statement (thông cáo báo chí) or press response (trả lời báo chí). */
export const statementKinds = ['holding_statement', 'press_response'] as const;
export type StatementKind = (typeof statementKinds)[number];

export const statementStatuses = ['draft', 'submitted', 'approved'] as const;
export type StatementStatus = (typeof statementStatuses)[number];

/** Kinds of timeline entries. */
export const timelineKinds = [
  'opened',
  'opened_from_alert',
  'updated',
  'status_changed',
  'owner_assigned',
  'member_added',
  'member_removed',
  'alert_linked',
  'query_linked',
  'shared',
  'unshared',
  'note',
  'statement_drafted',
  'statement_submitted',
  'statement_returned',
  'statement_approved',
  'deadline_missed',
] as const;
export type TimelineKind = (typeof timelineKinds)[number];
