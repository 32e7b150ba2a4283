import {
  Anchor,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { apiRequest } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { Loading } from '../../../web/components/loading';
import { OrganizationSelect } from '../../../web/components/organization-select';
import { PageTitle } from '../../../web/components/page-title';
import { formatDateTime, formatIsoDate } from '../../../web/format';
import { statusColors, type Matrix, type TaskDetail, type TaskStatus, type TaskView } from './types';
import { postForm } from './upload';

function StatusBadge({ status }: { status: TaskStatus }) {
  const { t } = useTranslation('documents');
  return <Badge color={statusColors[status]}>{t(`taskStatus.${status}`)}</Badge>;
}

function TaskTable({ tasks }: { tasks: TaskView[] }) {
  const { t } = useTranslation('documents');
  if (tasks.length === 0) return <Text>{t('tasks.empty')}</Text>;
  return (
    <Table striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('tasks.document')}</Table.Th>
          <Table.Th>{t('fields.clause')}</Table.Th>
          <Table.Th>{t('fields.task')}</Table.Th>
          <Table.Th>{t('tasks.owner')}</Table.Th>
          <Table.Th>{t('fields.dueOn')}</Table.Th>
          <Table.Th>{t('list.status')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {tasks.map((task) => (
          <Table.Tr key={task.id}>
            <Table.Td>{`${task.document.type} ${task.document.number ?? ''}`}</Table.Td>
            <Table.Td>{task.clause}</Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/tasks/${task.id}`} lineClamp={2}>
                {task.task}
              </Anchor>
            </Table.Td>
            <Table.Td>{task.ownerOrganization.name}</Table.Td>
            <Table.Td>{formatIsoDate(task.dueOn)}</Table.Td>
            <Table.Td>
              <StatusBadge status={task.status} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** My organization's tasks and the overdue list. */
export function TasksPage() {
  const { t } = useTranslation('documents');
  const [searchParams, setSearchParams] = useSearchParams();
  const scope = searchParams.get('scope') === 'overdue' ? 'overdue' : 'mine';
  const tasks = useQuery({ queryKey: ['tasks', scope], queryFn: () => apiRequest<TaskView[]>('/tasks', { query: { scope } }) });
  return (
    <Stack>
      <PageTitle>{t('tasks.title')}</PageTitle>
      <Tabs value={scope} onChange={(value) => setSearchParams(value === 'overdue' ? { scope: 'overdue' } : {})}>
        <Tabs.List>
          <Tabs.Tab value="mine">{t('tasks.mine')}</Tabs.Tab>
          <Tabs.Tab value="overdue">{t('tasks.overdue')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {tasks.isPending ? <Loading /> : tasks.error ? <ErrorAlert error={tasks.error} /> : <TaskTable tasks={tasks.data} />}
    </Stack>
  );
}

/** Organizations × tasks of a document with status colours, and the exports. */
export function MatrixPage() {
  const { t } = useTranslation('documents');
  const { id = '' } = useParams();
  const matrix = useQuery({
    queryKey: ['documents', id, 'matrix'],
    queryFn: () => apiRequest<Matrix>(`/documents/${id}/matrix`),
  });
  if (matrix.isPending) return <Loading />;
  if (matrix.error) return <ErrorAlert error={matrix.error} />;
  const { document, columns, rows, totals } = matrix.data;
  return (
    <Stack>
      <PageTitle>
        {t('matrix.title', { name: `${document.summary?.type ?? ''} ${document.summary?.number ?? ''}`.trim() })}
      </PageTitle>
      <Group>
        {(['not_started', 'in_progress', 'done', 'overdue'] as const).map((status) => (
          <Badge key={status} color={statusColors[status]} size="lg">
            {t(`taskStatus.${status}`)}: {totals[status] ?? 0}
          </Badge>
        ))}
        <Anchor href={`/api/documents/${id}/tasks.xlsx`}>{t('matrix.exportXlsx')}</Anchor>
        <Anchor href={`/api/documents/${id}/progress-report.docx`}>{t('matrix.exportDocx')}</Anchor>
      </Group>
      <Table.ScrollContainer minWidth={600}>
        <Table withTableBorder withColumnBorders data-testid="matrix">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('tasks.owner')}</Table.Th>
              {columns.map((column) => (
                <Table.Th key={column.assignmentIndex} title={column.task}>
                  {column.clause}
                  {column.dueOn ? <Text fz="xs">{formatIsoDate(column.dueOn)}</Text> : null}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.organization.id}>
                <Table.Td>{row.organization.name}</Table.Td>
                {columns.map((column) => {
                  const cell = row.cells.find((candidate) => candidate.assignmentIndex === column.assignmentIndex);
                  return (
                    <Table.Td
                      key={column.assignmentIndex}
                      style={cell ? { background: `var(--mantine-color-${statusColors[cell.status]}-1)` } : undefined}
                    >
                      {cell ? (
                        <Anchor component={Link} to={`/tasks/${cell.taskId}`} fz="sm">
                          {t(`taskStatus.${cell.status}`)}
                        </Anchor>
                      ) : null}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** One task: details, status, progress reports with attachments, history, and handing it on. */
export function TaskPage() {
  const { t } = useTranslation('documents');
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const task = useQuery({ queryKey: ['tasks', id], queryFn: () => apiRequest<TaskDetail>(`/tasks/${id}`) });
  const [body, setBody] = useState('');
  const [percent, setPercent] = useState<number | string>('');
  const [files, setFiles] = useState<File | null>(null);
  const [owner, setOwner] = useState<string | null>(null);
  const refresh = (detail: TaskDetail) => queryClient.setQueryData(['tasks', id], detail);
  const setStatus = useMutation({
    mutationFn: (status: string) => apiRequest<TaskDetail>(`/tasks/${id}`, { method: 'PATCH', body: { status } }),
    onSuccess: refresh,
  });
  const report = useMutation({
    mutationFn: () => {
      const form = new FormData();
      form.append('body', body);
      if (percent !== '') form.append('percentComplete', String(percent));
      if (files) form.append('attachments', files);
      return postForm<TaskDetail>(`/tasks/${id}/reports`, form);
    },
    onSuccess: (detail) => {
      refresh(detail);
      setBody('');
      setPercent('');
      setFiles(null);
    },
  });
  const reassign = useMutation({
    mutationFn: () => apiRequest<TaskDetail>(`/tasks/${id}/reassign`, { method: 'POST', body: { organizationId: owner } }),
    onSuccess: refresh,
  });
  if (task.isPending) return <Loading />;
  if (task.error) return <ErrorAlert error={task.error} />;
  const detail = task.data;
  return (
    <Stack>
      <PageTitle>
        {t('task.title', { clause: detail.clause, document: `${detail.document.type} ${detail.document.number ?? ''}`.trim() })}
      </PageTitle>
      <Group>
        <StatusBadge status={detail.status} />
        <Text>
          {t('fields.dueOn')}: {formatIsoDate(detail.dueOn) || '—'}
        </Text>
        {detail.recurrence ? <Badge variant="outline">{t(`recurrence.${detail.recurrence}`)}</Badge> : null}
        <Anchor component={Link} to={`/documents/${detail.documentId}`}>
          {t('task.openDocument')}
        </Anchor>
      </Group>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{detail.task}</Text>
      <Text fz="sm">
        {t('task.assigned')}: {detail.assignedOrganization.name} · {t('tasks.owner')}: {detail.ownerOrganization.name}
      </Text>
      {detail.successors.length > 0 ? (
        <Text fz="sm" c="orange.9">
          {t('review.successors', { names: detail.successors.map((s) => s.name).join(', ') })}
        </Text>
      ) : null}
      {detail.canUpdate ? (
        <Select
          label={t('list.status')}
          w={240}
          value={detail.status === 'overdue' ? null : detail.status}
          onChange={(value) => value && setStatus.mutate(value)}
          data={(['not_started', 'in_progress', 'done'] as const).map((value) => ({ value, label: t(`taskStatus.${value}`) }))}
        />
      ) : null}
      {detail.canReassign ? (
        <Group align="flex-end">
          <OrganizationSelect label={t('task.reassign')} value={owner} onChange={setOwner} />
          <Button onClick={() => reassign.mutate()} disabled={!owner} loading={reassign.isPending}>
            {t('task.reassignSubmit')}
          </Button>
        </Group>
      ) : null}
      <ErrorAlert error={setStatus.error ?? reassign.error ?? report.error} />
      <Text fw={700}>{t('task.reports')}</Text>
      {detail.canUpdate ? (
        <Card withBorder>
          <Stack gap="xs">
            <Textarea
              label={t('task.reportBody')}
              autosize
              minRows={3}
              value={body}
              onChange={(event) => setBody(event.currentTarget.value)}
            />
            <Group align="flex-end">
              <NumberInput label={t('task.percent')} min={0} max={100} w={140} value={percent} onChange={setPercent} />
              <FileInput label={t('task.attachment')} value={files} onChange={setFiles} clearable w={300} />
              <Button onClick={() => report.mutate()} disabled={!body.trim()} loading={report.isPending}>
                {t('task.submitReport')}
              </Button>
            </Group>
          </Stack>
        </Card>
      ) : null}
      {detail.reports.map((item) => (
        <Card key={item.id} withBorder padding="sm">
          <Text fz="xs" c="dark.5">
            {formatDateTime(item.createdAt)} · {item.authorEmail ?? ''}{' '}
            {item.percentComplete !== null ? `· ${item.percentComplete}%` : ''}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{item.body}</Text>
          {item.attachments.map((file) => (
            <Anchor key={file.id} href={`/api/tasks/${id}/attachments/${file.id}`} fz="sm" display="block">
              {file.fileName}
            </Anchor>
          ))}
        </Card>
      ))}
      <Text fw={700}>{t('task.history')}</Text>
      <Table>
        <Table.Tbody>
          {detail.history.map((event) => (
            <Table.Tr key={event.id}>
              <Table.Td>{formatDateTime(event.at)}</Table.Td>
              <Table.Td>{t(`event.${event.kind}`, { defaultValue: event.kind })}</Table.Td>
              <Table.Td>{event.actorEmail ?? ''}</Table.Td>
              <Table.Td>{event.note ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
