import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

/** Languages of the UI; Vietnamese is the source language and the default. */
export const languages = ['vi', 'en'] as const;
export type Language = (typeof languages)[number];
const storageKey = 'nhip.language';

// Every namespace of every module is bundled: locales/{vi,en}/<namespace>.json.
const files = import.meta.glob<Record<string, unknown>>('../../locales/*/*.json', { eager: true, import: 'default' });

function buildResources(): Record<string, Record<string, Record<string, unknown>>> {
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [file, content] of Object.entries(files)) {
    const match = /locales\/([a-z]{2})\/([\w-]+)\.json$/.exec(file);
    if (!match) continue;
    const [, language, namespace] = match as unknown as [string, string, string];
    resources[language] ??= {};
    resources[language][namespace] = content;
  }
  return resources;
}

function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(storageKey);
    return stored === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/** Switches the UI language, remembers it, and updates <html lang>. */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}

const initialLanguage = readStoredLanguage();
document.documentElement.lang = initialLanguage;

void i18next.use(initReactI18next).init({
  resources: buildResources(),
  lng: initialLanguage,
  fallbackLng: 'vi',
  ns: ['common'],
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18next };
