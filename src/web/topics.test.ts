import { gunzipSync } from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { foldKey } from '../text/normalize';
import englishTopicNames from '../../locales/en/topics.json';
import vietnameseTopicNames from '../../locales/vi/topics.json';
import { topicKeys, topicName } from './topics';

async function translatorFor(language: 'vi' | 'en'): Promise<TFunction> {
  const i18n = createInstance();
  await i18n.init({
    resources: { vi: { topics: vietnameseTopicNames }, en: { topics: englishTopicNames } },
    lng: language,
    fallbackLng: 'vi',
    ns: ['topics'],
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

const modelLabels = (
  JSON.parse(gunzipSync(fs.readFileSync(path.resolve(import.meta.dirname, '../../models/topic.json.gz'))).toString('utf8')) as {
    labels: string[];
  }
).labels;

describe('topic names', () => {
  it('shows the model labels with their diacritics in Vietnamese and in English', async () => {
    const vi = await translatorFor('vi');
    const en = await translatorFor('en');
    expect(topicName(vi, 'Chinh tri Xa hoi')).toBe('Chính trị – Xã hội');
    expect(topicName(vi, 'Suc khoe')).toBe('Sức khỏe');
    expect(topicName(vi, 'Doi song')).toBe('Đời sống');
    expect(topicName(en, 'Suc khoe')).toBe('Health');
    expect(topicName(en, 'The thao')).toBe('Sports');
  });

  it('shows an unknown label (a retrained model) as it is, even with separators in it', async () => {
    for (const t of [await translatorFor('vi'), await translatorFor('en')]) {
      expect(topicName(t, 'Moi truong')).toBe('Moi truong');
      expect(topicName(t, 'Giao duc: Dai hoc. Tuyen sinh')).toBe('Giao duc: Dai hoc. Tuyen sinh');
    }
  });

  it('names every label of the shipped topic model in both languages', () => {
    expect([...topicKeys].sort()).toEqual([...modelLabels].sort());
    expect(Object.keys(englishTopicNames).sort()).toEqual([...modelLabels].sort());
  });

  it('folds each Vietnamese name back to its label, so typing the shown name after topic: finds it', () => {
    // The query language compares topics folded, with punctuation as spaces (monitoring/query).
    const fold = (text: string) =>
      foldKey(text)
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
    for (const [label, name] of Object.entries(vietnameseTopicNames)) expect(fold(name)).toBe(fold(label));
  });
});
