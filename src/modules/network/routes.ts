import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  createRouter,
  jsonBody,
  jsonResponse,
  problemResponses,
  requireActor,
  type AppEnv,
  commaSeparated,
} from '../../platform/http';
import { AppError } from '../../platform/errors';
import {
  announcementSchema,
  contactChangesSchema,
  contactInputSchema,
  contactSchema,
  exportQuerySchema,
  groupChangesSchema,
  groupInputSchema,
  groupKeySchema,
  groupMembersSchema,
  groupSchema,
  importReportSchema,
  inboxSchema,
  networkProfileInputSchema,
  networkProfileSchema,
  onQuerySchema,
  pageQuerySchema,
  receiptsSchema,
  sendAnnouncementSchema,
  sentListSchema,
} from './contracts';
import { createContact, deleteContact, getNetworkProfile, listContacts, updateContact, updateNetworkProfile } from './profiles';
import { createGroup, deleteGroup, listGroups, resolveGroupMembers, updateGroup } from './groups';
import {
  getAnnouncement,
  getAnnouncementReceipts,
  listInbox,
  listSentAnnouncements,
  markAnnouncementRead,
  sendAnnouncement,
} from './announcements';
import { exportDirectoryCsv, importDirectoryCsv, maxImportBytes } from './directory-csv';
import { dateInVietnam } from '../../platform/dates';

export const networkRoutes = createRouter();
const organizationParams = z.object({ id: z.string().min(1).max(200).openapi({ description: 'Organization id' }) });
const contactParams = organizationParams.extend({ contactId: z.string().uuid() });
const announcementParams = z.object({ id: z.string().uuid() });
const groupParams = z.object({ key: z.string().min(1).max(60) });
const requestIdOf = (c: Context<AppEnv>) => c.get('requestId');

// ——— network profile and contacts

networkRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/organizations/{id}/network',
    tags: ['network'],
    summary: 'Network profile: communication unit, focal points and spokespersons (contacts for signed-in members only)',
    request: { params: organizationParams },
    responses: {
      200: jsonResponse(networkProfileSchema, 'Profile; signed-out requests get the public unit fields only'),
      ...problemResponses,
    },
  }),
  async (c) => c.json(await getNetworkProfile({ actor: c.get('actor'), organizationId: c.req.valid('param').id }), 200),
);

networkRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/organizations/{id}/network',
    tags: ['network'],
    summary: "Edit the communication unit (the organization's officers and leaders, coordinators, administrators); audited",
    request: { params: organizationParams, body: jsonBody(networkProfileInputSchema) },
    responses: { 200: jsonResponse(networkProfileSchema, 'Updated profile'), ...problemResponses },
  }),
  async (c) =>
    c.json(
      await updateNetworkProfile({
        actor: requireActor(c),
        organizationId: c.req.valid('param').id,
        changes: c.req.valid('json'),
        requestId: requestIdOf(c),
      }),
      200,
    ),
);

networkRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/organizations/{id}/contacts',
    tags: ['network'],
    summary: 'Focal points and spokespersons with their contacts (personal data: signed-in members only)',
    request: { params: organizationParams },
    responses: { 200: jsonResponse(z.array(contactSchema), 'Contacts'), ...problemResponses },
  }),
  async (c) => c.json(await listContacts({ actor: requireActor(c), organizationId: c.req.valid('param').id }), 200),
);

networkRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/organizations/{id}/contacts',
    tags: ['network'],
    summary: 'Add a focal point or spokesperson; audited',
    request: { params: organizationParams, body: jsonBody(contactInputSchema) },
    responses: { 201: jsonResponse(contactSchema, 'Created'), ...problemResponses },
  }),
  async (c) =>
    c.json(
      await createContact({
        actor: requireActor(c),
        organizationId: c.req.valid('param').id,
        input: c.req.valid('json'),
        requestId: requestIdOf(c),
      }),
      201,
    ),
);

networkRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/organizations/{id}/contacts/{contactId}',
    tags: ['network'],
    summary: 'Edit a contact; audited with before/after',
    request: { params: contactParams, body: jsonBody(contactChangesSchema) },
    responses: { 200: jsonResponse(contactSchema, 'Updated'), ...problemResponses },
  }),
  async (c) => {
    const { id, contactId } = c.req.valid('param');
    return c.json(
      await updateContact({
        actor: requireActor(c),
        organizationId: id,
        contactId,
        changes: c.req.valid('json'),
        requestId: requestIdOf(c),
      }),
      200,
    );
  },
);

networkRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/organizations/{id}/contacts/{contactId}',
    tags: ['network'],
    summary: 'Remove a contact; audited',
    request: { params: contactParams },
    responses: { 204: { description: 'Removed' }, ...problemResponses },
  }),
  async (c) => {
    const { id, contactId } = c.req.valid('param');
    await deleteContact({ actor: requireActor(c), organizationId: id, contactId, requestId: requestIdOf(c) });
    return c.body(null, 204);
  },
);

// ——— groups

networkRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/groups',
    tags: ['network'],
    summary:
      'Named groups (built-in: ministries, agencies under the Government, provinces, press; custom groups for signed-in members) with member counts on a date',
    request: { query: onQuerySchema },
    responses: { 200: jsonResponse(z.array(groupSchema), 'Groups'), ...problemResponses },
  }),
  async (c) => c.json(await listGroups({ actor: c.get('actor'), on: c.req.valid('query').on }), 200),
);

networkRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/groups/{key}/members',
    tags: ['network'],
    summary: 'The members of a group in force on a date (custom groups: retired members are replaced by their successors)',
    request: { params: groupParams, query: onQuerySchema },
    responses: { 200: jsonResponse(groupMembersSchema, 'Members'), ...problemResponses },
  }),
  async (c) =>
    c.json(
      await resolveGroupMembers({
        actor: c.get('actor'),
        key: c.req.valid('param').key,
        on: c.req.valid('query').on ?? dateInVietnam(),
      }),
      200,
    ),
);

networkRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/groups',
    tags: ['network'],
    summary: 'Create a custom group of organizations (coordinators, administrators); audited',
    request: { body: jsonBody(groupInputSchema) },
    responses: { 201: jsonResponse(groupSchema, 'Created'), ...problemResponses },
  }),
  async (c) => c.json(await createGroup({ actor: requireActor(c), input: c.req.valid('json'), requestId: requestIdOf(c) }), 201),
);

networkRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/groups/{key}',
    tags: ['network'],
    summary: 'Rename a custom group or replace its members; audited',
    request: { params: z.object({ key: groupKeySchema }), body: jsonBody(groupChangesSchema) },
    responses: { 200: jsonResponse(groupSchema, 'Updated'), ...problemResponses },
  }),
  async (c) =>
    c.json(
      await updateGroup({
        actor: requireActor(c),
        key: c.req.valid('param').key,
        changes: c.req.valid('json'),
        requestId: requestIdOf(c),
      }),
      200,
    ),
);

networkRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/groups/{key}',
    tags: ['network'],
    summary: 'Delete a custom group (sent announcements keep their recipients); audited',
    request: { params: z.object({ key: groupKeySchema }) },
    responses: { 204: { description: 'Deleted' }, ...problemResponses },
  }),
  async (c) => {
    await deleteGroup({ actor: requireActor(c), key: c.req.valid('param').key, requestId: requestIdOf(c) });
    return c.body(null, 204);
  },
);

// ——— announcements (static paths before /announcements/{id})

networkRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/announcements',
    tags: ['announcements'],
    summary:
      'Send an announcement to organizations and/or groups (coordinators, administrators); groups resolve at send time; audited',
    request: { body: jsonBody(sendAnnouncementSchema) },
    responses: { 201: jsonResponse(announcementSchema, 'Sent'), ...problemResponses },
  }),
  async (c) => c.json(await sendAnnouncement({ actor: requireActor(c), ...c.req.valid('json'), requestId: requestIdOf(c) }), 201),
);

networkRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/announcements/inbox',
    tags: ['announcements'],
    summary: "Announcements to the signed-in user's organization, newest first, with the unread count",
    request: { query: pageQuerySchema },
    responses: { 200: jsonResponse(inboxSchema, 'Inbox'), ...problemResponses },
  }),
  async (c) => c.json(await listInbox({ actor: requireActor(c), limit: c.req.valid('query').limit }), 200),
);

networkRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/announcements/sent',
    tags: ['announcements'],
    summary: "Announcements sent by the user's organization (network-wide roles: all), with reader counts",
    request: { query: pageQuerySchema },
    responses: { 200: jsonResponse(sentListSchema, 'Sent announcements'), ...problemResponses },
  }),
  async (c) => c.json(await listSentAnnouncements({ actor: requireActor(c), limit: c.req.valid('query').limit }), 200),
);

networkRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/announcements/{id}',
    tags: ['announcements'],
    summary: 'One announcement (recipients, its sender organization, coordinators, administrators); the body is plain text',
    request: { params: announcementParams },
    responses: { 200: jsonResponse(announcementSchema, 'Announcement'), ...problemResponses },
  }),
  async (c) => c.json(await getAnnouncement({ actor: requireActor(c), announcementId: c.req.valid('param').id }), 200),
);

networkRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/announcements/{id}/read',
    tags: ['announcements'],
    summary: 'Mark an announcement read by the signed-in user (the first opening is kept)',
    request: { params: announcementParams },
    responses: {
      200: jsonResponse(
        z.object({ announcementId: z.string(), readAt: z.string(), isFirstRead: z.boolean() }).openapi('AnnouncementRead'),
        'Read',
      ),
      ...problemResponses,
    },
  }),
  async (c) =>
    c.json(
      await markAnnouncementRead({ actor: requireActor(c), announcementId: c.req.valid('param').id, requestId: requestIdOf(c) }),
      200,
    ),
);

networkRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/announcements/{id}/receipts',
    tags: ['announcements'],
    summary:
      'Read receipts per recipient organization: which users read it and when (sender organization, coordinators, administrators)',
    request: { params: announcementParams },
    responses: { 200: jsonResponse(receiptsSchema, 'Receipts'), ...problemResponses },
  }),
  async (c) => c.json(await getAnnouncementReceipts({ actor: requireActor(c), announcementId: c.req.valid('param').id }), 200),
);

// ——— directory CSV

networkRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/directory/export.csv',
    tags: ['network'],
    summary:
      'The directory as CSV (UTF-8 with BOM, for Excel): organizations with their unit; contacts for signed-in members only',
    request: { query: exportQuerySchema },
    responses: { 200: { description: 'CSV file', content: { 'text/csv': { schema: z.string() } } }, ...problemResponses },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const kinds = commaSeparated(query.kind);
    const csv = await exportDirectoryCsv({ actor: c.get('actor'), on: query.on, kinds });
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="nhip-directory-${query.on ?? dateInVietnam()}.csv"`,
      'cache-control': 'private, no-store',
    });
  },
);

const importFormSchema = z.object({
  file: z.any().openapi({ type: 'string', format: 'binary', description: 'The CSV file' }),
});

networkRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/directory/import',
    tags: ['network'],
    summary:
      'Import directory rows from CSV (multipart field "file", or a text/csv body); bad rows are reported by line, good rows are saved',
    request: {
      body: {
        content: { 'multipart/form-data': { schema: importFormSchema }, 'text/csv': { schema: z.string() } },
        // Not "required": that would run the form validator on text/csv bodies too; the handler checks instead.
        required: false,
      },
    },
    responses: { 200: jsonResponse(importReportSchema, 'Line-by-line report'), 413: problemResponses[400], ...problemResponses },
  }),
  async (c) => {
    const actor = requireActor(c);
    const type = (c.req.header('content-type') ?? '').toLowerCase();
    let csv: string;
    if (type.startsWith('multipart/form-data')) {
      const file = (c.req.valid('form') as { file?: unknown }).file;
      if (!(file instanceof Blob)) {
        throw new AppError('VALIDATION_FAILED', 'Upload the CSV in the "file" field', {
          invalidFields: [{ path: 'form.file', message: 'a file is required' }],
        });
      }
      if (file.size > maxImportBytes) throw new AppError('PAYLOAD_TOO_LARGE', `The CSV file exceeds ${maxImportBytes} bytes`);
      csv = await file.text();
    } else {
      csv = await c.req.text();
    }
    return c.json(await importDirectoryCsv({ actor, csv, requestId: requestIdOf(c) }), 200);
  },
);
