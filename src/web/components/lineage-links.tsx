import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * What a dated reference entry replaced and what replaced it ("Thay thế: A, B" / "Được thay thế bởi: C"), each id
 * shown as its own link: the directory's organizations and the legal register's documents. The words are the
 * namespace's `lineage.predecessors` and `lineage.successors`.
 */
export function LineageLinks({
  predecessors,
  successors,
  namespace,
  renderLink,
}: {
  predecessors: readonly string[];
  successors: readonly string[];
  namespace: string;
  renderLink: (id: string) => ReactNode;
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
      {line(t('lineage.predecessors'), predecessors)}
      {line(t('lineage.successors'), successors)}
    </Stack>
  );
}
