import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { apiRequest } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { Loading } from '../../../web/components/loading';
import { PageTitle } from '../../../web/components/page-title';
import { formatDate } from '../../../web/format';
import { QuestionFields } from './question-fields';
import type { Answers, FormDefinition } from './types';

/** The public link (QR code): anyone may answer, within the server's abuse limits. */
export function PublicSurveyPage() {
  const { t } = useTranslation('surveys');
  const { token = '' } = useParams();
  const survey = useQuery({
    queryKey: ['surveys', 'public', token],
    queryFn: () =>
      apiRequest<{ title: string; description: string | null; deadline: string; isOpen: boolean; definition: FormDefinition }>(
        `/public/surveys/${token}`,
      ),
  });
  const [answers, setAnswers] = useState<Answers>({});
  const [organization, setOrganization] = useState('');
  // Honeypot: visually hidden, people leave it empty.
  const [website, setWebsite] = useState('');
  const send = useMutation({
    mutationFn: () =>
      apiRequest(`/public/surveys/${token}/answers`, {
        method: 'POST',
        body: { answers, respondentOrganization: organization || undefined, website: website || undefined },
      }),
  });
  if (survey.isPending) return <Loading />;
  if (survey.error) return <ErrorAlert error={survey.error} />;
  if (send.isSuccess) return <Alert color="green">{t('public.thanks')}</Alert>;
  return (
    <Stack maw={900}>
      <PageTitle>{survey.data.title}</PageTitle>
      {survey.data.description ? <Text>{survey.data.description}</Text> : null}
      <Text fz="sm">{t('fill.deadline', { date: formatDate(survey.data.deadline) })}</Text>
      {!survey.data.isOpen ? <Alert color="orange">{t('public.closed')}</Alert> : null}
      <TextInput label={t('public.organization')} value={organization} onChange={(e) => setOrganization(e.currentTarget.value)} />
      <div style={{ position: 'absolute', left: '-10000px' }} aria-hidden="true">
        <input
          tabIndex={-1}
          autoComplete="off"
          name="website"
          value={website}
          onChange={(e) => setWebsite(e.currentTarget.value)}
        />
      </div>
      <QuestionFields
        definition={survey.data.definition}
        answers={answers}
        onChange={(id, value) => setAnswers((current) => ({ ...current, [id]: value }))}
        isReadOnly={!survey.data.isOpen}
      />
      {send.error ? <ErrorAlert error={send.error} /> : null}
      <Button
        onClick={() => send.mutate()}
        loading={send.isPending}
        disabled={!survey.data.isOpen}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('public.send')}
      </Button>
    </Stack>
  );
}
