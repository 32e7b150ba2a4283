import { Badge, Flex, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatIsoDate, todayInVietnam } from '../format';

/**
 * Whether a dated reference entry is in force today, and the dates it is valid between (both inclusive): the
 * directory's organizations and the legal register's documents. The words are the namespace's `validity.*` keys
 * ("Đang hoạt động" for a body, "Còn hiệu lực" for a law), or those of `wordsKey`; without dates, its `unknown`
 * if it has one.
 */
export function ValidityBadge({
  from,
  to,
  namespace,
  wordsKey = 'validity',
}: {
  from: string | null;
  to: string | null;
  namespace: string;
  /** Where the words are in the namespace, when not `validity` (the register's drafts: `draftValidity`). */
  wordsKey?: string;
}) {
  const { t, i18n } = useTranslation(namespace);
  const words = (key: string, dates?: Record<string, string>) => t(`${wordsKey}.${key}`, dates);
  const today = todayInVietnam();
  const isEnded = to !== null && to < today;
  const isFuture = from !== null && from > today;
  const fromText = formatIsoDate(from);
  const toText = formatIsoDate(to);
  return (
    // In a narrow table column the dates go under the badge rather than breaking across lines.
    <Flex wrap="wrap" align="center" rowGap={4} columnGap="xs">
      <Badge color={isEnded ? 'gray' : isFuture ? 'yellow' : 'green'} variant="light">
        {isEnded ? words('ended') : isFuture ? words('future') : words('current')}
      </Badge>
      <Text fz="sm" c={fromText || toText ? 'dark.6' : 'dark.5'} style={{ whiteSpace: 'nowrap' }}>
        {fromText && toText
          ? words('range', { from: fromText, to: toText })
          : fromText
            ? words('since', { from: fromText })
            : toText
              ? words('until', { to: toText })
              : i18n.exists(`${namespace}:${wordsKey}.unknown`)
                ? words('unknown')
                : ''}
      </Text>
    </Flex>
  );
}
