/** UI-side shapes of the documents API (web code never imports server modules). */
export type DocumentStatus = 'queued' | 'processing' | 'ready' | 'failed' | 'confirmed';
export type TaskStatus = 'not_started' | 'in_progress' | 'done' | 'overdue';
export type Recurrence = 'yearly' | 'half-yearly' | 'quarterly' | 'monthly';

export interface DocumentView {
  id: string;
  organizationId: string;
  fileName: string;
  source: 'file' | 'text';
  status: DocumentStatus;
  phase: 'extracting' | 'repairing' | 'parsing' | null;
  progress: { pagesDone: number; pagesTotal: number };
  error: { code: string; message: string; messageVi: string | null } | null;
  warnings: string[];
  summary: { type: string; number: string | null; issuedOn: string | null; subject: string | null; assignments: number } | null;
  createdAt: string;
  confirmedAt: string | null;
}

export interface AgencyRef {
  id: string | null;
  name: string;
  successors: { id: string | null; name: string }[];
}

export interface Assignment {
  clause: string;
  agencies: AgencyRef[];
  task: string;
  dueOn: string | null;
  recurrence: Recurrence | null;
  evidence: { text: string; span: [number, number] | null };
  source: string;
}

export interface Parse {
  type: { name: string; key: string };
  number: string | null;
  issuer: { name: string; id?: string } | null;
  issuedOn: string | null;
  place: string | null;
  subject: string | null;
  signer: { name: string | null; capacity: string | null } | null;
  recipients: { text: string }[];
  clauses: { ref: string; text: string; span: [number, number] }[];
  assignments: Assignment[];
}

export interface ParseView {
  documentId: string;
  status: DocumentStatus;
  rawText: string;
  repairedText: string;
  parse: Parse;
  warnings: string[];
}

export interface TaskView {
  id: string;
  documentId: string;
  document: { number: string | null; type: string; subject: string | null; organizationId: string };
  clause: string;
  assignedOrganization: { id: string; name: string };
  successors: { id: string; name: string }[];
  ownerOrganization: { id: string; name: string };
  task: string;
  dueOn: string | null;
  recurrence: Recurrence | null;
  evidence: string;
  status: TaskStatus;
}

export interface TaskDetail extends TaskView {
  history: {
    id: number;
    at: string;
    actorEmail: string | null;
    kind: string;
    before: unknown;
    after: unknown;
    note: string | null;
  }[];
  reports: {
    id: string;
    authorEmail: string | null;
    body: string;
    percentComplete: number | null;
    createdAt: string;
    attachments: { id: string; fileName: string; byteSize: number }[];
  }[];
  canUpdate: boolean;
  canReassign: boolean;
}

export interface Matrix {
  document: DocumentView;
  columns: { assignmentIndex: number; clause: string; task: string; dueOn: string | null }[];
  rows: {
    organization: { id: string; name: string };
    cells: { assignmentIndex: number; taskId: string; status: TaskStatus }[];
  }[];
  totals: Record<string, number>;
}

export const statusColors: Record<TaskStatus, string> = {
  not_started: 'gray',
  in_progress: 'blue',
  done: 'green',
  overdue: 'red',
};
