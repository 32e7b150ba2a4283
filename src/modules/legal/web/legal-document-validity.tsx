import { Badge, Flex, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatIsoDate, todayInVietnam } from '../../../web/format';
import type { LegalDocument } from './types';

/** Whether a document is in force today, and the dates it is in force between (the last one inclusive). */
export function LegalDocumentValidity({ document }: { document: LegalDocument }) {
  const { t } = useTranslation('legal');
  const today = todayInVietnam();
  const isEnded = document.effectiveTo !== null && document.effectiveTo < today;
  const isFuture = document.effectiveFrom !== null && document.effectiveFrom > today;
  const from = formatIsoDate(document.effectiveFrom);
  const to = formatIsoDate(document.effectiveTo);
  return (
    // In a narrow table column the dates go under the badge rather than breaking across lines.
    <Flex wrap="wrap" align="center" rowGap={4} columnGap="xs">
      <Badge color={isEnded ? 'gray' : isFuture ? 'yellow' : 'green'} variant="light">
        {isEnded ? t('validity.ended') : isFuture ? t('validity.future') : t('validity.current')}
      </Badge>
      <Text fz="sm" c={from || to ? 'dark.6' : 'dark.5'} style={{ whiteSpace: 'nowrap' }}>
        {from && to
          ? t('validity.range', { from, to })
          : from
            ? t('validity.since', { from })
            : to
              ? t('validity.until', { to })
              : t('validity.unknown')}
      </Text>
    </Flex>
  );
}
