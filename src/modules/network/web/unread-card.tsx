import { Anchor, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../../web/components/error-alert';
import { formatNumber } from '../../../web/format';
import { useInbox } from './announcements-page';

/** Home-page card: how many announcements to the user's organization they have not read yet. */
export function UnreadAnnouncementsCard() {
  const { t } = useTranslation('network');
  const inbox = useInbox();
  return (
    <>
      <Title order={2} fz="h4" mb="xs">
        {t('announcements.title')}
      </Title>
      <ErrorAlert error={inbox.error} />
      {inbox.data ? (
        <Text data-testid="unread-count">
          {t('announcements.unreadCount', { count: inbox.data.unreadCount, formatted: formatNumber(inbox.data.unreadCount) })}
        </Text>
      ) : null}
      <Anchor component={Link} to="/announcements">
        {t('announcements.open')}
      </Anchor>
    </>
  );
}
