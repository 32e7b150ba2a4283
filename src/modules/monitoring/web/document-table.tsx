import { ActionIcon, Anchor, Badge, Button, Group, Popover, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { formatDateTime } from '../../../web/format';
import { hasRole, useSession } from '../../../web/session';
import { topicKeys, useTopicName } from '../../../web/topics';
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

/** A pencil (an SVG: the cell's text stays the sentiment's name alone, for screen readers and tests). */
function PencilIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <path d="M4 20h4L19 9l-4-4L4 16v4z" strokeLinejoin="round" />
      <path d="M13.5 6.5l4 4" />
    </svg>
  );
}

/**
 * An officer's correction of a document's sentiment and topic: the document shows the corrected labels at once, and
 * the correction is kept (`nlp_corrections`) for the language core to learn from (the models page, or
 * `npx nhip nlp retrain topic|sentiment`).
 */
function CorrectionButton({ document }: { document: MonitoringDocument }) {
  const { t } = useTranslation('monitoring');
  const topicName = useTopicName();
  const client = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [sentiment, setSentiment] = useState<string | null>(document.sentiment);
  const [topic, setTopic] = useState<string | null>(document.topic);
  const [note, setNote] = useState('');
  const changes = {
    ...(sentiment && sentiment !== document.sentiment ? { sentiment } : {}),
    ...(topic && topic !== document.topic ? { topic } : {}),
  };
  const save = useMutation({
    mutationFn: () =>
      apiRequest<MonitoringDocument>(`/monitoring/documents/${document.id}/corrections`, {
        method: 'POST',
        body: { ...changes, ...(note.trim() ? { note: note.trim() } : {}) },
      }),
    onSuccess: async () => {
      setOpened(false);
      setNote('');
      // every list that shows the document (stream, story, preview) reads it again
      await client.invalidateQueries({ queryKey: ['monitoring'] });
    },
  });
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow trapFocus>
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          size="sm"
          aria-label={t('correct.open', { title: document.title || document.snippet.slice(0, 60) })}
          onClick={() => setOpened((current) => !current)}
        >
          <PencilIcon />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" w={280} role="group" aria-label={t('correct.title')}>
          <Text fw={600} fz="sm">
            {t('correct.title')}
          </Text>
          <Select
            label={t('columns.sentiment')}
            data={(['negative', 'neutral', 'positive'] as const).map((value) => ({ value, label: t(`sentiment.${value}`) }))}
            value={sentiment}
            onChange={setSentiment}
            comboboxProps={{ withinPortal: false }}
          />
          <Select
            label={t('columns.topic')}
            data={topicKeys.map((key) => ({ value: key, label: topicName(key) }))}
            value={topic}
            onChange={setTopic}
            comboboxProps={{ withinPortal: false }}
          />
          <Textarea label={t('correct.note')} value={note} onChange={(event) => setNote(event.currentTarget.value)} autosize />
          <Text fz="xs" c="dimmed">
            {t('correct.help')}
          </Text>
          <Button
            size="xs"
            onClick={() => save.mutate()}
            loading={save.isPending}
            disabled={Object.keys(changes).length === 0}
            title={Object.keys(changes).length === 0 ? t('correct.unchanged') : undefined}
          >
            {t('correct.save')}
          </Button>
          <ErrorAlert error={save.error} />
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** Documents as a table: date (Vietnam time), source, title with link and the policies it cites, sentiment, topic, story. */
export function DocumentTable({ documents }: { documents: MonitoringDocument[] }) {
  const { t } = useTranslation('monitoring');
  const topicName = useTopicName();
  const { user } = useSession();
  const canCorrect = hasRole(user, ['officer', 'leader', 'coordinator', 'administrator']);
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
                <Group gap={2} wrap="nowrap">
                  <SentimentBadge document={document} />
                  {canCorrect ? <CorrectionButton document={document} /> : null}
                </Group>
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
