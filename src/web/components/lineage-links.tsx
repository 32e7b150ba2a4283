import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * What a dated reference entry replaced and what replaced it ("Thay thế: A, B" / "Được thay thế bởi: C"), each id
 * shown as its own link: the directory's organizations and the legal register's documents. The words are the
 * namespace's `lineage.predecessors` and `lineage.successors`, or those under `wordsKey` (a draft's:
 * "Được thông qua thành").
 */
export function LineageLinks({
  predecessors,
  successors,
  namespace,
  renderLink,
  wordsKey = 'lineage',
}: {
  predecessors: readonly string[];
  successors: readonly string[];
  namespace: string;
  renderLink: (id: string) => ReactNode;
  wordsKey?: string;
}) {
  const { t } = useTranslation(namespace);
  if (predecessors.length === 0 && successors.length === 0) return null;
  const line = (label: string, ids: readonly string[]) =>
    ids.length > 0 ? (
      <Text fz="sm">
        {label}:{' '}
        {ids.map((id, index) => (
          <span key={id}>
            {index > 0 ? ', ' : ''}
            {renderLink(id)}
          </span>
        ))}
      </Text>
    ) : null;
  return (
    <Stack gap={2}>
      {line(t(`${wordsKey}.predecessors`), predecessors)}
      {line(t(`${wordsKey}.successors`), successors)}
    </Stack>
  );
}
