import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format';

/** One row's cells of `ReferenceTable`. */
export interface ReferenceRow {
  key: string;
  name: ReactNode;
  kind: string;
  validity: ReactNode;
  lineage: ReactNode;
}

/**
 * The result list of a dated reference list (the directory, the legal register): how many entries match, then
 * name, kind, validity and lineage a row. The words are the namespace's `resultCount` and `columns.*` (`nameColumn`
 * names the first column's key), and its `none` when nothing matches, if it has one.
 */
export function ReferenceTable({
  rows,
  namespace,
  nameColumn,
  minWidth,
}: {
  rows: readonly ReferenceRow[];
  namespace: string;
  nameColumn: string;
  minWidth: number;
}) {
  const { t, i18n } = useTranslation(namespace);
  return (
    <>
      <Text fz="sm" c="dark.6" role="status" aria-live="polite">
        {t('resultCount', { count: rows.length, formatted: formatNumber(rows.length) })}
      </Text>
      {rows.length === 0 && i18n.exists(`${namespace}:none`) ? (
        <Text c="dark.5">{t('none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={minWidth}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t(`columns.${nameColumn}`)}</Table.Th>
                <Table.Th scope="col">{t('columns.kind')}</Table.Th>
                <Table.Th scope="col">{t('columns.validity')}</Table.Th>
                <Table.Th scope="col" miw={220}>
                  {t('columns.lineage')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Td>{row.name}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.kind}</Table.Td>
                  <Table.Td>{row.validity}</Table.Td>
                  <Table.Td>{row.lineage}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
