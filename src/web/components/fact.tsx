import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One labelled fact of a record's page (the directory's organizations, the register's documents). */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text fz="xs" tt="uppercase" fw={700} c="dark.5">
        {label}
      </Text>
      <Text component="div">{children}</Text>
    </div>
  );
}
