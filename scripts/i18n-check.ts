// Checks that every translation key exists in both languages, for every namespace (`npm run i18n:check`).
// Plural suffixes (_one, _other, …) are compared by their base key, since Vietnamese has one plural form and English two.
import fs from 'node:fs';
import path from 'node:path';

const localesDir = path.resolve(import.meta.dirname, '../locales');
const languages = ['vi', 'en'] as const;
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

function flattenKeys(value: unknown, prefix: string, out: Set<string>): void {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flattenKeys(inner, prefix ? `${prefix}.${key}` : key, out);
    return;
  }
  out.add(prefix.replace(pluralSuffix, ''));
}

function readNamespace(language: string, namespace: string): Set<string> | string {
  const file = path.join(localesDir, language, `${namespace}.json`);
  if (!fs.existsSync(file)) return `missing file locales/${language}/${namespace}.json`;
  try {
    const keys = new Set<string>();
    flattenKeys(JSON.parse(fs.readFileSync(file, 'utf8')), '', keys);
    return keys;
  } catch (error) {
    return `locales/${language}/${namespace}.json is not valid JSON: ${(error as Error).message}`;
  }
}

const namespaces = new Set<string>();
for (const language of languages) {
  const dir = path.join(localesDir, language);
  if (!fs.existsSync(dir)) continue;
  for (const file of fs.readdirSync(dir)) if (file.endsWith('.json')) namespaces.add(file.slice(0, -'.json'.length));
}

const problems: string[] = [];
let keyCount = 0;
for (const namespace of [...namespaces].sort()) {
  const [vi, en] = languages.map((language) => readNamespace(language, namespace));
  if (typeof vi === 'string' || typeof en === 'string') {
    for (const result of [vi, en]) if (typeof result === 'string') problems.push(result);
    continue;
  }
  keyCount += vi!.size;
  for (const key of vi!) if (!en!.has(key)) problems.push(`${namespace}: "${key}" is in vi but missing in en`);
  for (const key of en!) if (!vi!.has(key)) problems.push(`${namespace}: "${key}" is in en but missing in vi`);
}

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  console.error(`i18n check failed: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`i18n check passed: ${namespaces.size} namespaces, ${keyCount} keys in vi and en`);
