import { and, desc, eq, sql } from 'drizzle-orm';
import { getDb, type Executor } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import type { Actor } from '../../platform/actor';
import { formDefinitionSchema, listQuestions, type FormDefinition, type FormDefinitionInput } from './form-model';
import { surveyForms, type SurveyForm } from './schema';
import { assertCanManageSurveys } from './policies';
import { capacity837Template } from './templates/capacity-837';

export interface FormView {
  id: string;
  key: string;
  version: number;
  title: string;
  description: string | null;
  allowsPublic: boolean;
  isTemplate: boolean;
  questionCount: number;
  createdAt: string;
  definition: FormDefinition;
}

export function toFormView(form: SurveyForm): FormView {
  return {
    id: form.id,
    key: form.key,
    version: form.version,
    title: form.title,
    description: form.description,
    allowsPublic: form.allowsPublic,
    isTemplate: form.isTemplate,
    questionCount: listQuestions(form.definition).length,
    createdAt: form.createdAt.toISOString(),
    definition: form.definition,
  };
}

let templatesSeeded: Promise<void> | undefined;

/** Inserts the shipped templates (the 837 capacity survey) once; idempotent by (key, version). */
export function seedSurveyTemplates(): Promise<void> {
  templatesSeeded ??= (async () => {
    const db = await getDb();
    const definition = formDefinitionSchema.parse(capacity837Template.definition);
    await db
      .insert(surveyForms)
      .values({
        key: capacity837Template.key,
        version: 1,
        title: capacity837Template.title,
        description: capacity837Template.description,
        definition,
        allowsPublic: capacity837Template.allowsPublic,
        isTemplate: true,
      })
      .onConflictDoNothing();
  })().catch((error: unknown) => {
    templatesSeeded = undefined;
    throw error;
  });
  return templatesSeeded;
}

/** The latest version of every form (templates first). Forms are not secret: any signed-in user may read them. */
export async function listForms(): Promise<FormView[]> {
  await seedSurveyTemplates();
  const db = await getDb();
  const rows = await db
    .select()
    .from(surveyForms)
    .where(sql`${surveyForms.version} = (SELECT max(f.version) FROM survey_forms f WHERE f.key = ${surveyForms.key})`)
    .orderBy(desc(surveyForms.isTemplate), desc(surveyForms.createdAt));
  return rows.map(toFormView);
}

export async function loadForm(db: Executor, formId: string): Promise<SurveyForm> {
  const [form] = await db.select().from(surveyForms).where(eq(surveyForms.id, formId));
  if (!form) throw notFound('Form', formId);
  return form;
}

export async function getForm({ formId }: { formId: string }): Promise<FormView> {
  await seedSurveyTemplates();
  return toFormView(await loadForm(await getDb(), formId));
}

/** Every version of one form, newest first. */
export async function listFormVersions({ key }: { key: string }): Promise<FormView[]> {
  await seedSurveyTemplates();
  const db = await getDb();
  const rows = await db.select().from(surveyForms).where(eq(surveyForms.key, key)).orderBy(desc(surveyForms.version));
  if (rows.length === 0) throw notFound('Form', key);
  return rows.map(toFormView);
}

export interface FormInput {
  key?: string;
  title: string;
  description?: string | null;
  allowsPublic?: boolean;
  definition: FormDefinitionInput;
}

function parseDefinition(input: FormDefinitionInput): FormDefinition {
  const parsed = formDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'The form definition is invalid', {
      invalidFields: parsed.error.issues.map((issue) => ({
        path: ['definition', ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
    });
  }
  return parsed.data;
}

function keyFromTitle(title: string): string {
  const base = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return `${base || 'form'}-${Date.now().toString(36)}`;
}

/** Creates version 1 of a new form (coordinators). */
export async function createForm({
  actor,
  input,
  requestId,
}: {
  actor: Actor;
  input: FormInput;
  requestId?: string;
}): Promise<FormView> {
  assertCanManageSurveys(actor, 'build forms');
  const definition = parseDefinition(input.definition);
  const key = input.key ?? keyFromTitle(input.title);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: surveyForms.id }).from(surveyForms).where(eq(surveyForms.key, key)).limit(1);
    if (existing)
      throw new AppError('ALREADY_EXISTS', `Form ${key} already exists; add a version instead`, {
        invalidFields: [{ path: 'key', message: 'already exists' }],
      });
    const [form] = await tx
      .insert(surveyForms)
      .values({
        key,
        version: 1,
        title: input.title,
        description: input.description ?? null,
        allowsPublic: input.allowsPublic ?? false,
        definition,
        createdByUserId: actor.userId,
      })
      .returning();
    await recordAudit(tx, {
      actor,
      action: 'survey-form.create',
      entityType: 'survey-form',
      entityId: form!.id,
      after: { key, version: 1, title: input.title },
      requestId,
    });
    return toFormView(form!);
  });
}

/** Adds a new version of a form; campaigns already launched keep pointing at the version they used. */
export async function createFormVersion({
  actor,
  key,
  input,
  requestId,
}: {
  actor: Actor;
  key: string;
  input: Omit<FormInput, 'key'>;
  requestId?: string;
}): Promise<FormView> {
  assertCanManageSurveys(actor, 'edit forms');
  const definition = parseDefinition(input.definition);
  await seedSurveyTemplates();
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Serialises concurrent "new version" requests on the same key.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`survey-form:${key}`}))`);
    const [latest] = await tx
      .select()
      .from(surveyForms)
      .where(eq(surveyForms.key, key))
      .orderBy(desc(surveyForms.version))
      .limit(1);
    if (!latest) throw notFound('Form', key);
    const [form] = await tx
      .insert(surveyForms)
      .values({
        key,
        version: latest.version + 1,
        title: input.title,
        description: input.description ?? null,
        allowsPublic: input.allowsPublic ?? latest.allowsPublic,
        isTemplate: latest.isTemplate,
        definition,
        createdByUserId: actor.userId,
      })
      .returning();
    await recordAudit(tx, {
      actor,
      action: 'survey-form.version',
      entityType: 'survey-form',
      entityId: form!.id,
      before: { version: latest.version },
      after: { key, version: form!.version },
      requestId,
    });
    return toFormView(form!);
  });
}

export async function findTemplateForm(key: string): Promise<SurveyForm> {
  await seedSurveyTemplates();
  const db = await getDb();
  const [form] = await db
    .select()
    .from(surveyForms)
    .where(and(eq(surveyForms.key, key)))
    .orderBy(desc(surveyForms.version))
    .limit(1);
  if (!form) throw notFound('Form', key);
  return form;
}
