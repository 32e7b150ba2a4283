import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import vietnameseTopicNames from '../../locales/vi/topics.json';

/**
 * The topic labels the language core's model outputs (VNTC categories written without diacritics, e.g.
 * "Suc khoe"), as listed in `locales/vi/topics.json`: the options of a topic picker. Documents, queries
 * (`topic:`) and rollups keep these labels; only the UI shows their names.
 */
export const topicKeys: readonly string[] = Object.keys(vietnameseTopicNames);

/**
 * A topic label as users read it in the UI language ("Suc khoe" → "Sức khỏe" / "Health", from the `topics`
 * namespace); a label the locale files lack (a retrained model's new category) is shown as it is.
 */
export function topicName(t: TFunction, topic: string): string {
  // Labels are whole keys: a future label containing "." or ":" must not be read as a path or a namespace.
  return t(topic, { ns: 'topics', keySeparator: false, nsSeparator: false, defaultValue: topic });
}

/** `topicName` bound to the current UI language, for components. */
export function useTopicName(): (topic: string) => string {
  const { t } = useTranslation('topics');
  return (topic) => topicName(t, topic);
}
