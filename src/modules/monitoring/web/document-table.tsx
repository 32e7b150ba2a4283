import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../web/format';
import { useTopicName } from '../../../web/topics';
import type { MonitoringDocument } from './types';

const sentimentColor = { positive: 'green', negative: 'red', neutral: 'gray' } as const;
/** A badge's label is cut with an ellipsis when its cell is narrow; table columns size to the whole label instead. */
const WHOLE_LABEL = { root: { flexShrink: 0 }, label: { overflow: 'visible' } } as const;

/** Sentiment as a coloured badge whose title lists the cues behind it. */
export function SentimentBadge({ document }: { document: Pick<MonitoringDocument, 'sentiment' | 'sentimentReasons'> }) {
  const { t } = useTranslation('monitoring');
  if (!document.sentiment) return null;
  return (
    <Badge
      color={sentimentColor[document.sentiment]}
      variant="light"
      title={document.sentimentReasons.join(', ')}
      // whole words: a narrow table column otherwise cut "Tiêu cực" and "Tích cực" alike to "TI…"
      styles={WHOLE_LABEL}
    >
      {t(`sentiment.${document.sentiment}`)}
    </Badge>
  );
}

/** Documents as a table: date (Vietnam time), source, title with link and the policies it cites, sentiment, topic, story. */
export function DocumentTable({ documents }: { documents: MonitoringDocument[] }) {
  const { t } = useTranslation('monitoring');
  const topicName = useTopicName();
  if (documents.length === 0) return <Text c="dimmed">{t('empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('columns.publishedAt')}</Table.Th>
            <Table.Th scope="col">{t('columns.source')}</Table.Th>
            <Table.Th scope="col">{t('columns.title')}</Table.Th>
            <Table.Th scope="col">{t('columns.sentiment')}</Table.Th>
            <Table.Th scope="col">{t('columns.topic')}</Table.Th>
            <Table.Th scope="col">{t('columns.story')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {documents.map((document) => (
            <Table.Tr key={document.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(document.publishedAt)}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Text fz="sm">{document.source}</Text>
                  {document.kind === 'social' ? (
                    <Badge size="xs" variant="outline" styles={WHOLE_LABEL}>
                      {t('kind.social')}
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td>
                {document.url ? (
                  <Anchor href={document.url} target="_blank" rel="noreferrer noopener" fz="sm">
                    {document.title || document.snippet.slice(0, 120)}
                  </Anchor>
                ) : (
                  <Text fz="sm">{document.title || document.snippet.slice(0, 120)}</Text>
                )}
                <Text fz="xs" c="dimmed" lineClamp={2}>
                  {document.snippet}
                </Text>
                {document.policies.length > 0 ? (
                  <Group gap={4} mt={4} aria-label={t('policies')}>
                    {document.policies.map((policy) => (
                      <Badge key={policy} size="xs" variant="light" color="indigo" tt="none">
                        {policy}
                      </Badge>
                    ))}
                  </Group>
                ) : null}
              </Table.Td>
              <Table.Td>
                <SentimentBadge document={document} />
              </Table.Td>
              <Table.Td>{document.topic ? topicName(document.topic) : ''}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {document.storyId ? (
                  <Anchor component={Link} to={`/monitoring/stories/${document.storyId}`} fz="sm">
                    {t('openStory')}
                  </Anchor>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
