import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { apiRequest, apiUrl } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { Loading } from '../../../web/components/loading';
import { OrganizationSelect } from '../../../web/components/organization-select';
import { PageTitle } from '../../../web/components/page-title';
import { formatDateTime } from '../../../web/format';
import { useSession } from '../../../web/session';
import { IncidentFields, incidentDraftBody, isoToLocal, localToIso, useIncidentDraft } from './incident-fields';
import {
  severityColor,
  statusColor,
  type IncidentDetail,
  type IncidentStatus,
  type Person,
  type Statement,
  type TimelineEntry,
} from './types';

const memberRoles = ['lead', 'spokesperson', 'member', 'monitor'] as const;

/** One incident: status workflow, task force, links, statements with approval, and the timeline with notes. */
export function IncidentPage() {
  const { t } = useTranslation('incidents');
  const { id = '' } = useParams();
  const client = useQueryClient();
  const [isEditing, setIsEditing] = useState(false);
  const incident = useQuery({ queryKey: ['incidents', id], queryFn: () => apiRequest<IncidentDetail>(`/incidents/${id}`) });
  const refresh = (data?: IncidentDetail) => {
    if (data) client.setQueryData(['incidents', id], data);
    return client.invalidateQueries({ queryKey: ['incidents', id] });
  };
  if (incident.error) return <ErrorAlert error={incident.error} />;
  if (!incident.data) return <Loading />;
  const data = incident.data;
  return (
    <Stack>
      <PageTitle>{data.title}</PageTitle>
      <Group gap="xs">
        <Badge color={severityColor[data.severity]} data-testid="incident-severity">
          {t('severityLabel', { label: t(`severity.${data.severity}`) })}
        </Badge>
        <Badge color={statusColor[data.status]} variant="light" data-testid="incident-status">
          {t(`status.${data.status}`)}
        </Badge>
        {data.isOverdue && (
          <Badge color="red" variant="outline">
            {t('overdue')}
          </Badge>
        )}
        <Text c="dimmed">{data.organizationName}</Text>
        {data.canHandle && (
          <Button size="xs" variant="subtle" onClick={() => setIsEditing((value) => !value)}>
            {isEditing ? t('edit.cancel') : t('edit.open')}
          </Button>
        )}
      </Group>
      {isEditing ? (
        <EditCard
          incident={data}
          onChanged={(updated) => {
            setIsEditing(false);
            return refresh(updated);
          }}
        />
      ) : (
        data.description && <Text style={{ whiteSpace: 'pre-wrap' }}>{data.description}</Text>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Stack>
          <StatusCard incident={data} onChanged={refresh} />
          <TaskForceCard incident={data} onChanged={refresh} />
          <LinksCard incident={data} onChanged={refresh} />
        </Stack>
        <Stack>
          <StatementsCard incident={data} onChanged={() => refresh()} />
        </Stack>
      </SimpleGrid>
      <TimelineCard incident={data} onChanged={refresh} />
    </Stack>
  );
}

interface CardProps {
  incident: IncidentDetail;
  onChanged: (data?: IncidentDetail) => unknown;
}

function EditCard({ incident, onChanged }: CardProps) {
  const { t } = useTranslation('incidents');
  const [draft, changeDraft] = useIncidentDraft({
    title: incident.title,
    description: incident.description ?? '',
    severity: String(incident.severity),
    responseDueAt: isoToLocal(incident.responseDueAt),
  });
  const [resolutionDueAt, setResolutionDueAt] = useState(isoToLocal(incident.resolutionDueAt));
  const save = useMutation({
    mutationFn: () =>
      apiRequest<IncidentDetail>(`/incidents/${incident.id}`, {
        method: 'PATCH',
        body: { ...incidentDraftBody(draft), resolutionDueAt: localToIso(resolutionDueAt) },
      }),
    onSuccess: onChanged,
  });
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Card withBorder>
      <form onSubmit={handleSubmit}>
        <Stack gap="xs">
          <IncidentFields draft={draft} onChange={changeDraft}>
            <TextInput
              type="datetime-local"
              label={t('fields.resolutionDueAt')}
              value={resolutionDueAt}
              onChange={(e) => setResolutionDueAt(e.currentTarget.value)}
            />
            <Button type="submit" loading={save.isPending}>
              {t('edit.save')}
            </Button>
          </IncidentFields>
          {save.error && <ErrorAlert error={save.error} />}
        </Stack>
      </form>
    </Card>
  );
}

function StatusCard({ incident, onChanged }: CardProps) {
  const { t } = useTranslation('incidents');
  const [note, setNote] = useState('');
  const move = useMutation({
    mutationFn: (status: IncidentStatus) =>
      apiRequest<IncidentDetail>(`/incidents/${incident.id}/transitions`, {
        method: 'POST',
        body: { status, note: note || undefined },
      }),
    onSuccess: (data) => {
      setNote('');
      void onChanged(data);
    },
  });
  return (
    <Card withBorder>
      <Title order={3}>{t('detail.status')}</Title>
      <Table mt="xs">
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row">{t('fields.openedAt')}</Table.Th>
            <Table.Td>{formatDateTime(incident.createdAt)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('fields.responseDueAt')}</Table.Th>
            <Table.Td>{incident.responseDueAt ? formatDateTime(incident.responseDueAt) : '—'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('fields.resolutionDueAt')}</Table.Th>
            <Table.Td>{incident.resolutionDueAt ? formatDateTime(incident.resolutionDueAt) : '—'}</Table.Td>
          </Table.Tr>
          {incident.closedAt && (
            <Table.Tr>
              <Table.Th scope="row">{t('fields.closedAt')}</Table.Th>
              <Table.Td>{formatDateTime(incident.closedAt)}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {incident.canHandle && (
        <Stack gap="xs" mt="sm">
          <Textarea
            label={t('detail.transitionNote')}
            autosize
            minRows={1}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Group gap="xs">
            {incident.allowedTransitions.map((status) => (
              <Button
                key={status}
                size="xs"
                variant={status === 'closed' ? 'outline' : 'filled'}
                onClick={() => move.mutate(status)}
                loading={move.isPending && move.variables === status}
              >
                {t(`transition.${incident.status}.${status}`, {
                  defaultValue: t('transition.to', { status: t(`status.${status}`) }),
                })}
              </Button>
            ))}
          </Group>
          {move.error && <ErrorAlert error={move.error} />}
        </Stack>
      )}
    </Card>
  );
}

function TaskForceCard({ incident, onChanged }: CardProps) {
  const { t } = useTranslation('incidents');
  const people = useQuery({
    queryKey: ['incidents', incident.id, 'people'],
    queryFn: () => apiRequest<Person[]>(`/incidents/${incident.id}/people`),
    enabled: incident.canHandle,
  });
  const [userId, setUserId] = useState<string | null>(null);
  const [role, setRole] = useState<string | null>('member');
  const assign = useMutation({
    mutationFn: (ownerUserId: string | null) =>
      apiRequest<IncidentDetail>(`/incidents/${incident.id}/owner`, { method: 'PUT', body: { ownerUserId } }),
    onSuccess: onChanged,
  });
  const add = useMutation({
    mutationFn: () => apiRequest<IncidentDetail>(`/incidents/${incident.id}/members`, { method: 'POST', body: { userId, role } }),
    onSuccess: (data) => {
      setUserId(null);
      void onChanged(data);
    },
  });
  const remove = useMutation({
    mutationFn: (memberId: string) =>
      apiRequest<IncidentDetail>(`/incidents/${incident.id}/members/${memberId}`, { method: 'DELETE' }),
    onSuccess: onChanged,
  });
  const options = (people.data ?? []).map((p) => ({ value: p.id, label: `${p.displayName} (${p.email})` }));
  return (
    <Card withBorder>
      <Title order={3}>{t('detail.taskForce')}</Title>
      {incident.canHandle ? (
        <Select
          mt="xs"
          label={t('fields.owner')}
          clearable
          searchable
          value={incident.owner?.id ?? null}
          onChange={(v) => assign.mutate(v)}
          data={options}
        />
      ) : (
        <Text mt="xs">
          {t('fields.owner')}: {incident.owner?.displayName ?? '—'}
        </Text>
      )}
      <List mt="sm" data-testid="task-force">
        {incident.members.map((member) => (
          <List.Item key={member.user.id}>
            {member.user.displayName} — {t(`memberRole.${member.role}`)}
            {incident.canHandle && (
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                ml="xs"
                onClick={() => remove.mutate(member.user.id)}
                aria-label={t('detail.removeMember', { name: member.user.displayName })}
              >
                {t('detail.remove')}
              </Button>
            )}
          </List.Item>
        ))}
      </List>
      {incident.members.length === 0 && <Text c="dimmed">{t('detail.noMembers')}</Text>}
      {incident.canHandle && (
        <Group align="flex-end" mt="sm">
          <Select label={t('detail.member')} searchable value={userId} onChange={setUserId} data={options} />
          <Select
            label={t('detail.memberRole')}
            value={role}
            onChange={setRole}
            allowDeselect={false}
            data={memberRoles.map((r) => ({ value: r, label: t(`memberRole.${r}`) }))}
          />
          <Button disabled={!userId} onClick={() => add.mutate()} loading={add.isPending}>
            {t('detail.addMember')}
          </Button>
        </Group>
      )}
      {[assign.error, add.error, remove.error, people.error].map((error, index) =>
        error ? <ErrorAlert key={index} error={error} /> : null,
      )}
    </Card>
  );
}

function LinksCard({ incident, onChanged }: CardProps) {
  const { t } = useTranslation('incidents');
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const unshare = useMutation({
    mutationFn: (sharedId: string) =>
      apiRequest<IncidentDetail>(`/incidents/${incident.id}/shares/${sharedId}`, { method: 'DELETE' }),
    onSuccess: onChanged,
  });
  const share = useMutation({
    mutationFn: () =>
      apiRequest<IncidentDetail>(`/incidents/${incident.id}/shares`, { method: 'POST', body: { organizationId } }),
    onSuccess: (data) => {
      setOrganizationId(null);
      void onChanged(data);
    },
  });
  return (
    <Card withBorder>
      <Title order={3}>{t('detail.links')}</Title>
      <List mt="xs">
        {incident.links.map((link) => (
          <List.Item key={`${link.kind}:${link.targetId}`}>
            {t(`linkKind.${link.kind}`)}:{' '}
            <Anchor component={Link} to={link.kind === 'alert' ? '/trends/alerts' : '/monitoring/queries'}>
              {link.label}
            </Anchor>
          </List.Item>
        ))}
      </List>
      {incident.links.length === 0 && <Text c="dimmed">{t('detail.noLinks')}</Text>}
      {incident.canHandle && (
        // a new saved query linked to the incident: it is listed here once saved
        <Anchor
          component={Link}
          to={`/monitoring/queries?${new URLSearchParams({ incident: incident.id, name: incident.title }).toString()}`}
          fz="sm"
        >
          {t('detail.newQuery')}
        </Anchor>
      )}
      <Text mt="sm" fw={500}>
        {t('detail.sharedWith')}
      </Text>
      {incident.sharedWith.length === 0 && <Text c="dimmed">{t('detail.notShared')}</Text>}
      <List>
        {incident.sharedWith.map((shared) => (
          <List.Item key={shared.organizationId}>
            {shared.organizationName}
            {incident.canHandle && (
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                ml="xs"
                onClick={() => unshare.mutate(shared.organizationId)}
                aria-label={t('detail.unshareFrom', { name: shared.organizationName })}
              >
                {t('detail.unshare')}
              </Button>
            )}
          </List.Item>
        ))}
      </List>
      {incident.canHandle && (
        <Group align="flex-end" mt="xs">
          <OrganizationSelect label={t('detail.shareWith')} value={organizationId} onChange={setOrganizationId} />
          <Button variant="light" disabled={!organizationId} onClick={() => share.mutate()} loading={share.isPending}>
            {t('detail.share')}
          </Button>
        </Group>
      )}
      {share.error && <ErrorAlert error={share.error} />}
      {unshare.error && <ErrorAlert error={unshare.error} />}
    </Card>
  );
}

function StatementsCard({ incident, onChanged }: CardProps) {
  const { t } = useTranslation('incidents');
  const { user } = useSession();
  const [kind, setKind] = useState<string | null>('holding_statement');
  const [title, setTitle] = useState('');
  const [addressee, setAddressee] = useState('');
  const [body, setBody] = useState('');
  const [comment, setComment] = useState('');
  const base = `/incidents/${incident.id}/statements`;
  const draft = useMutation({
    mutationFn: () =>
      apiRequest<Statement>(base, {
        method: 'POST',
        body: { kind, title, body, addressee: kind === 'press_response' ? addressee || null : null },
      }),
    onSuccess: () => {
      setTitle('');
      setBody('');
      setAddressee('');
      void onChanged();
    },
  });
  const act = useMutation({
    mutationFn: ({ statement, action }: { statement: Statement; action: 'submit' | 'approve' | 'return' }) =>
      action === 'submit'
        ? apiRequest<Statement>(`${base}/${statement.id}/submit`, { method: 'POST' })
        : apiRequest<Statement>(`${base}/${statement.id}/review`, {
            method: 'POST',
            body: { decision: action, comment: comment || undefined },
          }),
    onSuccess: () => {
      setComment('');
      void onChanged();
    },
  });
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    draft.mutate();
  };
  return (
    <Card withBorder>
      <Title order={3}>{t('statements.title')}</Title>
      <Stack gap="sm" mt="xs">
        {incident.statements.map((statement) => (
          <Card key={statement.id} withBorder padding="sm" data-testid="statement" data-status={statement.status}>
            <Group justify="space-between">
              <Text fw={600}>
                {t(`statementKind.${statement.kind}`)}: {statement.title}
              </Text>
              <Badge color={statement.status === 'approved' ? 'green' : statement.status === 'submitted' ? 'yellow' : 'gray'}>
                {t(`statementStatus.${statement.status}`)}
              </Badge>
            </Group>
            {statement.addressee && <Text fz="sm">{t('statements.addresseeValue', { addressee: statement.addressee })}</Text>}
            <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }} mt={4}>
              {statement.body}
            </Text>
            <Text fz="xs" c="dimmed" mt={4}>
              {t('statements.byline', { author: statement.author?.displayName ?? '—', at: formatDateTime(statement.createdAt) })}
              {statement.approvedBy && statement.approvedAt
                ? ` · ${t('statements.approvedBy', { name: statement.approvedBy.displayName, at: formatDateTime(statement.approvedAt) })}`
                : ''}
            </Text>
            {statement.reviewComment && (
              <Text fz="sm" c="orange">
                {t('statements.comment', { comment: statement.reviewComment })}
              </Text>
            )}
            <Group gap="xs" mt="xs">
              {statement.status === 'draft' && incident.canHandle && (
                <Button size="xs" onClick={() => act.mutate({ statement, action: 'submit' })}>
                  {t('statements.submit')}
                </Button>
              )}
              {statement.status === 'submitted' && incident.canApprove && statement.author?.id !== user?.id && (
                <>
                  <TextInput
                    size="xs"
                    aria-label={t('statements.reviewComment')}
                    placeholder={t('statements.reviewComment')}
                    value={comment}
                    onChange={(e) => setComment(e.currentTarget.value)}
                  />
                  <Button size="xs" color="green" onClick={() => act.mutate({ statement, action: 'approve' })}>
                    {t('statements.approve')}
                  </Button>
                  <Button size="xs" variant="outline" onClick={() => act.mutate({ statement, action: 'return' })}>
                    {t('statements.return')}
                  </Button>
                </>
              )}
              {statement.status === 'approved' && (
                <Anchor href={apiUrl(`${base}/${statement.id}/document.docx`)} data-testid="statement-docx">
                  {t('statements.download')}
                </Anchor>
              )}
            </Group>
          </Card>
        ))}
        {incident.statements.length === 0 && <Text c="dimmed">{t('statements.none')}</Text>}
        {act.error && <ErrorAlert error={act.error} />}
      </Stack>
      {incident.canHandle && (
        <form onSubmit={handleSubmit}>
          <Stack gap="xs" mt="md">
            <Title order={4}>{t('statements.new')}</Title>
            <Select
              label={t('statements.kind')}
              value={kind}
              onChange={setKind}
              allowDeselect={false}
              data={(['holding_statement', 'press_response'] as const).map((k) => ({ value: k, label: t(`statementKind.${k}`) }))}
            />
            <TextInput
              required
              minLength={3}
              label={t('statements.titleField')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
            />
            {kind === 'press_response' && (
              <TextInput
                label={t('statements.addressee')}
                value={addressee}
                onChange={(e) => setAddressee(e.currentTarget.value)}
              />
            )}
            <Textarea
              required
              minLength={10}
              label={t('statements.body')}
              autosize
              minRows={4}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
            />
            <Group>
              <Button type="submit" loading={draft.isPending}>
                {t('statements.saveDraft')}
              </Button>
            </Group>
            {draft.error && <ErrorAlert error={draft.error} />}
          </Stack>
        </form>
      )}
    </Card>
  );
}

/** The translated sentence of one timeline entry. */
function describeEntry(t: (key: string, options?: Record<string, unknown>) => string, entry: TimelineEntry): string {
  const d = entry.data;
  const text = (...values: unknown[]) =>
    values.find((value): value is string | number => typeof value === 'string' || typeof value === 'number')?.toString() ?? '';
  const personName = () => entry.subject?.displayName ?? t('timeline.someone');
  switch (entry.kind) {
    case 'opened_from_alert':
      return t('timeline.opened_from_alert', {
        kind: t(`alertKind.${String(d.kind)}`, { defaultValue: String(d.kind) }),
        query: text(d.query, d.rule),
        mentions: Number(d.mentions ?? 0),
        at: formatDateTime(String(d.startedAt)),
      });
    case 'status_changed':
      return t('timeline.status_changed', { from: t(`status.${String(d.from)}`), to: t(`status.${String(d.to)}`) });
    case 'owner_assigned':
      return d.ownerUserId ? t('timeline.owner_assigned', { name: personName() }) : t('timeline.owner_cleared');
    case 'member_added':
    case 'member_removed':
      return t(`timeline.${entry.kind}`, { name: personName(), role: t(`memberRole.${String(d.role)}`) });
    case 'alert_linked':
    case 'query_linked':
      return t(`timeline.${entry.kind}`, { label: text(d.name, d.query, d.alertId) });
    case 'shared':
    case 'unshared':
      return t(`timeline.${entry.kind}`, { organization: text(d.organizationName, d.organizationId) });
    case 'updated':
      return t('timeline.updated', {
        fields: (d.fields as string[] | undefined)?.map((f) => t(`fields.${f}`, { defaultValue: f })).join(', ') ?? '',
      });
    case 'deadline_missed':
      return t('timeline.deadline_missed', {
        deadline: t(d.deadline === 'response' ? 'fields.responseDueAt' : 'fields.resolutionDueAt'),
        at: formatDateTime(text(d.dueAt)),
      });
    case 'statement_drafted':
    case 'statement_submitted':
    case 'statement_returned':
    case 'statement_approved':
      return t(`timeline.${entry.kind}`, { title: text(d.title) });
    default:
      return t(`timeline.${entry.kind}`, { defaultValue: entry.kind, severity: d.severity });
  }
}

function TimelineCard({ incident, onChanged }: CardProps) {
  const { t } = useTranslation('incidents');
  const [note, setNote] = useState('');
  const add = useMutation({
    mutationFn: () => apiRequest<IncidentDetail>(`/incidents/${incident.id}/notes`, { method: 'POST', body: { body: note } }),
    onSuccess: (data) => {
      setNote('');
      void onChanged(data);
    },
  });
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <Card withBorder>
      <Title order={3}>{t('timeline.title')}</Title>
      <List mt="xs" spacing="xs" data-testid="timeline">
        {incident.timeline.map((entry) => (
          <List.Item key={entry.id} data-kind={entry.kind}>
            <Text fz="sm" c="dimmed" span>
              {formatDateTime(entry.createdAt)} · {entry.actor?.displayName ?? t('timeline.system')}
            </Text>
            <Text>{entry.kind === 'note' ? t('timeline.note') : describeEntry(t, entry)}</Text>
            {entry.body && <Text style={{ whiteSpace: 'pre-wrap' }}>{entry.body}</Text>}
          </List.Item>
        ))}
      </List>
      {incident.canHandle && (
        <form onSubmit={handleSubmit}>
          <Group align="flex-end" mt="sm">
            <Textarea
              style={{ flex: 1 }}
              required
              label={t('timeline.addNote')}
              autosize
              minRows={2}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
            <Button type="submit" loading={add.isPending}>
              {t('timeline.saveNote')}
            </Button>
          </Group>
          {add.error && <ErrorAlert error={add.error} />}
        </form>
      )}
    </Card>
  );
}
