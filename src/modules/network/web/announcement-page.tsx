import { Alert, Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, apiRequest } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { Loading } from '../../../web/components/loading';
import { OrganizationLink } from '../../../web/components/organization-link';
import { PageTitle } from '../../../web/components/page-title';
import { formatDateTime, formatNumber } from '../../../web/format';
import { useSession } from '../../../web/session';
import type { Announcement, Receipts } from './types';

/** One announcement: its text (marked read on opening by a recipient) and, for its sender, the read receipts. */
export function AnnouncementPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('network');
  const { user } = useSession();
  const queryClient = useQueryClient();
  const markedRef = useRef<string | undefined>(undefined);
  const announcement = useQuery({
    queryKey: ['announcement', id],
    queryFn: () => apiRequest<Announcement>(`/announcements/${encodeURIComponent(id)}`),
  });
  const data = announcement.data;
  const isRecipient = data !== undefined && user !== undefined && data.recipientOrganizationIds.includes(user.organizationId);
  const canSeeReceipts =
    data !== undefined &&
    user !== undefined &&
    (user.role === 'administrator' || user.role === 'coordinator' || user.organizationId === data.senderOrganizationId);

  useEffect(() => {
    if (!data || !isRecipient || data.readAt !== null || markedRef.current === data.id) return;
    markedRef.current = data.id;
    apiRequest<unknown>(`/announcements/${encodeURIComponent(data.id)}/read`, { method: 'POST' })
      .then(() => queryClient.invalidateQueries({ queryKey: ['announcements'] }))
      .catch(() => {
        markedRef.current = undefined;
      });
  }, [data, isRecipient, queryClient]);

  if (announcement.isPending) return <Loading />;
  if (announcement.error) {
    const isHidden =
      announcement.error instanceof ApiError &&
      (announcement.error.code === 'NOT_FOUND' || announcement.error.code === 'FORBIDDEN');
    return (
      <Stack>
        <PageTitle>{t('announcement.unavailableTitle')}</PageTitle>
        {isHidden ? (
          <Alert color="orange" role="alert" data-testid="not-permitted">
            {t('announcement.notPermitted')}
          </Alert>
        ) : (
          <ErrorAlert error={announcement.error} />
        )}
        <Anchor component={Link} to="/announcements">
          {t('announcement.back')}
        </Anchor>
      </Stack>
    );
  }
  const item = announcement.data;
  return (
    <Stack>
      <Anchor component={Link} to="/announcements" fz="sm">
        ← {t('announcement.back')}
      </Anchor>
      <PageTitle>{item.title}</PageTitle>
      <Text c="dark.6" mt={-12}>
        {t('announcements.from')} <OrganizationLink organizationId={item.senderOrganizationId} /> · {formatDateTime(item.sentAt)}
      </Text>
      <Card withBorder>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{item.body}</Text>
      </Card>
      <Text fz="sm" c="dark.6">
        {t('announcement.recipientCount', {
          count: item.recipientOrganizationIds.length,
          formatted: formatNumber(item.recipientOrganizationIds.length),
        })}
      </Text>
      {canSeeReceipts ? <ReceiptsCard announcementId={item.id} /> : null}
    </Stack>
  );
}

function ReceiptsCard({ announcementId }: { announcementId: string }) {
  const { t } = useTranslation('network');
  const receipts = useQuery({
    queryKey: ['announcement-receipts', announcementId],
    queryFn: () => apiRequest<Receipts>(`/announcements/${encodeURIComponent(announcementId)}/receipts`),
    refetchInterval: 30_000,
  });
  return (
    <Card withBorder>
      <Title order={2} fz="h3" mb="sm">
        {t('receipts.title')}
      </Title>
      {receipts.isPending ? <Loading /> : null}
      <ErrorAlert error={receipts.error} />
      {receipts.data ? (
        <Stack>
          <Text role="status">
            {t('receipts.summary', {
              read: formatNumber(receipts.data.organizationsWithReaders),
              total: formatNumber(receipts.data.recipientOrganizationCount),
            })}
          </Text>
          <Table.ScrollContainer minWidth={600}>
            <Table verticalSpacing="xs" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('receipts.organization')}</Table.Th>
                  <Table.Th scope="col">{t('receipts.status')}</Table.Th>
                  <Table.Th scope="col">{t('receipts.readers')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {receipts.data.recipients.map((recipient) => (
                  <Table.Tr key={recipient.organizationId} data-testid={`receipt-${recipient.organizationId}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/organizations/${encodeURIComponent(recipient.organizationId)}`}>
                        {recipient.organizationName}
                      </Anchor>
                      <Text fz="xs" c="dark.5">
                        {t('receipts.userCount', { count: recipient.userCount, formatted: formatNumber(recipient.userCount) })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {recipient.readers.length > 0 ? (
                        <Badge color="green" variant="light">
                          {t('receipts.read')}
                        </Badge>
                      ) : (
                        <Badge color="gray" variant="light">
                          {t('receipts.notRead')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        {recipient.readers.map((reader) => (
                          <Group key={reader.userId} gap="xs">
                            <Text fz="sm">{reader.displayName}</Text>
                            <Text fz="xs" c="dark.5">
                              {reader.email} · {formatDateTime(reader.readAt)}
                            </Text>
                          </Group>
                        ))}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      ) : null}
    </Card>
  );
}
