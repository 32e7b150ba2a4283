import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * What a dated reference entry replaced and what replaced it ("Thay thế: A, B" / "Được thay thế bởi: C"), each id
 * shown as its own link: the directory's organizations and the legal register's documents.
 */
export function LineageLinks({
  predecessors,
  successors,
  labels,
  renderLink,
}: {
  predecessors: readonly string[];
  successors: readonly string[];
  labels: { predecessors: string; successors: string };
  renderLink: (id: string) => ReactNode;
}) {
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
      {line(labels.predecessors, predecessors)}
      {line(labels.successors, successors)}
    </Stack>
  );
}
