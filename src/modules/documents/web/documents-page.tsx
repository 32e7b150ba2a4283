import { Alert, Anchor, Badge, Button, FileInput, Group, Progress, Stack, Table, Tabs, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { apiRequest } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { Loading } from '../../../web/components/loading';
import { PageTitle } from '../../../web/components/page-title';
import { formatDateTime, formatIsoDate } from '../../../web/format';
import type { DocumentView } from './types';
import { postForm } from './upload';

const statusColor: Record<DocumentView['status'], string> = {
  queued: 'gray',
  processing: 'blue',
  ready: 'yellow',
  failed: 'red',
  confirmed: 'green',
};

/** Processing progress of a document: a bar of pages done over total while extracting, then the phase. */
export function DocumentProgress({ document }: { document: DocumentView }) {
  const { t } = useTranslation('documents');
  if (document.status === 'failed') {
    return (
      <Alert color="red" role="alert" title={t('status.failed')}>
        {t(`failure.${document.error?.code ?? 'PROCESSING_FAILED'}`, { defaultValue: t('failure.PROCESSING_FAILED') })}
      </Alert>
    );
  }
  if (document.status !== 'queued' && document.status !== 'processing') return null;
  const { pagesDone, pagesTotal } = document.progress;
  const value = document.phase === 'extracting' && pagesTotal > 0 ? (pagesDone / pagesTotal) * 90 : document.phase ? 95 : 2;
  return (
    <Stack gap={4}>
      <Progress value={value} animated aria-label={t('upload.progress')} data-testid="document-progress" />
      <Text fz="sm" role="status">
        {document.phase === 'extracting' && pagesTotal > 0
          ? t('phase.extractingPages', { done: pagesDone, total: pagesTotal })
          : t(`phase.${document.phase ?? 'queued'}`)}
      </Text>
    </Stack>
  );
}

/** Upload a document (file or pasted text) and list the organization's documents. */
export function DocumentsPage() {
  const { t } = useTranslation('documents');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const list = useQuery({ queryKey: ['documents'], queryFn: () => apiRequest<DocumentView[]>('/documents') });
  const upload = useMutation({
    mutationFn: async (mode: 'file' | 'text') => {
      if (mode === 'file' && file) {
        const form = new FormData();
        form.append('file', file);
        return postForm<DocumentView>('/documents', form);
      }
      return apiRequest<DocumentView>('/documents', { method: 'POST', body: { text } });
    },
    onSuccess: async (document) => {
      await queryClient.invalidateQueries({ queryKey: ['documents'] });
      void navigate(`/documents/${document.id}`);
    },
  });
  return (
    <Stack>
      <PageTitle>{t('title')}</PageTitle>
      <Tabs defaultValue="file">
        <Tabs.List>
          <Tabs.Tab value="file">{t('upload.file')}</Tabs.Tab>
          <Tabs.Tab value="text">{t('upload.paste')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="file" pt="md">
          <Group align="flex-end">
            <FileInput
              label={t('upload.fileLabel')}
              description={t('upload.fileHint')}
              value={file}
              onChange={setFile}
              accept=".pdf,.docx,.txt,.png,.jpg,.jpeg,.tif,.tiff"
              style={{ flex: 1 }}
              clearable
            />
            <Button onClick={() => upload.mutate('file')} disabled={!file} loading={upload.isPending}>
              {t('upload.submit')}
            </Button>
          </Group>
        </Tabs.Panel>
        <Tabs.Panel value="text" pt="md">
          <Stack>
            <Textarea
              label={t('upload.textLabel')}
              autosize
              minRows={6}
              maxRows={16}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              data-testid="paste-text"
            />
            <Group>
              <Button onClick={() => upload.mutate('text')} disabled={!text.trim()} loading={upload.isPending}>
                {t('upload.submit')}
              </Button>
            </Group>
          </Stack>
        </Tabs.Panel>
      </Tabs>
      <ErrorAlert error={upload.error} />
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('list.document')}</Table.Th>
              <Table.Th>{t('list.issuedOn')}</Table.Th>
              <Table.Th>{t('list.status')}</Table.Th>
              <Table.Th>{t('list.uploadedAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((document) => (
              <Table.Tr key={document.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/documents/${document.id}`}>
                    {document.summary ? `${document.summary.type} ${document.summary.number ?? ''}` : document.fileName}
                  </Anchor>
                  {document.summary?.subject ? (
                    <Text fz="xs" c="dark.5" lineClamp={1}>
                      {document.summary.subject}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{formatIsoDate(document.summary?.issuedOn)}</Table.Td>
                <Table.Td>
                  <Badge color={statusColor[document.status]}>{t(`status.${document.status}`)}</Badge>
                </Table.Td>
                <Table.Td>{formatDateTime(document.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
