import { Button, Card, FileInput, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, apiUpload } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { StatusBadge } from '../../../web/components/status-badge';
import { formatBytes, formatDateTime, formatNumber } from '../../../web/format';
import type { FileImport } from './types';

/** How often the list is read again while an import is queued or running. */
const IMPORT_POLL_MS = 2000;
/** Rejected lines shown under an import (the API keeps the first 100). */
const SHOWN_REJECTIONS = 5;

const statusColors: Record<FileImport['status'], string> = {
  receiving: 'gray',
  queued: 'gray',
  running: 'blue',
  done: 'green',
  failed: 'red',
};

/**
 * Uploads a JSONL or CSV export (how platforms and vendors deliver social-media data) and follows its import: counts
 * of stored, duplicate and rejected lines, with the first rejected lines and their reasons.
 */
export function FileImportPanel() {
  const { t } = useTranslation('monitoring');
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const imports = useQuery({
    queryKey: ['monitoring', 'imports'],
    queryFn: () => apiRequest<FileImport[]>('/monitoring/imports'),
    refetchInterval: (query) =>
      query.state.data?.some((item) => item.status === 'queued' || item.status === 'running') ? IMPORT_POLL_MS : false,
  });
  const upload = useMutation({
    mutationFn: (chosen: File) =>
      apiUpload<FileImport>(`/monitoring/imports?name=${encodeURIComponent(chosen.name)}`, chosen, 'application/octet-stream'),
    onSuccess: async () => {
      setFile(null);
      await client.invalidateQueries({ queryKey: ['monitoring', 'imports'] });
    },
  });
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('imports.title')}
        </Title>
        <Text fz="sm" c="dimmed">
          {t('imports.help')}
        </Text>
        <Group align="flex-end">
          <FileInput
            label={t('imports.file')}
            placeholder={t('imports.choose')}
            accept=".jsonl,.ndjson,.csv"
            value={file}
            onChange={setFile}
            clearable
            w={360}
          />
          <Button onClick={() => file && upload.mutate(file)} loading={upload.isPending} disabled={!file}>
            {t('imports.upload')}
          </Button>
        </Group>
        <ErrorAlert error={upload.error ?? imports.error} />
        {imports.data?.length ? (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" aria-label={t('imports.recent')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('imports.file')}</Table.Th>
                  <Table.Th scope="col">{t('imports.uploadedAt')}</Table.Th>
                  <Table.Th scope="col">{t('imports.status')}</Table.Th>
                  <Table.Th scope="col">{t('imports.counts')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {imports.data.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>
                      <Text fz="sm" style={{ wordBreak: 'break-all' }}>
                        {item.fileName}
                      </Text>
                      <Text fz="xs" c="dimmed">
                        {item.format.toUpperCase()} · {formatBytes(item.byteSize)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{formatDateTime(item.createdAt)}</Table.Td>
                    <Table.Td>
                      <StatusBadge color={statusColors[item.status]}>{t(`imports.statuses.${item.status}`)}</StatusBadge>
                      {item.error ? (
                        <Text fz="xs" c="dimmed" lineClamp={2} title={item.error}>
                          {item.status === 'queued' ? t('imports.retrying', { error: item.error }) : item.error}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Text fz="sm">
                        {t('imports.countsLine', {
                          ingested: formatNumber(item.ingested),
                          duplicates: formatNumber(item.duplicates),
                          rejected: formatNumber(item.rejectedCount),
                        })}
                      </Text>
                      {item.rejected.length ? (
                        <List size="xs" c="dimmed" spacing={0}>
                          {item.rejected.slice(0, SHOWN_REJECTIONS).map((rejected) => (
                            <List.Item key={rejected.line}>
                              {t('imports.rejectedLine', { line: formatNumber(rejected.line), reason: rejected.reason })}
                            </List.Item>
                          ))}
                          {item.rejectedCount > SHOWN_REJECTIONS ? (
                            <List.Item>{t('imports.moreRejected', { count: item.rejectedCount - SHOWN_REJECTIONS })}</List.Item>
                          ) : null}
                        </List>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Stack>
    </Card>
  );
}
