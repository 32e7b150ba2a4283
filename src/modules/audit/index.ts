/** Audit: administrators browse and filter the platform's append-only audit log; nothing here writes to it. */
export { auditRoutes as routes } from './routes';
export { browseAuditLog, type BrowseAuditLogOptions } from './browse';
