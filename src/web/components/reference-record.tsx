import { Badge, Card, Group, SimpleGrid, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { PageTitle } from './page-title';

/**
 * The heading of a dated reference record's page (a directory organization, a register document): its name, its
 * kind as a badge with what else identifies it under it, and the page's actions on the right.
 */
export function RecordHeading({
  title,
  kind,
  details,
  actions,
}: {
  title: string;
  kind: string;
  /** Beside the kind: a short name, a number/symbol, a status badge. */
  details?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-start">
      <div>
        <PageTitle>{title}</PageTitle>
        <Group gap="xs" mt={-8}>
          <Badge variant="outline">{kind}</Badge>
          {details}
        </Group>
      </div>
      {actions}
    </Group>
  );
}

/** A record's facts (`Fact`s) in two columns under a heading; `footer` spans both, below them. */
export function FactsCard({ title, children, footer }: { title: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <Card withBorder>
      <Title order={2} fz="h3" mb="sm">
        {title}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {children}
      </SimpleGrid>
      {footer}
    </Card>
  );
}
