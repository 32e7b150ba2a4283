import { Anchor, Badge, Button, Card, Group, MultiSelect, Stack, Table, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { apiRequest } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { Loading } from '../../../web/components/loading';
import { OrganizationLink } from '../../../web/components/organization-link';
import { OrganizationMultiSelect } from '../../../web/components/organization-select';
import { PageTitle } from '../../../web/components/page-title';
import { formatDateTime, formatNumber } from '../../../web/format';
import { useSession } from '../../../web/session';
import type { Announcement, Group as NetworkGroup, Inbox, SentAnnouncements } from './types';

/** The inbox query, shared with the home page's unread counter. */
export function useInbox() {
  return useQuery({
    queryKey: ['announcements', 'inbox'],
    queryFn: () => apiRequest<Inbox>('/announcements/inbox', { query: { limit: 100 } }),
  });
}

/** Announcements: the inbox with unread markers, what the organization sent with read counts, and compose for coordinators. */
export function AnnouncementsPage() {
  const { t } = useTranslation('network');
  const { user } = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const isCoordinator = user?.role === 'administrator' || user?.role === 'coordinator';
  const tab = searchParams.get('tab') ?? 'inbox';
  return (
    <Stack>
      <PageTitle>{t('announcements.title')}</PageTitle>
      <Tabs
        value={tab}
        onChange={(value) => setSearchParams(value && value !== 'inbox' ? { tab: value } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="inbox">{t('announcements.inbox')}</Tabs.Tab>
          <Tabs.Tab value="sent">{t('announcements.sent')}</Tabs.Tab>
          {isCoordinator ? <Tabs.Tab value="compose">{t('announcements.compose')}</Tabs.Tab> : null}
        </Tabs.List>
        <Tabs.Panel value="inbox" pt="md">
          <InboxList />
        </Tabs.Panel>
        <Tabs.Panel value="sent" pt="md">
          <SentList />
        </Tabs.Panel>
        {isCoordinator ? (
          <Tabs.Panel value="compose" pt="md">
            <ComposeForm />
          </Tabs.Panel>
        ) : null}
      </Tabs>
    </Stack>
  );
}

function InboxList() {
  const { t } = useTranslation('network');
  const inbox = useInbox();
  if (inbox.isPending) return <Loading />;
  if (inbox.error) return <ErrorAlert error={inbox.error} />;
  if (inbox.data.items.length === 0) return <Text c="dark.6">{t('announcements.inboxEmpty')}</Text>;
  return (
    <Stack gap="sm">
      <Text role="status">
        {t('announcements.unreadCount', { count: inbox.data.unreadCount, formatted: formatNumber(inbox.data.unreadCount) })}
      </Text>
      {inbox.data.items.map((item) => {
        const isUnread = item.readAt === null;
        return (
          <Card
            key={item.id}
            withBorder
            padding="sm"
            data-unread={isUnread ? 'true' : 'false'}
            style={isUnread ? { borderLeft: '4px solid var(--mantine-color-blue-8)' } : undefined}
          >
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <div>
                <Anchor component={Link} to={`/announcements/${item.id}`} className={isUnread ? 'nhip-unread' : undefined}>
                  {item.title}
                </Anchor>
                <Text fz="sm" c="dark.6" lineClamp={2}>
                  {item.excerpt}
                </Text>
                <Text fz="xs" c="dark.5" mt={4}>
                  {t('announcements.from')} <OrganizationLink organizationId={item.senderOrganizationId} /> ·{' '}
                  {formatDateTime(item.sentAt)}
                </Text>
              </div>
              {isUnread ? (
                <Badge color="blue" variant="filled">
                  {t('announcements.unread')}
                </Badge>
              ) : (
                <Badge color="gray" variant="light">
                  {t('announcements.read')}
                </Badge>
              )}
            </Group>
          </Card>
        );
      })}
    </Stack>
  );
}

function SentList() {
  const { t } = useTranslation('network');
  const sent = useQuery({
    queryKey: ['announcements', 'sent'],
    queryFn: () => apiRequest<SentAnnouncements>('/announcements/sent', { query: { limit: 100 } }),
  });
  if (sent.isPending) return <Loading />;
  if (sent.error) return <ErrorAlert error={sent.error} />;
  if (sent.data.length === 0) return <Text c="dark.6">{t('announcements.sentEmpty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('announcements.columns.title')}</Table.Th>
            <Table.Th scope="col">{t('announcements.columns.sender')}</Table.Th>
            <Table.Th scope="col">{t('announcements.columns.sentAt')}</Table.Th>
            <Table.Th scope="col">{t('announcements.columns.recipients')}</Table.Th>
            <Table.Th scope="col">{t('announcements.columns.readers')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sent.data.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <Anchor component={Link} to={`/announcements/${item.id}`}>
                  {item.title}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <OrganizationLink organizationId={item.senderOrganizationId} />
              </Table.Td>
              <Table.Td>{formatDateTime(item.sentAt)}</Table.Td>
              <Table.Td>{formatNumber(item.recipientOrganizationCount)}</Table.Td>
              <Table.Td>{formatNumber(item.readerCount)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ComposeForm() {
  const { t } = useTranslation('network');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [organizationIds, setOrganizationIds] = useState<string[]>([]);
  const [groupKeys, setGroupKeys] = useState<string[]>([]);
  const groups = useQuery({ queryKey: ['groups'], queryFn: () => apiRequest<NetworkGroup[]>('/groups') });
  const send = useMutation({
    mutationFn: () =>
      apiRequest<Announcement>('/announcements', {
        method: 'POST',
        body: { title: title.trim(), body: body.trim(), organizationIds, groupKeys },
      }),
    onSuccess: async (announcement) => {
      await queryClient.invalidateQueries({ queryKey: ['announcements'] });
      notifications.show({ color: 'green', message: t('compose.sent', { count: announcement.recipientOrganizationIds.length }) });
      void navigate(`/announcements/${announcement.id}`);
    },
  });
  const hasAudience = organizationIds.length > 0 || groupKeys.length > 0;
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (hasAudience) send.mutate();
  };
  return (
    <form onSubmit={handleSubmit}>
      <Stack maw={760}>
        <ErrorAlert error={send.error ?? groups.error} />
        <TextInput
          label={t('compose.title')}
          required
          maxLength={300}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
        />
        <Textarea
          label={t('compose.body')}
          description={t('compose.bodyHelp')}
          required
          autosize
          minRows={5}
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
        />
        <OrganizationMultiSelect
          label={t('compose.organizations')}
          description={t('compose.organizationsHelp')}
          value={organizationIds}
          onChange={setOrganizationIds}
        />
        <MultiSelect
          label={t('compose.groups')}
          description={t('compose.groupsHelp')}
          data={(groups.data ?? []).map((group) => ({
            value: group.key,
            label: `${group.name} (${formatNumber(group.memberCount)})`,
          }))}
          value={groupKeys}
          onChange={setGroupKeys}
          searchable
          clearable
        />
        {!hasAudience ? (
          <Text fz="sm" c="dark.6">
            {t('compose.chooseAudience')}
          </Text>
        ) : null}
        <Group>
          <Button type="submit" loading={send.isPending} disabled={!hasAudience || title.trim().length < 2 || !body.trim()}>
            {t('compose.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
