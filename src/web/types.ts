/** UI-side shapes of API responses (declared here so that web code never imports server modules). */

export const userRoles = ['administrator', 'coordinator', 'officer', 'leader', 'viewer'] as const;
export type UserRole = (typeof userRoles)[number];

export interface User {
  id: string;
  email: string;
  displayName: string;
  organizationId: string;
  role: UserRole;
  isActive: boolean;
  totpEnabled: boolean;
  locale: string;
  createdAt: string;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export const organizationKinds = [
  'government',
  'ministry',
  'ministerial-agency',
  'government-agency',
  'province',
  'press-agency',
  'department',
  'other',
] as const;

export interface Organization {
  id: string;
  name: string;
  shortName: string | null;
  englishName: string | null;
  aliases: string[];
  kind: string;
  parentId: string | null;
  validFrom: string | null;
  validTo: string | null;
  isReference: boolean;
  isPublic: boolean;
  isPress: boolean;
  notes: string | null;
  predecessors: string[];
  successors: string[];
}
