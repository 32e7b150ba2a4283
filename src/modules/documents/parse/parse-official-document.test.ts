import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { referenceOrganizations } from '../../agencies/reference-data';
import { currentSuccessors, orgsInForce, resolveGroupPhrase } from '../../agencies/resolve';
import { foldDiacritics } from '../../../text/normalize';
import { createReferenceDirectory } from './directory';
import { parseOfficialDocument } from './parse-official-document';
import { repairDocumentText } from './repair';
import type { ParsedOfficialDocument } from './types';

const shared = join(dirname(fileURLToPath(import.meta.url)), '../../../../../shared');
const seeds = join(shared, 'seeds');
const legalDocs = join(shared, 'data', 'legal-docs');
const SEED_000 = join(seeds, '000_d5d5f98adacd73bb.txt');
const SEED_002 = join(seeds, '002_36e11ec9968dc657.txt');
const TODAY = '2026-11-25';
const directory = createReferenceDirectory();

if (!existsSync(SEED_000) || !existsSync(SEED_002))
  console.warn(`documents/parse: seed files not found in ${seeds}; seed tests skipped`);
if (!existsSync(legalDocs)) console.warn(`documents/parse: ${legalDocs} not found; legal-docs tests skipped`);

function parseFile(path: string, repair = false): ParsedOfficialDocument {
  return parseOfficialDocument({
    text: readFileSync(path, 'utf8'),
    directory,
    repairText: repair ? repairDocumentText : undefined,
    referenceDate: TODAY,
  });
}

/** clause → sorted agency ids (or names for bodies outside the directory), and the due date. */
function byClause(
  parsed: ParsedOfficialDocument,
): Map<string, { ids: string[]; dueOn: string | null; recurrence: string | null }> {
  const out = new Map<string, { ids: string[]; dueOn: string | null; recurrence: string | null }>();
  for (const a of parsed.assignments) {
    const key = out.has(a.clause) ? `${a.clause}#${a.dueOn}` : a.clause;
    out.set(key, { ids: a.agencies.map((agency) => agency.id ?? agency.name).sort(), dueOn: a.dueOn, recurrence: a.recurrence });
  }
  return out;
}

const ids = (orgs: { id: string }[]) => orgs.map((o) => o.id).sort();

describe.skipIf(!existsSync(SEED_000))('seed 000: Directive 07/CT-TTg (OCR)', () => {
  const expectedGroup = ids(
    orgsInForce(referenceOrganizations, '2023-03-21', ['ministry', 'ministerial-agency', 'government-agency', 'province']),
  );
  const pressGroup = resolveGroupPhrase(referenceOrganizations, 'các cơ quan báo chí', '2023-03-21').organizations.map(
    (o) => o.id,
  );

  for (const repair of [true, false]) {
    describe(repair ? 'after diacritics repair' : 'raw OCR, matched accent-insensitively', () => {
      const parsed = parseFile(SEED_000, repair);
      const clauses = byClause(parsed);

      it('reads the heading', () => {
        expect(parsed.type).toEqual({ name: 'Chỉ thị', key: 'directive' });
        expect(parsed.number).toBe('07/CT-TTg');
        expect(parsed.issuedOn).toBe('2023-03-21');
        expect(parsed.issuer?.id).toBe('thu-tuong-chinh-phu');
        expect(parsed.warnings.some((w) => w.startsWith('OCR_TEXT'))).toBe(true);
        expect(parsed.rawText).toBe(readFileSync(SEED_000, 'utf8').normalize('NFC').replace(/\r\n?/g, '\n'));
        if (repair) expect(parsed.repairedText).not.toBe(parsed.rawText);
      });

      it('assigns exactly the expected clauses, none with a deadline', () => {
        expect([...clauses.keys()].sort()).toEqual(
          ['1.a', '1.b', '1.c', '1.d', '1.đ', '2', '3.a', '3.b', '3.c', '3.d', '3.đ', '4.a', '4.b', '5', '6', '7', '8'].sort(),
        );
        for (const value of clauses.values()) expect(value.dueOn).toBeNull();
      });

      it('1 a)–đ) go to every ministry, ministerial-level agency, government agency and the 63 provinces', () => {
        for (const letter of ['a', 'b', 'c', 'd', 'đ']) expect(clauses.get(`1.${letter}`)?.ids).toEqual(expectedGroup);
        const provinces = clauses
          .get('1.a')!
          .ids.filter((id) => referenceOrganizations.find((o) => o.id === id)?.kind === 'province');
        expect(provinces).toHaveLength(63);
      });

      it('named bodies and headings', () => {
        expect(clauses.get('2')?.ids).toEqual(['van-phong-chinh-phu']);
        for (const letter of ['a', 'b', 'c', 'd', 'đ'])
          expect(clauses.get(`3.${letter}`)?.ids).toEqual(['bo-thong-tin-va-truyen-thong']);
        expect(clauses.get('4.a')?.ids).toEqual(['bo-tu-phap']);
        expect(clauses.get('4.b')?.ids).toEqual(['bo-tu-phap']);
        expect(clauses.get('5')?.ids).toEqual(['bo-noi-vu']);
        expect(clauses.get('6')?.ids).toEqual(['bo-ngoai-giao']);
        expect(clauses.get('7')?.ids).toEqual(['bo-tai-chinh']);
        expect(clauses.get('8')?.ids).toEqual(
          [...new Set(['dai-truyen-hinh-viet-nam', 'dai-tieng-noi-viet-nam', 'thong-tan-xa-viet-nam', ...pressGroup])].sort(),
        );
      });

      it('keeps the Ministry of Information and Communications as named, with its current successors', () => {
        const mic = parsed.assignments.find((a) => a.clause === '3.a')!.agencies[0]!;
        expect(mic.name).toBe('Bộ Thông tin và Truyền thông');
        expect(mic.successors.map((s) => s.id).sort()).toEqual(
          ids(currentSuccessors(referenceOrganizations, 'bo-thong-tin-va-truyen-thong', TODAY)),
        );
        expect(mic.successors.length).toBeGreaterThan(0);
        // Bodies still in force have none.
        expect(parsed.assignments.find((a) => a.clause === '4.a')!.agencies[0]!.successors).toEqual([]);
      });

      it('gives evidence spans into the repaired text', () => {
        for (const a of parsed.assignments) {
          expect(parsed.repairedText.slice(a.evidence.span[0], a.evidence.span[1])).toBe(a.evidence.text);
        }
      });
    });
  }
});

describe.skipIf(!existsSync(SEED_002))('seed 002: letter 837/BTTTT-CBC', () => {
  const parsed = parseFile(SEED_002);
  const clauses = byClause(parsed);
  const group = ids(
    orgsInForce(referenceOrganizations, '2022-03-09', ['ministry', 'ministerial-agency', 'government-agency', 'province']),
  ).filter((id) => id !== 'bo-thong-tin-va-truyen-thong');

  it('reads the heading, recipients and signature', () => {
    expect(parsed.type.key).toBe('officialLetter');
    expect(parsed.number).toBe('837/BTTTT-CBC');
    expect(parsed.issuer?.id).toBe('bo-thong-tin-va-truyen-thong');
    expect(parsed.issuedOn).toBe('2022-03-09');
    expect(parsed.place).toBe('Hà Nội');
    expect(parsed.subject).toBe('xây dựng đội ngũ truyền thông chính sách chuyên trách, chuyên nghiệp');
    expect(parsed.signer).toEqual({ name: 'Phạm Anh Tuấn', capacity: 'KT. BỘ TRƯỞNG / THỨ TRƯỞNG' });
    expect(parsed.recipients.map((r) => r.text)).toEqual([
      'Các Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ',
      'Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương',
    ]);
    expect(parsed.recipients[1]!.organizations).toHaveLength(63);
    expect(parsed.distribution.map((r) => r.text)).toContain('Hội Nhà báo Việt Nam');
  });

  it('gives the four duties to the addressed groups (not to the issuer), with their deadlines', () => {
    expect(parsed.clauses.map((c) => c.ref)).toEqual(['1', '2', '3', '4']);
    expect(clauses.get('1')).toEqual({ ids: group, dueOn: '2022-06-30', recurrence: null });
    expect(clauses.get('2')?.dueOn).toBeNull();
    expect(clauses.get('3')?.dueOn).toBeNull();
    expect(clauses.get('4')?.dueOn).toBe('2022-03-31');
    for (const value of clauses.values()) expect(value.ids).toEqual(group);
    expect(parsed.assignments[0]!.source).toBe('address');
  });
});

describe.skipIf(!existsSync(SEED_002))('seed 002 pasted without diacritics and with CRLF line endings', () => {
  const text = foldDiacritics(readFileSync(SEED_002, 'utf8')).replace(/\n/g, '\r\n');
  const size = orgsInForce(referenceOrganizations, '2022-03-09', [
    'ministry',
    'ministerial-agency',
    'government-agency',
    'province',
  ]).filter((o) => o.id !== 'bo-thong-tin-va-truyen-thong').length;
  for (const repair of [false, true]) {
    it(repair ? 'after diacritics restoration' : 'as pasted', () => {
      const parsed = parseOfficialDocument({
        text,
        directory,
        repairText: repair ? repairDocumentText : undefined,
        referenceDate: TODAY,
      });
      expect(parsed.number).toBe('837/BTTTT-CBC');
      expect(parsed.issuedOn).toBe('2022-03-09');
      expect(parsed.signer?.name).toBeTruthy();
      expect(parsed.assignments.map((a) => [a.clause, a.dueOn, a.agencies.length])).toEqual([
        ['1', '2022-06-30', size],
        ['2', null, size],
        ['3', null, size],
        ['4', '2022-03-31', size],
      ]);
    });
  }
});

describe.skipIf(!existsSync(legalDocs))('legal-docs', () => {
  const doc = (name: string) => parseFile(join(legalDocs, name));

  it('2428/BXD-QLN: opening request to the provinces; a monthly report before the 25th', () => {
    const parsed = doc('2428_2013_CV_BXD.txt');
    const clauses = byClause(parsed);
    expect([...clauses.keys()]).toEqual(['1', '2', '3']);
    expect(clauses.get('1')!.ids).toHaveLength(63);
    expect(clauses.get('3')).toMatchObject({ dueOn: '2013-11-25', recurrence: 'monthly' });
    expect(parsed.signer).toEqual({ name: 'Nguyễn Trần Nam', capacity: 'KT. BỘ TRƯỞNG / THỨ TRƯỞNG' });
  });

  it('254/QĐ-UBND Sơn La: provincial bodies outside the directory, one duty per deadline', () => {
    const parsed = doc('254_2023_QD_UBND_SonLa.txt');
    expect(parsed.type.key).toBe('decision');
    expect(parsed.issuer?.id).toBe('tinh-son-la');
    const iv1 = parsed.assignments.filter((a) => a.clause === 'IV.1');
    expect(iv1.map((a) => a.dueOn)).toEqual(['2023-02-28', '2023-11-10']);
    const iii3 = parsed.assignments.find((a) => a.clause === 'III.3')!;
    expect(iii3.agencies).toEqual([{ id: null, name: 'Sở Nội vụ', successors: [] }]);
    expect(parsed.assignments.find((a) => a.clause === 'II.6')!.agencies[0]!.name).toBe('Công an tỉnh');
  });

  it('142/2008/QĐ-TTg: articles, points and the execution article', () => {
    const parsed = doc('142_2008_QD_TTg.txt');
    const clauses = byClause(parsed);
    expect(clauses.get('Điều 7.1')!.ids).toEqual(['bo-quoc-phong']);
    expect(clauses.get('Điều 7.3')).toMatchObject({ ids: ['bo-tai-chinh'], recurrence: 'yearly' });
    expect(clauses.get('Điều 9')!.ids).toEqual(
      ids(orgsInForce(referenceOrganizations, '2008-10-27', ['ministry', 'ministerial-agency', 'government-agency', 'province'])),
    );
    expect(parsed.signer?.capacity).toBe('KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG');
  });

  it('22/2013/QĐ-TTg: "Trong năm 2013, …" deadlines and duties handed on with "Giao"', () => {
    const clauses = byClause(doc('22_2013_QĐ_TTg.txt'));
    expect(clauses.get('Điều 7.1')).toMatchObject({ dueOn: '2013-12-31' });
    expect(clauses.get('Điều 7.1')!.ids).toHaveLength(63);
    expect(clauses.get('Điều 8.2.d')!.ids).toContain('Sở Lao động - Thương binh và Xã hội');
    expect(clauses.get('Điều 8.2.d')!.ids).toHaveLength(64);
    expect(clauses.get('Điều 8.1.b')!.ids).toEqual(['bo-ke-hoach-va-dau-tu']);
  });

  it('1921/LĐTBXH-NCC: guidance with numbered rates has no assignments, and says so', () => {
    const parsed = doc('1921_2013_CV_LDTBXH.txt');
    expect(parsed.clauses.length).toBeGreaterThan(0);
    expect(parsed.assignments).toEqual([]);
    expect(parsed.warnings.some((w) => w.startsWith('NO_ASSIGNMENTS'))).toBe(true);
  });

  it('reads type, number and date of the documents that carry them', () => {
    const parsed = doc('47_2009_TTLT_BTC_BLĐTBXH.txt');
    expect(parsed.type).toEqual({ name: 'Thông tư liên tịch', key: 'jointCircular' });
    expect(parsed.number).toBe('47/2009/TTLT-BTC-BLĐTBXH');
    expect(parsed.issuedOn).toBe('2009-03-11');
    const noHeading = doc('75_2021_NĐ_CP.txt');
    expect(noHeading.issuedOn).toBeNull();
    expect(noHeading.warnings.some((w) => w.startsWith('NO_DATE'))).toBe(true);
  });
});

describe('bad input', () => {
  it('empty text', () => {
    for (const text of ['', '   \n\t ']) {
      const parsed = parseOfficialDocument({ text, directory });
      expect(parsed.assignments).toEqual([]);
      expect(parsed.clauses).toEqual([]);
      expect(parsed.warnings[0]).toMatch(/^EMPTY_TEXT/);
    }
  });

  it('non-Vietnamese text', () => {
    const text =
      'The Ministry of Finance shall:\n1. Review the budget before 31 March 2022.\n2. Report to the Prime Minister every quarter.\n';
    const parsed = parseOfficialDocument({ text, directory });
    expect(parsed.assignments).toEqual([]);
    expect(parsed.warnings.some((w) => w.startsWith('NOT_VIETNAMESE'))).toBe(true);
  });

  it('a Vietnamese document without duties', () => {
    const text =
      'BỘ TÀI CHÍNH\nSố: 12/BTC-NSNN\nHà Nội, ngày 05 tháng 01 năm 2024\n\nKính gửi: Ủy ban nhân dân tỉnh Long An\n\nBộ Tài chính nhận được công văn của Ủy ban nhân dân tỉnh và có ý kiến như sau: việc hỗ trợ đã được thực hiện theo quy định của pháp luật hiện hành.\n\nBộ Tài chính trả lời để Ủy ban nhân dân tỉnh được biết./.';
    const parsed = parseOfficialDocument({ text, directory, referenceDate: TODAY });
    expect(parsed.issuer?.id).toBe('bo-tai-chinh');
    expect(parsed.issuedOn).toBe('2024-01-05');
    expect(parsed.type.key).toBe('officialLetter');
    expect(parsed.assignments).toEqual([]);
    expect(parsed.warnings.some((w) => w.startsWith('NO_ASSIGNMENTS'))).toBe(true);
  });

  it('a failing repair hook falls back to the raw text', () => {
    const parsed = parseOfficialDocument({
      text: 'Số: 01/CT-TTg\nHà Nội, ngày 02 tháng 01 năm 2024\n\n1. Bộ Tư pháp chủ trì rà soát các văn bản trước ngày 31/3/2024.\n',
      directory,
      repairText: () => {
        throw new Error('model missing');
      },
      referenceDate: TODAY,
    });
    expect(parsed.warnings.some((w) => w.startsWith('REPAIR_FAILED'))).toBe(true);
    expect(parsed.assignments).toMatchObject([{ clause: '1', dueOn: '2024-03-31', agencies: [{ id: 'bo-tu-phap' }] }]);
  });

  it('does not invent a deadline', () => {
    const parsed = parseOfficialDocument({
      text: 'Số: 02/CT-TTg\nHà Nội, ngày 02 tháng 01 năm 2024\n\n1. Bộ Y tế thực hiện Nghị định số 62/2020/NĐ-CP ngày 01 tháng 6 năm 2020.\n',
      directory,
      referenceDate: TODAY,
    });
    expect(parsed.assignments).toMatchObject([{ clause: '1', dueOn: null, recurrence: null, agencies: [{ id: 'bo-y-te' }] }]);
  });
});
