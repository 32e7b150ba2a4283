import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { auditLog } from '../../platform/schema';
import { systemActor, type Actor } from '../../platform/actor';
import { uniqueSuffix } from '../../../test/factories';
import { legalDocumentIdOf } from './identity';
import { legalDocumentLinks } from './schema';
import { createLegalDocument, updateLegalDocument } from './edit-legal-documents';
import {
  getLegalDocument,
  listLegalDocumentNames,
  listLegalDocuments,
  seedReferenceLegalDocuments,
  withDraftsOf,
} from './legal-documents';
import { referenceLegalDocuments, type ReferenceLegalDocument } from './reference-data';

const PRESS_LAW_2016 = 'policy:luat:103/2016/qh13';
const PRESS_LAW_2025 = 'policy:luat:126/2025/qh15';
const PRESS_LAW_DRAFT = 'policy:luat:du-thao/bao-chi-sua-doi';

function actorWithRole(role: Actor['role']): Actor {
  return { ...systemActor, kind: 'user', email: `${role}-${uniqueSuffix()}@example.gov.vn`, role, via: 'session' };
}
const coordinator = actorWithRole('coordinator');

/** A number/symbol no other test uses: "12/2026/QĐ-T1a2b3c4d". */
function freshNumberSymbol(number = 12): string {
  return `${number}/2026/QĐ-T${uniqueSuffix()}`;
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('seedReferenceLegalDocuments', () => {
  it('has seeded every reference document once at boot, and seeding again inserts nothing', async () => {
    expect(await seedReferenceLegalDocuments()).toEqual({ inserted: 0 });
    const ids = new Set((await listLegalDocuments()).map((document) => document.id));
    for (const document of referenceLegalDocuments) expect(ids.has(document.id), document.id).toBe(true);
    const pressLaw = await getLegalDocument({ id: PRESS_LAW_2016 });
    expect(pressLaw).toMatchObject({
      kind: 'luat',
      numberSymbol: '103/2016/QH13',
      title: 'Luật Báo chí',
      issuer: 'Quốc hội',
      issuedOn: '2016-04-05',
      effectiveFrom: '2017-01-01',
      effectiveTo: '2026-06-30',
      isReference: true,
    });
  });

  it('inserts new documents and their links once, and leaves a row an administrator edited alone', async () => {
    const suffix = uniqueSuffix();
    const facts = (numberSymbol: string, title: string, dates: Partial<ReferenceLegalDocument>): ReferenceLegalDocument => ({
      id: legalDocumentIdOf('quyet-dinh', numberSymbol)!,
      kind: 'quyet-dinh',
      status: 'issued',
      numberSymbol,
      title,
      aliases: [],
      issuer: 'Thủ tướng Chính phủ',
      issuedOn: null,
      effectiveFrom: null,
      effectiveTo: null,
      notes: null,
      ...dates,
    });
    const older = facts(`1/2020/QĐ-S${suffix}`, `Quyết định thử cũ ${suffix}`, { effectiveTo: '2023-12-31' });
    const newer = facts(`2/2024/QĐ-S${suffix}`, `Quyết định thử mới ${suffix}`, { effectiveFrom: '2024-01-01' });
    const links = [{ predecessorId: older.id, successorId: newer.id, effectiveOn: '2024-01-01' }];

    expect(await seedReferenceLegalDocuments({ documents: [older, newer], links })).toEqual({ inserted: 2 });
    expect(await seedReferenceLegalDocuments({ documents: [older, newer], links })).toEqual({ inserted: 0 });
    expect(await getLegalDocument({ id: older.id })).toMatchObject({ isReference: true, successors: [newer.id] });
    expect(await getLegalDocument({ id: newer.id })).toMatchObject({ predecessors: [older.id] });

    await updateLegalDocument({ actor: actorWithRole('administrator'), id: older.id, changes: { title: 'Tên đã sửa' } });
    expect(
      await seedReferenceLegalDocuments({ documents: [{ ...older, title: 'Tên trong bản phát hành mới' }, newer], links }),
    ).toEqual({ inserted: 0 });
    expect((await getLegalDocument({ id: older.id })).title).toBe('Tên đã sửa');

    const db = await getDb();
    const seeded = await db.select().from(auditLog).where(eq(auditLog.action, 'legal.document.seed'));
    expect(seeded.some((entry) => JSON.stringify(entry.after).includes(older.id))).toBe(true);
  });
});

describe('listLegalDocuments', () => {
  it('finds the Press Laws with or without diacritics, in any case', async () => {
    for (const search of ['luat bao chi', 'Luật Báo chí', 'LUẬT BÁO CHÍ', 'LUAT BAO CHI']) {
      const ids = (await listLegalDocuments({ search })).map((document) => document.id);
      expect(ids.slice(0, 2).sort(), search).toEqual([PRESS_LAW_2016, PRESS_LAW_2025]);
    }
  });

  it('finds a document by its number/symbol, whole or in part, ranked first', async () => {
    const byNumber = await listLegalDocuments({ search: '103/2016' });
    expect(byNumber[0]!.id).toBe(PRESS_LAW_2016);
    expect(byNumber.map((document) => document.id)).not.toContain(PRESS_LAW_2025);
    expect((await listLegalDocuments({ search: '103/2016/QH13' }))[0]!.id).toBe(PRESS_LAW_2016);
    expect((await listLegalDocuments({ search: 'Nghị định 09/2017/NĐ-CP' }))[0]!.id).toBe('policy:nghi-dinh:09/2017/nd-cp');
    expect((await listLegalDocuments({ search: '837/btttt' }))[0]!.numberSymbol).toBe('837/BTTTT-CBC');
  });

  it('matches words from their start only', async () => {
    const ids = (await listLegalDocuments({ search: 'bao ve du lieu ca nhan' })).map((document) => document.id);
    expect(ids).toEqual(
      expect.arrayContaining(['policy:luat:91/2025/qh15', 'policy:nghi-dinh:13/2023/nd-cp', 'policy:nghi-dinh:356/2025/nd-cp']),
    );
    expect(ids).not.toContain(PRESS_LAW_2016);
    expect(await listLegalDocuments({ search: 'uat bao' })).toEqual([]);
  });

  it('filters by kind', async () => {
    const decrees = await listLegalDocuments({ kind: 'nghi-dinh', search: 'du lieu ca nhan' });
    expect(decrees.map((document) => document.id).sort()).toEqual([
      'policy:nghi-dinh:13/2023/nd-cp',
      'policy:nghi-dinh:356/2025/nd-cp',
    ]);
    const lettersAndDirectives = await listLegalDocuments({ kind: ['cong-van', 'chi-thi'] });
    expect(lettersAndDirectives.map((document) => document.id)).toEqual(
      expect.arrayContaining(['policy:cong-van:837/btttt-cbc', 'policy:chi-thi:07/ct-ttg']),
    );
    expect(lettersAndDirectives.every((document) => ['cong-van', 'chi-thi'].includes(document.kind))).toBe(true);
  });

  it('gives the Press Law in force on a date, switching on 2026-07-01', async () => {
    // Words match in any order, so "luat bao chi" also finds "… chi tiết Luật Bảo vệ …", ranked after the phrase.
    const pressLawsOn = async (on: string) =>
      (await listLegalDocuments({ search: 'luat bao chi', on }))
        .map((document) => document.id)
        .filter((id) => id === PRESS_LAW_2016 || id === PRESS_LAW_2025);
    expect(await pressLawsOn('2025-05-01')).toEqual([PRESS_LAW_2016]);
    expect(await pressLawsOn('2026-06-30')).toEqual([PRESS_LAW_2016]);
    expect(await pressLawsOn('2026-07-01')).toEqual([PRESS_LAW_2025]);
    expect(await pressLawsOn('2026-08-01')).toEqual([PRESS_LAW_2025]);
    expect(await pressLawsOn('2016-12-31')).toEqual([]);
    expect((await listLegalDocuments({ search: 'luat bao chi', on: '2026-08-01' }))[0]!.id).toBe(PRESS_LAW_2025);
  });
});

describe('predecessors and successors', () => {
  it('shows the replacements of the reference data both ways', async () => {
    expect(await getLegalDocument({ id: PRESS_LAW_2016 })).toMatchObject({ predecessors: [], successors: [PRESS_LAW_2025] });
    expect(await getLegalDocument({ id: PRESS_LAW_2025 })).toMatchObject({
      predecessors: [PRESS_LAW_2016, PRESS_LAW_DRAFT],
      successors: [],
    });
    expect(await getLegalDocument({ id: 'policy:nghi-dinh:09/2017/nd-cp' })).toMatchObject({
      issuedOn: '2017-02-09',
      effectiveTo: '2026-06-30',
      successors: ['policy:nghi-dinh:244/2026/nd-cp'],
    });
    expect((await getLegalDocument({ id: 'policy:nghi-dinh:356/2025/nd-cp' })).predecessors).toEqual([
      'policy:nghi-dinh:13/2023/nd-cp',
    ]);
  });

  it('links on the successor’s first day and replaces the lists an edit gives, audited', async () => {
    const older = await createLegalDocument({
      actor: coordinator,
      input: {
        kind: 'quyet-dinh',
        numberSymbol: freshNumberSymbol(3),
        title: 'Quyết định thử cũ',
        effectiveFrom: '2020-01-01',
        effectiveTo: '2025-06-30',
      },
    });
    const newer = await createLegalDocument({
      actor: coordinator,
      input: {
        kind: 'quyet-dinh',
        numberSymbol: freshNumberSymbol(4),
        title: 'Quyết định thử mới',
        effectiveFrom: '2025-07-01',
        predecessors: [older.id],
      },
    });
    expect(newer.predecessors).toEqual([older.id]);
    expect((await getLegalDocument({ id: older.id })).successors).toEqual([newer.id]);
    const db = await getDb();
    const [link] = await db.select().from(legalDocumentLinks).where(eq(legalDocumentLinks.successorId, newer.id));
    expect(link!.effectiveOn).toBe('2025-07-01');

    const edited = await updateLegalDocument({
      actor: coordinator,
      id: older.id,
      changes: { successors: [], aliases: ['  Quyết định  cũ của đợt thử ', 'Quyết định  cũ của đợt thử'.normalize('NFD')] },
    });
    expect(edited.successors).toEqual([]);
    expect(edited.aliases).toEqual(['Quyết định cũ của đợt thử']);
    expect((await getLegalDocument({ id: newer.id })).predecessors).toEqual([]);
    expect((await listLegalDocuments({ search: 'quyet dinh cu cua dot thu' })).map((document) => document.id)).toEqual([
      older.id,
    ]);

    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'legal.document.update'), eq(auditLog.entityId, older.id)));
    expect(entry).toMatchObject({ actorEmail: coordinator.email, entityType: 'legal_document' });
    expect(entry!.before).toMatchObject({ successors: [newer.id], aliases: [] });
    expect(entry!.after).toMatchObject({ successors: [] });
  });
});

describe('createLegalDocument and updateLegalDocument', () => {
  it('computes the id from kind and number/symbol and stores text in NFC', async () => {
    const numberSymbol = freshNumberSymbol();
    const created = await createLegalDocument({
      actor: coordinator,
      input: { kind: 'quyet-dinh', numberSymbol: ` ${numberSymbol.normalize('NFD')} `, title: 'Quyết định thử'.normalize('NFD') },
    });
    expect(created.id).toBe(legalDocumentIdOf('quyet-dinh', numberSymbol));
    expect(created.id).toMatch(/^policy:quyet-dinh:12\/2026\/qd-t[0-9a-f]{8}$/);
    expect(created).toMatchObject({ numberSymbol, title: 'Quyết định thử', isReference: false, aliases: [] });
    const [entry] = await (
      await getDb()
    )
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'legal.document.create'), eq(auditLog.entityId, created.id)));
    expect(entry!.after).toMatchObject({ id: created.id, title: 'Quyết định thử' });
  });

  it('refuses a number/symbol it cannot parse, naming the field, and a duplicate', async () => {
    const bad = await failure(
      createLegalDocument({ actor: coordinator, input: { kind: 'luat', numberSymbol: 'Luật mới', title: 'Luật thử' } }),
    );
    expect(bad).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(bad.invalidFields).toEqual([expect.objectContaining({ path: 'numberSymbol' })]);

    const numberSymbol = freshNumberSymbol();
    await createLegalDocument({ actor: coordinator, input: { kind: 'quyet-dinh', numberSymbol, title: 'Bản đầu' } });
    const duplicate = await failure(
      createLegalDocument({ actor: coordinator, input: { kind: 'quyet-dinh', numberSymbol, title: 'Bản sau' } }),
    );
    expect(duplicate).toMatchObject({ code: 'ALREADY_EXISTS', status: 409 });
  });

  it('checks kind, dates and links before writing', async () => {
    const error = await failure(
      createLegalDocument({
        actor: coordinator,
        input: {
          kind: 'sac-lenh',
          numberSymbol: freshNumberSymbol(),
          title: 'Thử',
          effectiveFrom: '2026-01-01',
          effectiveTo: '2025-12-31',
          successors: ['policy:luat:999/2099/qh99'],
        },
      }),
    );
    expect(error.invalidFields?.map((field) => field.path).sort()).toEqual(['effectiveTo', 'kind', 'successors']);
    const pressLaw = await failure(
      updateLegalDocument({ actor: coordinator, id: PRESS_LAW_2016, changes: { successors: [PRESS_LAW_2016] } }),
    );
    expect(pressLaw.invalidFields).toEqual([expect.objectContaining({ path: 'successors' })]);
    expect((await getLegalDocument({ id: PRESS_LAW_2016 })).successors).toEqual([PRESS_LAW_2025]);
  });

  it('lets a number/symbol be respelled but not changed', async () => {
    const numberSymbol = freshNumberSymbol();
    const created = await createLegalDocument({
      actor: coordinator,
      input: { kind: 'quyet-dinh', numberSymbol: numberSymbol.replace('QĐ', 'qđ'), title: 'Thử' },
    });
    const respelled = await updateLegalDocument({ actor: coordinator, id: created.id, changes: { numberSymbol } });
    expect(respelled).toMatchObject({ id: created.id, numberSymbol });
    const changed = await failure(
      updateLegalDocument({ actor: coordinator, id: created.id, changes: { numberSymbol: numberSymbol.replace(/^12/, '13') } }),
    );
    expect(changed.invalidFields).toEqual([expect.objectContaining({ path: 'numberSymbol' })]);
  });

  it('lets only network-wide roles write', async () => {
    const input = { kind: 'quyet-dinh', numberSymbol: freshNumberSymbol(), title: 'Thử quyền' };
    for (const role of ['viewer', 'officer', 'leader'] as const) {
      expect(await failure(createLegalDocument({ actor: actorWithRole(role), input }))).toMatchObject({ code: 'FORBIDDEN' });
      expect(
        await failure(updateLegalDocument({ actor: actorWithRole(role), id: PRESS_LAW_2016, changes: { notes: 'x' } })),
      ).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect((await createLegalDocument({ actor: actorWithRole('administrator'), input })).title).toBe('Thử quyền');
    expect(await failure(getLegalDocument({ id: 'policy:luat:1/1900/qh0' }))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('drafts', () => {
  it('has the seeded Press Law draft, followed by the law adopted from it', async () => {
    expect(await getLegalDocument({ id: PRESS_LAW_DRAFT })).toMatchObject({
      status: 'draft',
      numberSymbol: null,
      title: 'Luật Báo chí (sửa đổi)',
      effectiveTo: '2026-06-30',
      successors: [PRESS_LAW_2025],
    });
    expect((await getLegalDocument({ id: PRESS_LAW_2025 })).predecessors).toEqual([PRESS_LAW_2016, PRESS_LAW_DRAFT]);
    const drafts = await listLegalDocuments({ status: 'draft' });
    expect(drafts.map((document) => document.id)).toContain(PRESS_LAW_DRAFT);
    expect(drafts.every((document) => document.status === 'draft' && document.numberSymbol === null)).toBe(true);
    expect((await listLegalDocuments({ status: 'issued' })).map((document) => document.id)).not.toContain(PRESS_LAW_DRAFT);
    // found as a draft with or without diacritics
    expect((await listLegalDocuments({ search: 'du thao luat bao chi' }))[0]!.id).toBe(PRESS_LAW_DRAFT);
  });

  it('adds a draft without a number, its id from kind and title, and keeps the id when it is renamed', async () => {
    const words = `Luật Đất đai (sửa đổi) thử ${uniqueSuffix()}`;
    const created = await createLegalDocument({
      actor: coordinator,
      input: { kind: 'luat', status: 'draft', title: ` ${words.normalize('NFD')} `, effectiveFrom: '2026-10-01' },
    });
    expect(created.id).toMatch(/^policy:luat:du-thao\/dat-dai-sua-doi-thu-[0-9a-f]{8}$/);
    expect(created).toMatchObject({ status: 'draft', numberSymbol: null, title: words, effectiveFrom: '2026-10-01' });

    const renamed = await updateLegalDocument({
      actor: coordinator,
      id: created.id,
      changes: { title: `${words} lần 2`, aliases: ['Dự thảo Luật Đất đai thử'] },
    });
    expect(renamed).toMatchObject({ id: created.id, title: `${words} lần 2` });
    const numbered = await failure(
      updateLegalDocument({ actor: coordinator, id: created.id, changes: { numberSymbol: '31/2024/QH15' } }),
    );
    expect(numbered.invalidFields).toEqual([expect.objectContaining({ path: 'numberSymbol' })]);

    // the same draft twice is refused on its title
    const duplicate = await failure(
      createLegalDocument({ actor: coordinator, input: { kind: 'luat', status: 'draft', title: `dự thảo ${words}` } }),
    );
    expect(duplicate).toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(duplicate.invalidFields).toEqual([expect.objectContaining({ path: 'title' })]);
  });

  it('gives a policy with the drafts it was adopted from, and theirs, but not the laws it replaced', async () => {
    const lineage = await withDraftsOf([PRESS_LAW_2025, PRESS_LAW_2016, 'policy:luat:1/1900/qh0']);
    expect(lineage.get(PRESS_LAW_2025)).toEqual([PRESS_LAW_2025, PRESS_LAW_DRAFT]);
    expect(lineage.get(PRESS_LAW_2016)).toEqual([PRESS_LAW_2016]);
    expect(lineage.get('policy:luat:1/1900/qh0')).toEqual(['policy:luat:1/1900/qh0']);

    // a second draft before the first: both belong to the decision adopted from them
    const suffix = uniqueSuffix();
    const early = await createLegalDocument({
      actor: coordinator,
      input: { kind: 'quyet-dinh', status: 'draft', title: `Quyết định thử dự thảo đầu ${suffix}`, effectiveTo: '2026-03-31' },
    });
    const late = await createLegalDocument({
      actor: coordinator,
      input: {
        kind: 'quyet-dinh',
        status: 'draft',
        title: `Quyết định thử dự thảo sau ${suffix}`,
        effectiveFrom: '2026-04-01',
        effectiveTo: '2026-06-30',
        predecessors: [early.id],
      },
    });
    const adopted = await createLegalDocument({
      actor: coordinator,
      input: { kind: 'quyet-dinh', numberSymbol: freshNumberSymbol(20), title: 'Quyết định thử', predecessors: [late.id] },
    });
    expect((await withDraftsOf([adopted.id])).get(adopted.id)).toEqual([adopted.id, ...[early.id, late.id].sort()]);
  });

  it('refuses a draft with a number/symbol, a draft of no words, and an issued document without a number', async () => {
    const numbered = await failure(
      createLegalDocument({
        actor: coordinator,
        input: { kind: 'luat', status: 'draft', numberSymbol: '31/2024/QH15', title: 'Luật Đất đai (sửa đổi)' },
      }),
    );
    expect(numbered.invalidFields).toEqual([expect.objectContaining({ path: 'numberSymbol' })]);
    const wordless = await failure(
      createLegalDocument({ actor: coordinator, input: { kind: 'luat', status: 'draft', title: 'Luật' } }),
    );
    expect(wordless.invalidFields).toEqual([expect.objectContaining({ path: 'title' })]);
    const unnumbered = await failure(createLegalDocument({ actor: coordinator, input: { kind: 'luat', title: 'Luật Đất đai' } }));
    expect(unnumbered.invalidFields).toEqual([expect.objectContaining({ path: 'numberSymbol' })]);
  });
});

describe('listLegalDocumentNames', () => {
  it('gives every document its title and aliases with the dates it is in force', async () => {
    const names = await listLegalDocumentNames();
    const byId = new Map(names.map((entry) => [entry.id, entry]));
    expect(byId.get(PRESS_LAW_2016)).toEqual({
      id: PRESS_LAW_2016,
      kind: 'luat',
      names: ['Luật Báo chí', 'Luật Báo chí 2016', 'Luật Báo chí năm 2016'],
      validFrom: '2017-01-01',
      validTo: '2026-06-30',
    });
    expect(byId.get(PRESS_LAW_2025)).toEqual({
      id: PRESS_LAW_2025,
      kind: 'luat',
      names: ['Luật Báo chí', 'Luật Báo chí 2025', 'Luật Báo chí năm 2025', 'Luật Báo chí (sửa đổi)'],
      validFrom: '2026-07-01',
      validTo: null,
    });
    // the draft stands for the policy until the law adopted from it applies
    expect(byId.get(PRESS_LAW_DRAFT)).toEqual({
      id: PRESS_LAW_DRAFT,
      kind: 'luat',
      names: ['Luật Báo chí (sửa đổi)', 'Dự thảo Luật Báo chí', 'Dự án Luật Báo chí', 'Dự án Luật Báo chí (sửa đổi)'],
      validFrom: null,
      validTo: '2026-06-30',
    });
    expect(byId.get('policy:chi-thi:07/ct-ttg')?.names).toEqual([
      'Chỉ thị về việc tăng cường công tác truyền thông chính sách',
      'Chỉ thị về tăng cường công tác truyền thông chính sách',
    ]);
    expect(byId.get('policy:luat:104/2016/qh13')).toMatchObject({
      names: ['Luật Tiếp cận thông tin'],
      validFrom: null,
      validTo: null,
    });
    for (const document of referenceLegalDocuments) expect(byId.has(document.id), document.id).toBe(true);
  });
});
