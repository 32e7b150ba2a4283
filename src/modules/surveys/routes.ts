import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createRouter, jsonBody, jsonResponse, problemResponses, requireActor, type AppEnv } from '../../platform/http';
import { AppError } from '../../platform/errors';
import type { FormDefinitionInput, Answers } from './form-model';
import {
  boardSchema,
  campaignDetailSchema,
  campaignSchema,
  directoryApplySchema,
  directoryPreviewSchema,
  draftSchema,
  extendSchema,
  fileAnswerSchemaOut,
  formInputSchema,
  formSchema,
  formVersionInputSchema,
  launchCampaignSchema,
  notificationSchema,
  publicAnswerSchema,
  publicSurveySchema,
  reopenSchema,
  reportQuerySchema,
  responseSchema,
  submitSchema,
  uploadFormSchema,
  versionSchema,
} from './contracts';
import { createForm, createFormVersion, getForm, listFormVersions, listForms } from './forms';
import {
  closeCampaign,
  extendDeadline,
  getCampaign,
  getProgressBoard,
  launchCampaign,
  listCampaigns,
  remindLaggards,
} from './campaigns';
import { getResponse, listResponseVersions, reopenResponse, saveDraft, submitResponse } from './responses';
import { readAnswerFile, uploadAnswerFile } from './uploads';
import { getPublicLinkQr, getPublicSurvey, submitPublicAnswer } from './public';
import { getCampaignResults } from './results';
import { exportCampaignCsv, exportCampaignReport, exportCampaignXlsx } from './export';
import { applyDirectoryUpdate, previewDirectoryUpdate } from './directory-feed';
import { listNotifications, markNotificationRead } from './notifications';

export const surveyRoutes = createRouter();
const binary = (type: string, description: string) => ({
  description,
  content: { [type]: { schema: z.string().openapi({ format: 'binary' }) } },
});
const conflictResponse = {
  409: {
    description: 'Stale version (CONFLICT, with the server copy in details.current), already submitted, or DEADLINE_PASSED',
    content: { 'application/problem+json': { schema: z.object({ code: z.string() }).passthrough() } },
  },
};
const tags = ['surveys'];
const requestIdOf = (c: Context<AppEnv>) => c.get('requestId');
const campaignParams = z.object({ id: z.string().uuid() });
const responseParams = campaignParams.extend({ organizationId: z.string().min(1).max(200) });
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

surveyRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/survey-forms',
    tags,
    summary: 'Latest version of every survey form (the 837 template ships ready)',
    responses: { 200: jsonResponse(z.array(formSchema), 'Forms'), ...problemResponses },
  }),
  async (c) => {
    requireActor(c);
    return c.json(await listForms(), 200);
  },
);

surveyRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/survey-forms/{id}',
    tags,
    summary: 'One form version',
    request: { params: z.object({ id: z.string().uuid() }) },
    responses: { 200: jsonResponse(formSchema, 'Form'), ...problemResponses },
  }),
  async (c) => {
    requireActor(c);
    return c.json(await getForm({ formId: c.req.valid('param').id }), 200);
  },
);

surveyRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/survey-forms/by-key/{key}/versions',
    tags,
    summary: 'Every version of a form, newest first',
    request: { params: z.object({ key: z.string().min(1).max(80) }) },
    responses: { 200: jsonResponse(z.array(formSchema), 'Versions'), ...problemResponses },
  }),
  async (c) => {
    requireActor(c);
    return c.json(await listFormVersions({ key: c.req.valid('param').key }), 200);
  },
);

surveyRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/survey-forms',
    tags,
    summary: 'Create a form (version 1); coordinators',
    request: { body: jsonBody(formInputSchema) },
    responses: { 201: jsonResponse(formSchema, 'Created'), ...problemResponses },
  }),
  async (c) => {
    const body = c.req.valid('json');
    return c.json(
      await createForm({
        actor: requireActor(c),
        input: { ...body, definition: body.definition as FormDefinitionInput },
        requestId: requestIdOf(c),
      }),
      201,
    );
  },
);

surveyRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/survey-forms/by-key/{key}/versions',
    tags,
    summary: 'Add a new version of a form; running campaigns keep their version',
    request: { params: z.object({ key: z.string().min(1).max(80) }), body: jsonBody(formVersionInputSchema) },
    responses: { 201: jsonResponse(formSchema, 'Created'), ...problemResponses },
  }),
  async (c) => {
    const body = c.req.valid('json');
    return c.json(
      await createFormVersion({
        actor: requireActor(c),
        key: c.req.valid('param').key,
        input: { ...body, definition: body.definition as FormDefinitionInput },
        requestId: requestIdOf(c),
      }),
      201,
    );
  },
);

surveyRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/survey-campaigns',
    tags,
    summary: 'Campaigns (coordinators: all; members: those addressed to their organization)',
    responses: { 200: jsonResponse(z.array(campaignSchema), 'Campaigns'), ...problemResponses },
  }),
  async (c) => c.json(await listCampaigns({ actor: requireActor(c) }), 200),
);

surveyRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/survey-campaigns',
    tags,
    summary: 'Launch a campaign to organizations, kinds ("province") or network groups in force on the launch date',
    request: { body: jsonBody(launchCampaignSchema) },
    responses: { 201: jsonResponse(campaignSchema, 'Launched'), ...problemResponses },
  }),
  async (c) =>
    c.json(await launchCampaign({ actor: requireActor(c), input: c.req.valid('json'), requestId: requestIdOf(c) }), 201),
);

surveyRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/survey-campaigns/{id}',
    tags,
    summary: 'A campaign with its form',
    request: { params: campaignParams },
    responses: { 200: jsonResponse(campaignDetailSchema, 'Campaign'), ...problemResponses },
  }),
  async (c) => c.json(await getCampaign({ actor: requireActor(c), campaignId: c.req.valid('param').id }), 200),
);

surveyRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/survey-campaigns/{id}/extend',
    tags,
    summary: 'Extend the deadline for all, or for one organization',
    request: { params: campaignParams, body: jsonBody(extendSchema) },
    responses: { 200: jsonResponse(campaignSchema, 'Extended'), ...problemResponses },
  }),
  async (c) => {
    const body = c.req.valid('json');
    return c.json(
      await extendDeadline({
        actor: requireActor(c),
        campaignId: c.req.valid('param').id,
        deadline: body.deadline,
        organizationId: body.organizationId,
        requestId: requestIdOf(c),
      }),
      200,
    );
  },
);

surveyRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/survey-campaigns/{id}/close',
    tags,
    summary: 'Close a campaign',
    request: { params: campaignParams },
    responses: { 200: jsonResponse(campaignSchema, 'Closed'), ...problemResponses },
  }),
  async (c) =>
    c.json(await closeCampaign({ actor: requireActor(c), campaignId: c.req.valid('param').id, requestId: requestIdOf(c) }), 200),
);

surveyRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/survey-campaigns/{id}/board',
    tags,
    summary: 'Live progress board: submitted / draft / not started per organization',
    request: { params: campaignParams },
    responses: { 200: jsonResponse(boardSchema, 'Board'), ...problemResponses },
  }),
  async (c) => c.json(await getProgressBoard({ actor: requireActor(c), campaignId: c.req.valid('param').id }), 200),
);

surveyRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/survey-campaigns/{id}/remind',
    tags,
    summary: 'Remind every organization that has not submitted (in-app; mail when SMTP is configured)',
    request: { params: campaignParams },
    responses: { 200: jsonResponse(z.object({ reminded: z.number().int() }), 'Reminded'), ...problemResponses },
  }),
  async (c) =>
    c.json(await remindLaggards({ actor: requireActor(c), campaignId: c.req.valid('param').id, requestId: requestIdOf(c) }), 200),
);

surveyRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/survey-campaigns/{id}/results',
    tags,
    summary: 'Aggregates per question (counts, sums, means), cross-tabs by organization kind, free text grouped by theme',
    request: { params: campaignParams },
    responses: {
      200: jsonResponse(
        z.object({ campaignId: z.string(), title: z.string(), sections: z.array(z.unknown()) }).passthrough(),
        'Results',
      ),
      ...problemResponses,
    },
  }),
  async (c) => c.json(await getCampaignResults({ actor: requireActor(c), campaignId: c.req.valid('param').id }), 200),
);

surveyRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/survey-campaigns/{id}/export',
    tags,
    summary: 'All answers, one row per organization and one column per question / table cell (XLSX or CSV)',
    request: { params: campaignParams, query: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }) },
    responses: {
      200: {
        description: 'File',
        content: { [xlsxType]: { schema: z.string().openapi({ format: 'binary' }) }, 'text/csv': { schema: z.string() } },
      },
      ...problemResponses,
    },
  }),
  async (c) => {
    const actor = requireActor(c);
    const campaignId = c.req.valid('param').id;
    const format = c.req.valid('query').format;
    const body =
      format === 'csv' ? await exportCampaignCsv({ actor, campaignId }) : await exportCampaignXlsx({ actor, campaignId });
    return c.body(new Uint8Array(body), 200, {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : xlsxType,
      'content-disposition': `attachment; filename="survey-${campaignId}.${format}"`,
    });
  },
);

surveyRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/survey-campaigns/{id}/report.docx',
    tags,
    summary: 'Summary report for the leadership (DOCX, Decree 30/2020/NĐ-CP format)',
    request: { params: campaignParams, query: reportQuerySchema },
    responses: { 200: binary(docxType, 'DOCX report'), ...problemResponses },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const campaignId = c.req.valid('param').id;
    const body = await exportCampaignReport({
      actor: requireActor(c),
      campaignId,
      options: {
        numberSymbol: query.numberSymbol,
        signature:
          query.capacity || query.signerName
            ? { authority: query.authority, capacity: query.capacity ?? 'Phó Cục trưởng', signerName: query.signerName ?? '' }
            : undefined,
      },
    });
    return c.body(new Uint8Array(body), 200, {
      'content-type': docxType,
      'content-disposition': `attachment; filename="bao-cao-${campaignId}.docx"`,
    });
  },
);

surveyRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/survey-campaigns/{id}/qr',
    tags,
    summary: 'Printable QR code of the public link',
    request: { params: campaignParams, query: z.object({ format: z.enum(['png', 'svg']).default('png') }) },
    responses: {
      200: {
        description: 'QR code',
        content: { 'image/png': { schema: z.string().openapi({ format: 'binary' }) }, 'image/svg+xml': { schema: z.string() } },
      },
      ...problemResponses,
    },
  }),
  async (c) => {
    const qr = await getPublicLinkQr({
      actor: requireActor(c),
      campaignId: c.req.valid('param').id,
      format: c.req.valid('query').format,
    });
    return c.body(new Uint8Array(qr.body), 200, { 'content-type': qr.contentType, 'x-public-url': qr.url });
  },
);

surveyRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/survey-campaigns/{id}/responses/{organizationId}',
    tags,
    summary: "An organization's response (contact blocks only for the coordinating and the responding organization)",
    request: { params: responseParams },
    responses: { 200: jsonResponse(responseSchema, 'Response'), ...problemResponses },
  }),
  async (c) => {
    const { id, organizationId } = c.req.valid('param');
    return c.json(await getResponse({ actor: requireActor(c), campaignId: id, organizationId }), 200);
  },
);

surveyRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/survey-campaigns/{id}/responses/{organizationId}/draft',
    tags,
    summary: 'Autosave a draft (officers); optimistic concurrency on `version`',
    request: { params: responseParams, body: jsonBody(draftSchema) },
    responses: { 200: jsonResponse(responseSchema, 'Saved'), ...conflictResponse, ...problemResponses },
  }),
  async (c) => {
    const { id, organizationId } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(
      await saveDraft({
        actor: requireActor(c),
        campaignId: id,
        organizationId,
        version: body.version,
        answers: body.answers as Answers,
        requestId: requestIdOf(c),
      }),
      200,
    );
  },
);

surveyRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/survey-campaigns/{id}/responses/{organizationId}/submit',
    tags,
    summary:
      'Submit (leaders); refused after the deadline with DEADLINE_PASSED unless extended; validation errors name each question',
    request: { params: responseParams, body: jsonBody(submitSchema) },
    responses: { 200: jsonResponse(responseSchema, 'Submitted'), ...conflictResponse, ...problemResponses },
  }),
  async (c) => {
    const { id, organizationId } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(
      await submitResponse({
        actor: requireActor(c),
        campaignId: id,
        organizationId,
        version: body.version,
        answers: body.answers as Answers | undefined,
        requestId: requestIdOf(c),
      }),
      200,
    );
  },
);

surveyRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/survey-campaigns/{id}/responses/{organizationId}/reopen',
    tags,
    summary: 'Reopen a submitted response for changes (coordinators); the submission stays in the history',
    request: { params: responseParams, body: jsonBody(reopenSchema) },
    responses: { 200: jsonResponse(responseSchema, 'Reopened'), ...conflictResponse, ...problemResponses },
  }),
  async (c) => {
    const { id, organizationId } = c.req.valid('param');
    return c.json(
      await reopenResponse({
        actor: requireActor(c),
        campaignId: id,
        organizationId,
        reason: c.req.valid('json').reason,
        requestId: requestIdOf(c),
      }),
      200,
    );
  },
);

surveyRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/survey-campaigns/{id}/responses/{organizationId}/versions',
    tags,
    summary: 'Every saved version of a response',
    request: { params: responseParams },
    responses: { 200: jsonResponse(z.array(versionSchema), 'Versions'), ...problemResponses },
  }),
  async (c) => {
    const { id, organizationId } = c.req.valid('param');
    return c.json(await listResponseVersions({ actor: requireActor(c), campaignId: id, organizationId }), 200);
  },
);

surveyRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/survey-campaigns/{id}/responses/{organizationId}/uploads',
    tags,
    summary: 'Upload a file answering a file question (multipart: questionId, file); type, signature and size are checked',
    request: {
      params: responseParams,
      body: { content: { 'multipart/form-data': { schema: uploadFormSchema } }, required: true },
    },
    responses: {
      201: jsonResponse(fileAnswerSchemaOut, 'Stored; put this value in the answers'),
      413: problemResponses[400],
      415: problemResponses[400],
      ...problemResponses,
    },
  }),
  async (c) => {
    const { id, organizationId } = c.req.valid('param');
    const form = c.req.valid('form') as { questionId: string; file?: unknown };
    if (!(form.file instanceof File))
      throw new AppError('VALIDATION_FAILED', 'Upload the file in the "file" field', {
        invalidFields: [{ path: 'form.file', message: 'a file is required' }],
      });
    const file = form.file;
    const stored = await uploadAnswerFile({
      actor: requireActor(c),
      campaignId: id,
      organizationId,
      questionId: form.questionId,
      fileName: file.name,
      contentType: file.type,
      bytes: Buffer.from(await file.arrayBuffer()),
      requestId: requestIdOf(c),
    });
    return c.json(stored, 201);
  },
);

surveyRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/survey-campaigns/{id}/uploads/{uploadId}',
    tags,
    summary: 'Download an uploaded answer file',
    request: { params: campaignParams.extend({ uploadId: z.string() }) },
    responses: { 200: binary('application/octet-stream', 'File'), ...problemResponses },
  }),
  async (c) => {
    const { id, uploadId } = c.req.valid('param');
    const file = await readAnswerFile({ actor: requireActor(c), campaignId: id, uploadId });
    return c.body(new Uint8Array(file.bytes), 200, {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'x-content-type-options': 'nosniff',
    });
  },
);

surveyRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/survey-campaigns/{id}/responses/{organizationId}/directory-update',
    tags,
    summary: 'What the submitted answer would change in the network directory (unit, staff, focal point, spokesperson)',
    request: { params: responseParams },
    responses: { 200: jsonResponse(directoryPreviewSchema, 'Proposed changes'), ...problemResponses },
  }),
  async (c) => {
    const { id, organizationId } = c.req.valid('param');
    return c.json(await previewDirectoryUpdate({ actor: requireActor(c), campaignId: id, organizationId }), 200);
  },
);

surveyRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/survey-campaigns/{id}/responses/{organizationId}/directory-update',
    tags,
    summary: 'Apply the confirmed fields of the submitted answer to the network directory',
    request: { params: responseParams, body: jsonBody(directoryApplySchema) },
    responses: {
      200: jsonResponse(z.object({ organizationId: z.string(), applied: z.array(z.string()), profile: z.unknown() }), 'Applied'),
      ...problemResponses,
    },
  }),
  async (c) => {
    const { id, organizationId } = c.req.valid('param');
    return c.json(
      await applyDirectoryUpdate({
        actor: requireActor(c),
        campaignId: id,
        organizationId,
        fields: c.req.valid('json').fields,
        requestId: requestIdOf(c),
      }),
      200,
    );
  },
);

surveyRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/survey-notifications',
    tags,
    summary: "Survey notices of the user's organization",
    responses: { 200: jsonResponse(z.array(notificationSchema), 'Notices'), ...problemResponses },
  }),
  async (c) => c.json(await listNotifications({ actor: requireActor(c) }), 200),
);

surveyRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/survey-notifications/{id}/read',
    tags,
    summary: 'Mark a notice read',
    request: { params: z.object({ id: z.string().uuid() }) },
    responses: { 204: { description: 'Read' }, ...problemResponses },
  }),
  async (c) => {
    await markNotificationRead({ actor: requireActor(c), notificationId: c.req.valid('param').id });
    return c.body(null, 204);
  },
);

surveyRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/public/surveys/{token}',
    tags,
    summary: 'A survey open to unauthenticated answers (public link / QR code)',
    request: { params: z.object({ token: z.string() }) },
    responses: { 200: jsonResponse(publicSurveySchema, 'Survey'), ...problemResponses },
  }),
  async (c) => c.json(await getPublicSurvey({ token: c.req.valid('param').token }), 200),
);

surveyRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/public/surveys/{token}/answers',
    tags,
    summary: 'Answer through the public link; rate-limited per IP, size-limited, honeypot field "website"',
    request: { params: z.object({ token: z.string() }), body: jsonBody(publicAnswerSchema) },
    responses: {
      202: jsonResponse(z.object({ accepted: z.literal(true) }), 'Accepted'),
      429: problemResponses[400],
      ...conflictResponse,
      ...problemResponses,
    },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const ip =
      c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ??
      (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress ??
      'unknown';
    const result = await submitPublicAnswer({
      token: c.req.valid('param').token,
      answers: body.answers as Answers,
      respondentOrganization: body.respondentOrganization,
      honeypot: body.website,
      ip,
    });
    return c.json(result, 202);
  },
);
