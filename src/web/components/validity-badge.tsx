import { Badge, Flex, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatIsoDate, todayInVietnam } from '../format';

/**
 * Whether a dated reference entry is in force today, and the dates it is valid between (both inclusive): the
 * directory's organizations and the legal register's documents. The words are the namespace's `validity.*` keys
 * ("Đang hoạt động" for a body, "Còn hiệu lực" for a law); without dates, `validity.unknown` if it has one.
 */
export function ValidityBadge({ from, to, namespace }: { from: string | null; to: string | null; namespace: string }) {
  const { t, i18n } = useTranslation(namespace);
  const today = todayInVietnam();
  const isEnded = to !== null && to < today;
  const isFuture = from !== null && from > today;
  const fromText = formatIsoDate(from);
  const toText = formatIsoDate(to);
  return (
    // In a narrow table column the dates go under the badge rather than breaking across lines.
    <Flex wrap="wrap" align="center" rowGap={4} columnGap="xs">
      <Badge color={isEnded ? 'gray' : isFuture ? 'yellow' : 'green'} variant="light">
        {isEnded ? t('validity.ended') : isFuture ? t('validity.future') : t('validity.current')}
      </Badge>
      <Text fz="sm" c={fromText || toText ? 'dark.6' : 'dark.5'} style={{ whiteSpace: 'nowrap' }}>
        {fromText && toText
          ? t('validity.range', { from: fromText, to: toText })
          : fromText
            ? t('validity.since', { from: fromText })
            : toText
              ? t('validity.until', { to: toText })
              : i18n.exists(`${namespace}:validity.unknown`)
                ? t('validity.unknown')
                : ''}
      </Text>
    </Flex>
  );
}
