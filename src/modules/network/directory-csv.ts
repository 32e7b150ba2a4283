import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from '@hono/zod-openapi';
import { getDb, type Executor } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { logger } from '../../platform/logger';
import { isNetworkWide, type Actor } from '../../platform/actor';
import { foldDiacritics } from '../../text/normalize';
import { inForceOn, organizations } from '../agencies';
import { networkContacts, networkProfiles, type ContactRole } from './schema';
import { phoneSchema } from './contracts';
import { canEditNetworkProfile, canReadContacts } from './policies';
import { changeContact, insertContact, saveNetworkProfile, type ContactInput, type NetworkProfileChanges } from './profiles';
import { dateInVietnam } from '../../platform/dates';

/** Columns of the directory CSV, in export order. `organization_name` and `kind` are informative on import. */
export const publicColumns = [
  'organization_id',
  'organization_name',
  'kind',
  'unit_name',
  'unit_is_dedicated',
  'staff_dedicated',
  'staff_part_time',
] as const;
/** The columns of one contact (a row of the member CSV has at most one). */
const contactColumns = [
  'contact_id',
  'contact_role',
  'contact_full_name',
  'contact_position',
  'contact_phone',
  'contact_email',
] as const;
export const memberColumns = [...publicColumns, 'unit_notes', ...contactColumns] as const;
type Column = (typeof memberColumns)[number];

/** Excel opens UTF-8 CSV correctly only with a byte-order mark. */
const bom = '\uFEFF';
export const maxImportBytes = 5_000_000;
export const maxImportRows = 20_000;

/**
 * The directory as CSV (UTF-8 with BOM): organizations in force on a date with their communication unit;
 * for signed-in members also the unit notes and one row per contact (focal points, spokespersons).
 */
export async function exportDirectoryCsv({
  actor,
  on = dateInVietnam(),
  kinds,
}: {
  actor: Actor | null;
  on?: string;
  kinds?: string[];
}): Promise<string> {
  const db = await getDb();
  const isMember = canReadContacts(actor);
  const filters = [inForceOn(on)];
  if (kinds && kinds.length > 0) filters.push(inArray(organizations.kind, kinds));
  if (!isMember) filters.push(eq(organizations.isPublic, true));
  const rows = await db
    .select({ organization: organizations, profile: networkProfiles })
    .from(organizations)
    .leftJoin(networkProfiles, eq(networkProfiles.organizationId, organizations.id))
    .where(and(...filters))
    .orderBy(asc(organizations.kind), asc(organizations.name));
  const contacts =
    isMember && rows.length > 0
      ? await db
          .select()
          .from(networkContacts)
          .where(
            inArray(
              networkContacts.organizationId,
              rows.map((r) => r.organization.id),
            ),
          )
          .orderBy(asc(networkContacts.role), asc(networkContacts.createdAt))
      : [];
  const contactsByOrg = new Map<string, typeof contacts>();
  for (const contact of contacts)
    (
      contactsByOrg.get(contact.organizationId) ?? contactsByOrg.set(contact.organizationId, []).get(contact.organizationId)!
    ).push(contact);
  const columns = isMember ? memberColumns : publicColumns;
  const records: string[][] = [];
  for (const { organization, profile } of rows) {
    const base = [
      organization.id,
      organization.name,
      organization.kind,
      profile?.unitName ?? '',
      profile ? (profile.unitIsDedicated ? 'yes' : 'no') : '',
      profile ? String(profile.staffDedicated) : '',
      profile ? String(profile.staffPartTime) : '',
    ];
    if (!isMember) {
      records.push(base);
      continue;
    }
    const withNotes = [...base, profile?.notes ?? ''];
    const orgContacts = contactsByOrg.get(organization.id) ?? [];
    if (orgContacts.length === 0) records.push([...withNotes, '', '', '', '', '', '']);
    for (const contact of orgContacts) {
      records.push([
        ...withNotes,
        contact.id,
        contact.role,
        contact.fullName,
        contact.position ?? '',
        contact.phone ?? '',
        contact.email ?? '',
      ]);
    }
  }
  return (
    bom +
    stringify([columns as readonly string[] as string[], ...records.map((record) => record.map(neutralizeFormula))], {
      record_delimiter: '\r\n',
    })
  );
}

/**
 * Spreadsheets run a cell that starts with = + - @ as a formula (CSV injection). Such cells get a leading
 * apostrophe, which Excel hides and the import strips; phone numbers such as "+84 24 3825 1234" hold no
 * formula and are left as they are.
 */
export function neutralizeFormula(value: string): string {
  if (/^[=@\t\r]/.test(value) || (/^[+-]/.test(value) && !/^[+-][0-9 ().+-]*$/.test(value))) return `'${value}`;
  return value;
}

function restoreFormulaEscape(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export interface ImportRejection {
  line: number;
  field: string | null;
  reason: string;
}

export interface ImportReport {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: ImportRejection[];
}

interface RawRecord {
  line: number;
  raw: string;
  isUnclosed?: boolean;
}

/**
 * Splits CSV text into logical records with the line each starts on. A quote left open would swallow the
 * rest of the file; it is confined to its own physical line so that the rows after it are still read.
 */
export function splitCsvRecords(text: string): RawRecord[] {
  const records: RawRecord[] = [];
  let index = 0;
  let line = 1;
  while (index < text.length) {
    let inQuote = false;
    let end = index;
    let innerNewlines = 0;
    for (; end < text.length; end++) {
      const char = text[end];
      if (char === '"') inQuote = !inQuote;
      else if (char === '\n') {
        if (!inQuote) break;
        innerNewlines++;
      }
    }
    if (inQuote) {
      const newline = text.indexOf('\n', index);
      const lineEnd = newline < 0 ? text.length : newline;
      records.push({ line, raw: text.slice(index, lineEnd).replace(/\r$/, ''), isUnclosed: true });
      index = lineEnd + 1;
      line++;
      continue;
    }
    records.push({ line, raw: text.slice(index, end).replace(/\r$/, '') });
    line += innerNewlines + 1;
    index = end + 1;
  }
  return records.filter((record) => record.raw.trim() !== '');
}

function detectDelimiter(headerLine: string): string {
  const counts = [',', ';', '\t'].map((delimiter) => ({ delimiter, count: headerLine.split(delimiter).length - 1 }));
  counts.sort((a, b) => b.count - a.count);
  return counts[0]!.count > 0 ? counts[0]!.delimiter : ',';
}

function parseRecord(raw: string, delimiter: string): string[] {
  const [fields] = parse(raw, { delimiter, relax_column_count: true }) as string[][];
  return (fields ?? []).map((field) => restoreFormulaEscape(field.normalize('NFC').trim()));
}

const roleAliases: Record<string, ContactRole> = {
  'focal-point': 'focal-point',
  'focal point': 'focal-point',
  'dau moi': 'focal-point',
  spokesperson: 'spokesperson',
  'nguoi phat ngon': 'spokesperson',
  'phat ngon': 'spokesperson',
};
const trueWords = new Set(['yes', 'true', '1', 'co', 'x']);
const falseWords = new Set(['no', 'false', '0', 'khong']);
const emailSchema = z.string().email().max(320);

interface ParsedRow {
  line: number;
  organizationId: string;
  profile: NetworkProfileChanges | null;
  contact: (ContactInput & { id: string | null }) | null;
}

function validateRow(line: number, values: Map<Column, string>): { row?: ParsedRow; errors: ImportRejection[] } {
  const errors: ImportRejection[] = [];
  const reject = (field: Column, reason: string) => errors.push({ line, field, reason });
  const get = (column: Column) => values.get(column) ?? '';
  const tooLong = (column: Column, max: number) => {
    if (get(column).length > max) {
      reject(column, `longer than ${max} characters`);
      return true;
    }
    return false;
  };
  const organizationId = get('organization_id');
  if (!organizationId) reject('organization_id', 'required');
  else tooLong('organization_id', 200);

  const profile: NetworkProfileChanges = {};
  if (get('unit_name') && !tooLong('unit_name', 300)) profile.unitName = get('unit_name');
  if (get('unit_is_dedicated')) {
    const word = foldDiacritics(get('unit_is_dedicated').toLowerCase());
    if (trueWords.has(word)) profile.isDedicated = true;
    else if (falseWords.has(word)) profile.isDedicated = false;
    else reject('unit_is_dedicated', `"${get('unit_is_dedicated').slice(0, 40)}" is not yes/no (có/không, true/false, 1/0)`);
  }
  for (const [column, key] of [
    ['staff_dedicated', 'staffDedicated'],
    ['staff_part_time', 'staffPartTime'],
  ] as const) {
    const text = get(column);
    if (!text) continue;
    if (!/^\d{1,6}$/.test(text) || Number(text) > 100_000)
      reject(column, `"${text.slice(0, 40)}" is not a whole number from 0 to 100000`);
    else profile[key] = Number(text);
  }
  if (get('unit_notes') && !tooLong('unit_notes', 5000)) profile.notes = get('unit_notes');

  let contact: ParsedRow['contact'] = null;
  if (contactColumns.some((column) => get(column) !== '')) {
    const contactId = get('contact_id') || null;
    if (contactId && !z.string().uuid().safeParse(contactId).success)
      reject('contact_id', 'not a contact id from an export (UUID)');
    const role =
      roleAliases[
        foldDiacritics(get('contact_role').toLowerCase())
          .replace(/[_\s]+/g, ' ')
          .trim()
      ] ?? roleAliases[get('contact_role').toLowerCase()];
    if (!get('contact_role')) reject('contact_role', 'required for a contact (focal-point or spokesperson)');
    else if (!role)
      reject(
        'contact_role',
        `"${get('contact_role').slice(0, 40)}" is not focal-point (đầu mối) or spokesperson (người phát ngôn)`,
      );
    const fullName = get('contact_full_name');
    if (fullName.length < 2) reject('contact_full_name', 'required for a contact (at least 2 characters)');
    else tooLong('contact_full_name', 200);
    tooLong('contact_position', 300);
    const phone = get('contact_phone');
    if (phone) {
      const result = phoneSchema.safeParse(phone);
      if (!result.success)
        reject('contact_phone', `"${phone.slice(0, 40)}": ${result.error.issues[0]?.message ?? 'invalid phone number'}`);
    }
    const email = get('contact_email');
    if (email && !emailSchema.safeParse(email).success)
      reject('contact_email', `"${email.slice(0, 80)}" is not a valid email address`);
    if (role)
      contact = {
        id: contactId,
        role,
        fullName,
        position: get('contact_position') || null,
        phone: phone || null,
        email: email || null,
      };
  }
  if (errors.length > 0) return { errors };
  if (Object.keys(profile).length === 0 && !contact)
    return { errors: [{ line, field: null, reason: 'nothing to import: no unit or contact fields' }] };
  return { row: { line, organizationId, profile: Object.keys(profile).length > 0 ? profile : null, contact }, errors };
}

async function findExistingContact(tx: Executor, organizationId: string, contact: NonNullable<ParsedRow['contact']>) {
  if (contact.id) {
    const [byId] = await tx.select().from(networkContacts).where(eq(networkContacts.id, contact.id)).for('update');
    if (!byId || byId.organizationId !== organizationId) {
      throw new AppError('VALIDATION_FAILED', `contact ${contact.id} does not belong to ${organizationId}`, {
        details: { field: 'contact_id' },
      });
    }
    return byId;
  }
  // Without an id, a row matches the same person by email, else by name, within the organization and role.
  const sameEmail = contact.email ? sql`lower(${networkContacts.email}) = ${contact.email.toLowerCase()}` : undefined;
  const sameName = sql`lower(${networkContacts.fullName}) = ${contact.fullName.toLowerCase()}`;
  const [match] = await tx
    .select()
    .from(networkContacts)
    .where(and(eq(networkContacts.organizationId, organizationId), eq(networkContacts.role, contact.role), sameEmail ?? sameName))
    .orderBy(asc(networkContacts.createdAt))
    .limit(1)
    .for('update');
  return match;
}

/**
 * Imports directory rows (unit fields and contacts). Every row is validated, then written in its own
 * savepoint: a bad row is reported with its line and field while the good rows still go through, and no
 * row is ever half-saved. Officers and leaders may import rows of their own organization only.
 */
export async function importDirectoryCsv({
  actor,
  csv,
  requestId,
}: {
  actor: Actor;
  csv: string;
  requestId?: string;
}): Promise<ImportReport> {
  if (!isNetworkWide(actor) && actor.role !== 'officer' && actor.role !== 'leader') {
    throw new AppError('FORBIDDEN', 'Viewers cannot import into the directory');
  }
  if (Buffer.byteLength(csv, 'utf8') > maxImportBytes)
    throw new AppError('PAYLOAD_TOO_LARGE', `The CSV file exceeds ${maxImportBytes} bytes`);
  const text = csv.startsWith(bom) ? csv.slice(1) : csv;
  const records = splitCsvRecords(text);
  const headerRecord = records.shift();
  if (!headerRecord)
    throw new AppError('VALIDATION_FAILED', 'The CSV file is empty', {
      invalidFields: [{ path: 'line 1', message: 'header row expected' }],
    });
  if (records.length > maxImportRows)
    throw new AppError('PAYLOAD_TOO_LARGE', `At most ${maxImportRows} rows per import; this file has ${records.length}`);
  const delimiter = detectDelimiter(headerRecord.raw);
  let header: string[];
  try {
    header = parseRecord(headerRecord.raw, delimiter).map((name) => name.toLowerCase());
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', 'The header row is not valid CSV', {
      invalidFields: [{ path: `line ${headerRecord.line}`, message: (error as Error).message }],
    });
  }
  const known = new Set<string>(memberColumns);
  const headerProblems = header.flatMap((name, index) =>
    known.has(name)
      ? []
      : [
          {
            path: `line ${headerRecord.line}: column ${index + 1}`,
            message: `unknown column "${name.slice(0, 60)}"; expected ${memberColumns.join(', ')}`,
          },
        ],
  );
  if (!header.includes('organization_id'))
    headerProblems.push({ path: `line ${headerRecord.line}`, message: 'the organization_id column is required' });
  const duplicates = header.filter((name, index) => header.indexOf(name) !== index);
  for (const name of new Set(duplicates))
    headerProblems.push({ path: `line ${headerRecord.line}: ${name}`, message: 'column appears twice' });
  if (headerProblems.length > 0)
    throw new AppError('VALIDATION_FAILED', 'The header row has problems', { invalidFields: headerProblems });

  const report: ImportReport = { imported: 0, updated: 0, unchanged: 0, rejected: [] };
  const rows: ParsedRow[] = [];
  for (const record of records) {
    if (record.isUnclosed) {
      report.rejected.push({ line: record.line, field: null, reason: 'a quoted field is never closed' });
      continue;
    }
    let fields: string[];
    try {
      fields = parseRecord(record.raw, delimiter);
    } catch (error) {
      report.rejected.push({ line: record.line, field: null, reason: (error as Error).message.replace(/ at line \d+/, '') });
      continue;
    }
    if (fields.length !== header.length) {
      report.rejected.push({
        line: record.line,
        field: null,
        reason: `expected ${header.length} fields as in the header, found ${fields.length}`,
      });
      continue;
    }
    const values = new Map(header.map((name, index) => [name as Column, fields[index] ?? '']));
    const { row, errors } = validateRow(record.line, values);
    report.rejected.push(...errors);
    if (row) rows.push(row);
  }

  const db = await getDb();
  const organizationIds = [...new Set(rows.map((row) => row.organizationId))];
  const existing = organizationIds.length
    ? new Set(
        (await db.select({ id: organizations.id }).from(organizations).where(inArray(organizations.id, organizationIds))).map(
          (r) => r.id,
        ),
      )
    : new Set<string>();

  await db.transaction(async (tx) => {
    for (const row of rows) {
      if (!existing.has(row.organizationId)) {
        report.rejected.push({
          line: row.line,
          field: 'organization_id',
          reason: `unknown organization "${row.organizationId.slice(0, 80)}"`,
        });
        continue;
      }
      if (!canEditNetworkProfile(actor, row.organizationId)) {
        report.rejected.push({ line: row.line, field: 'organization_id', reason: `you may not edit ${row.organizationId}` });
        continue;
      }
      try {
        // Savepoint per row: a failure rolls back this row only.
        const outcome = await tx.transaction(async (savepoint) => {
          const outcomes: ('created' | 'updated' | 'unchanged')[] = [];
          const merge = (next: 'created' | 'updated' | 'unchanged') => outcomes.push(next);
          if (row.profile)
            merge(
              await saveNetworkProfile({
                actor,
                organizationId: row.organizationId,
                changes: row.profile,
                tx: savepoint,
                requestId,
              }),
            );
          if (row.contact) {
            const { id: _id, ...input } = row.contact;
            const match = await findExistingContact(savepoint, row.organizationId, row.contact);
            if (match) {
              const changed = await changeContact({ actor, contact: match, changes: input, tx: savepoint, requestId });
              merge(changed ? 'updated' : 'unchanged');
            } else {
              await insertContact({ actor, organizationId: row.organizationId, input, tx: savepoint, requestId });
              merge('created');
            }
          }
          return outcomes.includes('created') ? 'created' : outcomes.includes('updated') ? 'updated' : 'unchanged';
        });
        if (outcome === 'created') report.imported++;
        else if (outcome === 'updated') report.updated++;
        else report.unchanged++;
      } catch (error) {
        if (error instanceof AppError) {
          const field = typeof error.details?.field === 'string' ? error.details.field : null;
          report.rejected.push({ line: row.line, field, reason: error.message });
        } else {
          logger.error({ err: error, line: row.line, requestId }, 'directory import row failed');
          report.rejected.push({
            line: row.line,
            field: null,
            reason: 'the row could not be saved (internal error, see the server log)',
          });
        }
      }
    }
  });
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}
