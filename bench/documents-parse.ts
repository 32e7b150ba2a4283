/**
 * Measures the official-document parser: parse time per page (3,000 characters), precision/recall/F1 of
 * (clause, organization, due date) triples over the annotated set in `test-data/documents-annotated/`, and
 * metadata accuracy (type, number, date) against the `.json` metadata of every `../shared/data/legal-docs`
 * document. Run: `npm run bench:documents`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceOrganizations, type ReferenceOrganizationKind } from '../src/modules/agencies/reference-data';
import { orgsInForce, resolveGroupPhrase } from '../src/modules/agencies/resolve';
import { createReferenceDirectory, parseOfficialDocument, repairDocumentText } from '../src/modules/documents/parse/index';
import { localKey } from '../src/modules/documents/parse/mentions';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = join(root, '..', 'shared');
const legalDocs = join(shared, 'data', 'legal-docs');
const goldDir = join(root, 'test-data', 'documents-annotated');
const PAGE = 3000;
const directory = createReferenceDirectory();

interface GoldDocument {
  source: string;
  repair: boolean;
  issuedOn: string;
  triples: { clause: string; organization: string; dueOn: string | null }[];
}

function expandOrganization(key: string, date: string): string[] {
  // "@kinds:ministry,province!bo-x": every body of those kinds in force on the date, except bo-x (the issuer).
  const [spec, ...excluded] = key.split('!');
  if (excluded.length > 0) return expandOrganization(spec!, date).filter((id) => !excluded.includes(id));
  if (key.startsWith('local:')) return [localKey(key.slice(6))];
  if (key.startsWith('@kinds:'))
    return orgsInForce(referenceOrganizations, date, key.slice(7).split(',') as ReferenceOrganizationKind[]).map((o) => o.id);
  if (key.startsWith('@phrase:'))
    return resolveGroupPhrase(referenceOrganizations, key.slice(8), date).organizations.map((o) => o.id);
  return [key];
}

/** Directory ids must be equal; names of bodies outside the directory match when one is a word prefix of the other. */
function sameOrganization(gold: string, predicted: string): boolean {
  if (gold === predicted) return true;
  if (!gold.startsWith('local:') || !predicted.startsWith('local:')) return false;
  return gold.startsWith(predicted + ' ') || predicted.startsWith(gold + ' ');
}

if (!existsSync(legalDocs)) {
  console.log(`skipped: ${legalDocs} not found`);
  process.exit(0);
}

// ——— Assignment triples ———
let tp = 0;
let fp = 0;
let fn = 0;
let pairTp = 0;
let pairPredicted = 0;
let pairGold = 0;
let macroPrecision = 0;
let macroRecall = 0;
let documents = 0;
console.log('document                               gold  pred    TP   P      R');
for (const file of readdirSync(goldDir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const gold = JSON.parse(readFileSync(join(goldDir, file), 'utf8')) as GoldDocument;
  const path = join(shared, gold.source.startsWith('seeds/') ? '' : 'data', gold.source);
  if (!existsSync(path)) {
    console.log(`${file}: source ${gold.source} not found, skipped`);
    continue;
  }
  const parsed = parseOfficialDocument({
    text: readFileSync(path, 'utf8'),
    directory,
    repairText: gold.repair ? repairDocumentText : undefined,
  });
  const goldTriples = new Set<string>();
  for (const t of gold.triples)
    for (const id of expandOrganization(t.organization, gold.issuedOn)) goldTriples.add(`${t.clause}\t${id}\t${t.dueOn ?? ''}`);
  const predicted = new Set<string>();
  for (const a of parsed.assignments)
    for (const agency of a.agencies) predicted.add(`${a.clause}\t${agency.id ?? localKey(agency.name)}\t${a.dueOn ?? ''}`);
  const unmatched = [...goldTriples];
  let docTp = 0;
  for (const p of predicted) {
    const [clause, org, due] = p.split('\t') as [string, string, string];
    const i = unmatched.findIndex((g) => {
      const [gc, go, gd] = g.split('\t') as [string, string, string];
      return gc === clause && gd === due && sameOrganization(go, org);
    });
    if (i >= 0) {
      unmatched.splice(i, 1);
      docTp += 1;
    }
  }
  // The same without due dates: does the parser find who must act on which clause?
  const goldPairs = new Set([...goldTriples].map((g) => g.split('\t').slice(0, 2).join('\t')));
  const predictedPairs = [...new Set([...predicted].map((p) => p.split('\t').slice(0, 2).join('\t')))];
  const remainingPairs = [...goldPairs];
  for (const p of predictedPairs) {
    const [clause, org] = p.split('\t') as [string, string];
    const i = remainingPairs.findIndex((g) => g.split('\t')[0] === clause && sameOrganization(g.split('\t')[1]!, org));
    if (i >= 0) {
      remainingPairs.splice(i, 1);
      pairTp += 1;
    }
  }
  pairPredicted += predictedPairs.length;
  pairGold += goldPairs.size;
  tp += docTp;
  fp += predicted.size - docTp;
  fn += goldTriples.size - docTp;
  const missedByClause = new Map<string, number>();
  for (const g of unmatched) missedByClause.set(g.split('\t')[0]!, (missedByClause.get(g.split('\t')[0]!) ?? 0) + 1);
  const precision = predicted.size ? docTp / predicted.size : 1;
  const recall = goldTriples.size ? docTp / goldTriples.size : 1;
  console.log(
    `${file.replace(/\.json$/, '').padEnd(38)} ${String(goldTriples.size).padStart(5)} ${String(predicted.size).padStart(5)} ${String(docTp).padStart(5)}  ${precision.toFixed(2)}  ${recall.toFixed(2)}` +
      (missedByClause.size > 0 ? `  missed: ${[...missedByClause].map(([clause, n]) => `${clause}×${n}`).join(', ')}` : ''),
  );
  macroPrecision += precision;
  macroRecall += recall;
  documents += 1;
}
const precision = tp / (tp + fp || 1);
const recall = tp / (tp + fn || 1);
const f1 = (2 * precision * recall) / (precision + recall || 1);
console.log(
  `\n(clause, organization, dueOn) triples: P=${precision.toFixed(3)} R=${recall.toFixed(3)} F1=${f1.toFixed(3)} (TP ${tp}, FP ${fp}, FN ${fn})`,
);
// Group-heavy documents (one clause → 94 bodies) dominate the micro figures; the macro average weighs documents equally.
console.log(
  `macro average over ${documents} documents: P=${(macroPrecision / documents).toFixed(3)} R=${(macroRecall / documents).toFixed(3)}`,
);
const pairP = pairTp / (pairPredicted || 1);
const pairR = pairTp / (pairGold || 1);
console.log(
  `(clause, organization) pairs:           P=${pairP.toFixed(3)} R=${pairR.toFixed(3)} F1=${((2 * pairP * pairR) / (pairP + pairR || 1)).toFixed(3)}`,
);

// ——— Metadata against legal-docs/*.json ———
let typeOk = 0;
let numberOk = 0;
let dateOk = 0;
let total = 0;
let chars = 0;
let parseMs = 0;
const misses: string[] = [];
for (const file of readdirSync(legalDocs)
  .filter((f) => f.endsWith('.txt'))
  .sort()) {
  const meta = JSON.parse(readFileSync(join(legalDocs, file.replace(/\.txt$/, '.json')), 'utf8')) as {
    doc_id: string;
    doc_type: string;
    issue_date: string;
  };
  const text = readFileSync(join(legalDocs, file), 'utf8');
  const started = performance.now();
  const parsed = parseOfficialDocument({ text, directory });
  parseMs += performance.now() - started;
  chars += text.length;
  total += 1;
  const [day, month, year] = meta.issue_date.split('-');
  const isDate = parsed.issuedOn === `${year}-${month}-${day}`;
  const isType = parsed.type.name.toLowerCase() === meta.doc_type.toLowerCase();
  // doc_id "12_2012_QĐ_UBND": the number is 12; a year written in the parsed number must be 2012.
  const [idNumber, idYear] = meta.doc_id.split('_');
  const parsedYear = /\/(\d{4})\//.exec(parsed.number ?? '')?.[1];
  const isNumber =
    parsed.number !== null && Number(parsed.number.split('/')[0]) === Number(idNumber) && (!parsedYear || parsedYear === idYear);
  if (isType) typeOk += 1;
  if (isDate) dateOk += 1;
  if (isNumber) numberOk += 1;
  if (!isType || !isDate || !isNumber)
    misses.push(
      `  ${file}: type ${parsed.type.name} (${meta.doc_type}), number ${parsed.number} (${meta.doc_id}), date ${parsed.issuedOn} (${meta.issue_date})`,
    );
}
console.log(`\nmetadata over ${total} legal-docs: type ${typeOk}/${total}, number ${numberOk}/${total}, date ${dateOk}/${total}`);
for (const miss of misses) console.log(miss);

// ——— Speed ———
// Second pass for a warm measurement (the first includes index building and JIT).
let warmMs = 0;
for (const file of readdirSync(legalDocs).filter((f) => f.endsWith('.txt'))) {
  const text = readFileSync(join(legalDocs, file), 'utf8');
  const started = performance.now();
  parseOfficialDocument({ text, directory });
  warmMs += performance.now() - started;
}
console.log(
  `\nparse time (text documents, ${(chars / PAGE).toFixed(0)} pages): ${((warmMs / chars) * PAGE).toFixed(2)} ms/page warm, ${((parseMs / chars) * PAGE).toFixed(2)} ms/page cold`,
);
const ocrSeed = join(shared, 'seeds', '000_d5d5f98adacd73bb.txt');
if (existsSync(ocrSeed)) {
  const text = readFileSync(ocrSeed, 'utf8');
  repairDocumentText('khởi động'); // load the model outside the timing
  const started = performance.now();
  const repaired = repairDocumentText(text);
  const repairMs = performance.now() - started;
  const parseStarted = performance.now();
  parseOfficialDocument({ text, directory, repairText: () => repaired });
  const ocrParseMs = performance.now() - parseStarted;
  console.log(
    `OCR seed 000 (${text.length} chars): diacritics repair ${((repairMs / text.length) * PAGE).toFixed(0)} ms/page, OCR-tolerant parse ${((ocrParseMs / text.length) * PAGE).toFixed(0)} ms/page`,
  );
}
