import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatIsoDate, todayInVietnam } from '../../../web/format';
import type { Organization } from '../../../web/types';

/** Whether an organization is in force today, and the dates it is valid between. */
export function OrganizationValidity({ organization }: { organization: Organization }) {
  const { t } = useTranslation('directory');
  const today = todayInVietnam();
  const isEnded = organization.validTo !== null && organization.validTo < today;
  const isFuture = organization.validFrom !== null && organization.validFrom > today;
  const from = formatIsoDate(organization.validFrom);
  const to = formatIsoDate(organization.validTo);
  return (
    <Group gap="xs" wrap="nowrap">
      <Badge color={isEnded ? 'gray' : isFuture ? 'yellow' : 'green'} variant="light">
        {isEnded ? t('validity.ended') : isFuture ? t('validity.future') : t('validity.current')}
      </Badge>
      <Text fz="sm" c="dark.6">
        {from && to
          ? t('validity.range', { from, to })
          : from
            ? t('validity.since', { from })
            : to
              ? t('validity.until', { to })
              : ''}
      </Text>
    </Group>
  );
}
