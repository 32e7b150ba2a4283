import type { ReactElement } from 'react';
import type { UserRole } from './types';
import { HomePage } from './home-page';
import { SignInPage } from '../modules/accounts/web/sign-in-page';
import { AccountPage } from '../modules/accounts/web/account-page';
import { UsersPage } from '../modules/accounts/web/users-page';
import { DirectoryPage } from '../modules/agencies/web/directory-page';
import { OrganizationPage } from '../modules/agencies/web/organization-page';
import { LegalRegisterPage } from '../modules/legal/web/legal-register-page';
import { LegalDocumentPage } from '../modules/legal/web/legal-document-page';
import { AnnouncementsPage } from '../modules/network/web/announcements-page';
import { AnnouncementPage } from '../modules/network/web/announcement-page';
import { AuditPage } from '../modules/audit/web/audit-page';
import { DocumentsPage } from '../modules/documents/web/documents-page';
import { DocumentPage } from '../modules/documents/web/document-page';
import { MatrixPage, TaskPage, TasksPage } from '../modules/documents/web/task-pages';
import { SurveysPage } from '../modules/surveys/web/surveys-page';
import { FillPage } from '../modules/surveys/web/fill-page';
import { BoardPage } from '../modules/surveys/web/board-page';
import { FormsPage, FormBuilderPage } from '../modules/surveys/web/form-builder-page';
import { PublicSurveyPage } from '../modules/surveys/web/public-page';
import { MentionsPage } from '../modules/monitoring/web/mentions-page';
import { QueriesPage } from '../modules/monitoring/web/queries-page';
import { StoryPage } from '../modules/monitoring/web/story-page';
import { SourcesPage } from '../modules/monitoring/web/sources-page';
import { ModelsPage } from '../modules/monitoring/web/models-page';
import { TrendsPage } from '../modules/trends/web/trends-page';
import { AlertsPage } from '../modules/trends/web/alerts-page';
import { IncidentsPage } from '../modules/incidents/web/incidents-page';
import { IncidentPage } from '../modules/incidents/web/incident-page';

/**
 * One page of the app. Teams add their pages here (one entry each); an entry with `nav` appears
 * in the side navigation for the users who may open it.
 */
export interface PageRoute {
  /** react-router path, e.g. "/documents" or "/documents/:id". */
  path: string;
  element: ReactElement;
  /** Who may open it: "public" (anyone), "signed-in", or a list of roles. */
  access: 'public' | 'signed-in' | readonly UserRole[];
  /** Navigation entry: the i18n key of its label ("namespace:key"); pages without it are reached by links. */
  nav?: { labelKey: string };
}

const managers: readonly UserRole[] = ['administrator', 'coordinator'];
const administrators: readonly UserRole[] = ['administrator'];

export const pageRoutes: PageRoute[] = [
  { path: '/', element: <HomePage />, access: 'public', nav: { labelKey: 'common:nav.home' } },
  { path: '/sign-in', element: <SignInPage />, access: 'public' },
  { path: '/directory', element: <DirectoryPage />, access: 'public', nav: { labelKey: 'common:nav.directory' } },
  { path: '/organizations/:id', element: <OrganizationPage />, access: 'public' },
  { path: '/legal', element: <LegalRegisterPage />, access: 'public', nav: { labelKey: 'legal:nav' } },
  { path: '/legal/:id', element: <LegalDocumentPage />, access: 'public' },
  { path: '/announcements', element: <AnnouncementsPage />, access: 'signed-in', nav: { labelKey: 'common:nav.announcements' } },
  { path: '/announcements/:id', element: <AnnouncementPage />, access: 'signed-in' },
  { path: '/audit', element: <AuditPage />, access: administrators, nav: { labelKey: 'common:nav.audit' } },
  { path: '/users', element: <UsersPage />, access: managers, nav: { labelKey: 'common:nav.users' } },
  { path: '/surveys', element: <SurveysPage />, access: 'signed-in', nav: { labelKey: 'surveys:nav' } },
  { path: '/surveys/forms', element: <FormsPage />, access: managers },
  { path: '/surveys/forms/new', element: <FormBuilderPage />, access: managers },
  { path: '/surveys/forms/:id/edit', element: <FormBuilderPage />, access: managers },
  { path: '/surveys/:id/board', element: <BoardPage />, access: managers },
  { path: '/surveys/:id/respond', element: <FillPage />, access: 'signed-in' },
  { path: '/s/:token', element: <PublicSurveyPage />, access: 'public' },
  { path: '/documents', element: <DocumentsPage />, access: 'signed-in', nav: { labelKey: 'documents:nav.documents' } },
  { path: '/documents/:id', element: <DocumentPage />, access: 'signed-in' },
  { path: '/documents/:id/matrix', element: <MatrixPage />, access: 'signed-in' },
  { path: '/tasks', element: <TasksPage />, access: 'signed-in', nav: { labelKey: 'documents:nav.tasks' } },
  { path: '/tasks/:id', element: <TaskPage />, access: 'signed-in' },
  { path: '/monitoring', element: <MentionsPage />, access: 'signed-in', nav: { labelKey: 'monitoring:nav.monitoring' } },
  { path: '/monitoring/queries', element: <QueriesPage />, access: 'signed-in' },
  { path: '/monitoring/stories/:id', element: <StoryPage />, access: 'signed-in' },
  { path: '/monitoring/models', element: <ModelsPage />, access: managers },
  { path: '/monitoring/sources', element: <SourcesPage />, access: 'signed-in' },
  { path: '/trends', element: <TrendsPage />, access: 'signed-in', nav: { labelKey: 'trends:nav.trends' } },
  { path: '/trends/alerts', element: <AlertsPage />, access: 'signed-in', nav: { labelKey: 'trends:nav.alerts' } },
  { path: '/incidents', element: <IncidentsPage />, access: 'signed-in', nav: { labelKey: 'incidents:nav' } },
  { path: '/incidents/:id', element: <IncidentPage />, access: 'signed-in' },
  { path: '/account', element: <AccountPage />, access: 'signed-in', nav: { labelKey: 'common:nav.account' } },
];
