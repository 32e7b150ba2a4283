/** Accounts: users, roles, sessions, API tokens, second factor. */
export { accountRoutes as routes } from './routes';
export { authenticate, csrfHeaderName, sessionCookieName } from './middleware';
export {
  createUser,
  listUsers,
  listActiveMembers,
  updateUser,
  getUser,
  countUsers,
  normalizeEmail,
  type PublicUser,
} from './users';
export { signIn, purgeExpiredSessions, actorFromUser, createApiToken } from './sessions';
export { users, userRoles, type UserRole, type User } from './schema';
export { accountJobs as jobs } from './jobs';
