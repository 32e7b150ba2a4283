/** UI-side shapes of the incidents API (web code never imports server modules). */
export type IncidentStatus = 'open' | 'responding' | 'monitoring' | 'closed';
export type MemberRole = 'lead' | 'spokesperson' | 'member' | 'monitor';
export type StatementKind = 'holding_statement' | 'press_response';

export interface UserRef {
  id: string;
  displayName: string;
  email: string;
}

export interface IncidentSummary {
  id: string;
  organizationId: string;
  organizationName: string;
  title: string;
  severity: number;
  status: IncidentStatus;
  owner: UserRef | null;
  sourceAlertId: string | null;
  responseDueAt: string | null;
  resolutionDueAt: string | null;
  isOverdue: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface Statement {
  id: string;
  kind: StatementKind;
  title: string;
  body: string;
  addressee: string | null;
  status: 'draft' | 'submitted' | 'approved';
  author: UserRef | null;
  submittedAt: string | null;
  approvedBy: UserRef | null;
  approvedAt: string | null;
  signerName: string | null;
  signerCapacity: string | null;
  reviewComment: string | null;
  createdAt: string;
}

export interface TimelineEntry {
  id: number;
  kind: string;
  actor: UserRef | null;
  subject: UserRef | null;
  body: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

export interface IncidentDetail extends IncidentSummary {
  description: string | null;
  members: { user: UserRef; role: MemberRole; addedAt: string }[];
  links: { kind: 'alert' | 'query'; targetId: string; label: string; linkedAt: string }[];
  sharedWith: { organizationId: string; organizationName: string }[];
  timeline: TimelineEntry[];
  statements: Statement[];
  allowedTransitions: IncidentStatus[];
  canHandle: boolean;
  canApprove: boolean;
}

export interface Person {
  id: string;
  displayName: string;
  email: string;
  role: string;
}

export const statusColor: Record<IncidentStatus, string> = {
  open: 'red',
  responding: 'orange',
  monitoring: 'blue',
  closed: 'gray',
};
export const severityColor: Record<number, string> = { 1: 'gray', 2: 'yellow', 3: 'orange', 4: 'red' };
