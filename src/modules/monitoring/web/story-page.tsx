import { Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { apiRequest } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { Loading } from '../../../web/components/loading';
import { PageTitle } from '../../../web/components/page-title';
import { formatDateTime, formatNumber } from '../../../web/format';
import { DocumentTable } from './document-table';
import type { MonitoringDocument } from './types';

interface Story {
  id: string;
  title: string;
  firstPublishedAt: string;
  lastPublishedAt: string;
  firstSource: string | null;
  documentCount: number;
  sourceCount: number;
  documents: MonitoringDocument[];
}

/** A story: the first source, every copy in publication order, and its reach. */
export function StoryPage() {
  const { t } = useTranslation('monitoring');
  const { id = '' } = useParams();
  const story = useQuery({
    queryKey: ['monitoring', 'story', id],
    queryFn: () => apiRequest<Story>(`/monitoring/stories/${id}`),
  });
  if (story.isPending) return <Loading />;
  if (story.error) return <ErrorAlert error={story.error} />;
  const data = story.data;
  return (
    <Stack>
      <PageTitle>{data.title || t('story.title')}</PageTitle>
      <Group gap="xl">
        <Text>
          {t('story.firstSource')}: <b>{data.firstSource}</b> ({formatDateTime(data.firstPublishedAt)})
        </Text>
        <Text>{t('story.reach', { documents: formatNumber(data.documentCount), sources: formatNumber(data.sourceCount) })}</Text>
        <Text>
          {t('story.last')}: {formatDateTime(data.lastPublishedAt)}
        </Text>
      </Group>
      <DocumentTable documents={data.documents} />
    </Stack>
  );
}
