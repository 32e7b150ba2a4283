import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useParams } from 'react-router-dom';
import { ApiError, apiRequest, apiUpload } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { Loading } from '../../../web/components/loading';
import { PageTitle } from '../../../web/components/page-title';
import { formatDate, formatDateTime } from '../../../web/format';
import { useSession } from '../../../web/session';
import { QuestionFields } from './question-fields';
import type { Answers, CampaignDetail, SurveyResponse } from './types';

const autosaveDelayMs = 1200;
type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'conflict' | 'error';

/** Local copy of unsaved answers, so that a closed tab or an expired session loses nothing. */
function backupKey(campaignId: string, organizationId: string): string {
  return `nhip.survey-draft.${campaignId}.${organizationId}`;
}

/** Multipart body built by hand so that the shared client (CSRF header, problem handling) sends it. */
async function uploadFile(campaignId: string, organizationId: string, questionId: string, file: File): Promise<unknown> {
  const boundary = `nhip-${Math.random().toString(36).slice(2)}`;
  const safeName = file.name.replace(/["\r\n]/g, '_');
  const body = new Blob([
    `--${boundary}\r\nContent-Disposition: form-data; name="questionId"\r\n\r\n${questionId}\r\n`,
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${safeName}"\r\nContent-Type: ${file.type || 'application/octet-stream'}\r\n\r\n`,
    file,
    `\r\n--${boundary}--\r\n`,
  ]);
  return apiUpload(
    `/survey-campaigns/${campaignId}/responses/${organizationId}/uploads`,
    body,
    `multipart/form-data; boundary=${boundary}`,
  );
}

/** Fill, autosave and submit an organization's answer; two officers editing at once see a conflict, never a silent overwrite. */
export function FillPage() {
  const { t } = useTranslation('surveys');
  const { id = '' } = useParams();
  const { user } = useSession();
  const organizationId = user?.organizationId ?? '';
  const queryClient = useQueryClient();
  const campaign = useQuery({
    queryKey: ['surveys', 'campaign', id],
    queryFn: () => apiRequest<CampaignDetail>(`/survey-campaigns/${id}`),
  });
  const response = useQuery({
    queryKey: ['surveys', 'response', id, organizationId],
    queryFn: () => apiRequest<SurveyResponse>(`/survey-campaigns/${id}/responses/${organizationId}`),
    enabled: Boolean(organizationId),
  });
  const [answers, setAnswers] = useState<Answers>({});
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<SurveyResponse['status']>('not-started');
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ version: number; answers: Answers; updatedAt: string | null } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitError, setSubmitError] = useState<unknown>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const isLoaded = useRef(false);

  useEffect(() => {
    if (!response.data || isLoaded.current) return;
    isLoaded.current = true;
    const backup = window.localStorage.getItem(backupKey(id, organizationId));
    const restored = backup ? (JSON.parse(backup) as { version: number; answers: Answers }) : null;
    // A local copy newer than the server's (same base version) wins: it holds keystrokes not yet saved.
    const useBackup = restored && restored.version === response.data.version && response.data.status !== 'submitted';
    setAnswers(useBackup ? restored.answers : response.data.answers);
    setVersion(response.data.version);
    setStatus(response.data.status);
    setSavedAt(response.data.updatedAt);
    if (useBackup) setSaveState('pending');
  }, [response.data, id, organizationId]);

  const save = useCallback(
    async (next: Answers, baseVersion: number) => {
      setSaveState('saving');
      try {
        const saved = await apiRequest<SurveyResponse>(`/survey-campaigns/${id}/responses/${organizationId}/draft`, {
          method: 'PUT',
          body: { version: baseVersion, answers: next },
        });
        setVersion(saved.version);
        setStatus(saved.status);
        setSavedAt(saved.updatedAt);
        setSaveState('saved');
        setErrors({});
        window.localStorage.removeItem(backupKey(id, organizationId));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'CONFLICT') {
          setConflict(error.details.current as { version: number; answers: Answers; updatedAt: string | null });
          setSaveState('conflict');
        } else {
          if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') setErrors(fieldErrors(error, t));
          setSaveState('error');
        }
      }
    },
    [id, organizationId, t],
  );

  // Autosave after a pause in typing; the local backup is written on every change.
  useEffect(() => {
    if (saveState !== 'pending' || conflict) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(answers, version), autosaveDelayMs);
    return () => clearTimeout(timer.current);
  }, [answers, version, saveState, conflict, save]);

  if (campaign.isPending || response.isPending) return <Loading />;
  if (campaign.error) return <ErrorAlert error={campaign.error} />;
  if (response.error) return <ErrorAlert error={response.error} />;
  const isReadOnly = status === 'submitted' || !response.data.canEdit;

  const handleChange = (questionId: string, value: unknown) => {
    setAnswers((current) => {
      const next = { ...current, [questionId]: value };
      window.localStorage.setItem(backupKey(id, organizationId), JSON.stringify({ version, answers: next }));
      return next;
    });
    setSaveState('pending');
  };

  const handleSubmit = async () => {
    setSubmitError(null);
    clearTimeout(timer.current);
    try {
      const submitted = await apiRequest<SurveyResponse>(`/survey-campaigns/${id}/responses/${organizationId}/submit`, {
        method: 'POST',
        body: { version, answers },
      });
      setVersion(submitted.version);
      setStatus(submitted.status);
      setAnswers(submitted.answers);
      setErrors({});
      setSaveState('idle');
      window.localStorage.removeItem(backupKey(id, organizationId));
      await queryClient.invalidateQueries({ queryKey: ['surveys'] });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') setErrors(fieldErrors(error, t));
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        setConflict(error.details.current as { version: number; answers: Answers; updatedAt: string | null });
        setSaveState('conflict');
      }
      setSubmitError(error);
    }
  };

  return (
    <Stack maw={900}>
      <PageTitle>{campaign.data.title}</PageTitle>
      <Group>
        <Badge color={status === 'submitted' ? 'green' : status === 'draft' ? 'yellow' : 'gray'} data-testid="response-status">
          {t(`status.${status}`)}
        </Badge>
        <Text fz="sm">{t('fill.deadline', { date: formatDate(response.data.deadline) })}</Text>
        <Text fz="sm" role="status" data-testid="save-state">
          {saveState === 'saving'
            ? t('fill.saving')
            : saveState === 'saved'
              ? t('fill.savedAt', { when: formatDateTime(savedAt) })
              : saveState === 'pending'
                ? t('fill.unsaved')
                : saveState === 'error'
                  ? t('fill.saveFailed')
                  : ''}
        </Text>
      </Group>
      {status === 'submitted' ? <Alert color="green">{t('fill.submittedNotice')}</Alert> : null}
      {response.data.isPastDeadline && status !== 'submitted' ? <Alert color="orange">{t('fill.pastDeadline')}</Alert> : null}
      {conflict ? (
        <Alert color="red" role="alert" title={t('fill.conflictTitle')}>
          <Text fz="sm">{t('fill.conflictBody', { when: formatDateTime(conflict.updatedAt) })}</Text>
          <Group mt="sm">
            <Button
              variant="light"
              onClick={() => {
                setAnswers(conflict.answers);
                setVersion(conflict.version);
                setConflict(null);
                setSaveState('idle');
                window.localStorage.removeItem(backupKey(id, organizationId));
              }}
            >
              {t('fill.useTheirs')}
            </Button>
            <Button
              color="red"
              variant="light"
              onClick={() => {
                setVersion(conflict.version);
                setConflict(null);
                setSaveState('pending');
              }}
            >
              {t('fill.keepMine')}
            </Button>
          </Group>
        </Alert>
      ) : null}
      <QuestionFields
        definition={campaign.data.definition}
        answers={answers}
        onChange={handleChange}
        errors={errors}
        isReadOnly={isReadOnly}
        onUpload={(questionId, file) => uploadFile(id, organizationId, questionId, file)}
      />
      {submitError ? <ErrorAlert error={submitError} /> : null}
      {!isReadOnly ? (
        <Group>
          <Button variant="default" onClick={() => void save(answers, version)} disabled={Boolean(conflict)}>
            {t('fill.saveDraft')}
          </Button>
          {response.data.canSubmit ? (
            <Button onClick={() => void handleSubmit()} disabled={Boolean(conflict)}>
              {t('fill.submit')}
            </Button>
          ) : (
            <Text fz="sm" c="dark.6">
              {t('fill.leaderSubmits')}
            </Text>
          )}
        </Group>
      ) : null}
      <VersionHistory campaignId={id} organizationId={organizationId} version={version} />
    </Stack>
  );
}

/** Every saved version of the answer (drafts, submissions, reopenings). */
function VersionHistory({
  campaignId,
  organizationId,
  version,
}: {
  campaignId: string;
  organizationId: string;
  version: number;
}) {
  const { t } = useTranslation('surveys');
  const versions = useQuery({
    queryKey: ['surveys', 'versions', campaignId, organizationId, version],
    queryFn: () =>
      apiRequest<{ version: number; event: 'draft' | 'submit' | 'reopen'; savedAt: string }[]>(
        `/survey-campaigns/${campaignId}/responses/${organizationId}/versions`,
      ),
    enabled: version > 0,
  });
  if (!versions.data || versions.data.length === 0) return null;
  const events = versions.data.filter((item) => item.event !== 'draft' || item === versions.data.at(-1));
  return (
    <Stack gap={2} mt="md">
      <Text fw={600} fz="sm">
        {t('fill.history', { count: versions.data.length })}
      </Text>
      {events.map((item) => (
        <Text key={item.version} fz="xs" c="dark.6">
          {formatDateTime(item.savedAt)} · {t(`fill.events.${item.event}`)} (v{item.version})
        </Text>
      ))}
    </Stack>
  );
}

/** The server's per-question error codes (details.errors) → one translated message per question. */
function fieldErrors(error: ApiError, t: TFunction<'surveys'>): Record<string, string> {
  const out: Record<string, string> = {};
  const list = Array.isArray(error.details.errors) ? (error.details.errors as { questionId: string; code: string }[]) : [];
  for (const item of list) {
    const message = t(`answerErrors.${item.code}`, { defaultValue: t('answerErrors.INVALID') });
    out[item.questionId] =
      out[item.questionId] && !out[item.questionId]!.includes(message) ? `${out[item.questionId]}; ${message}` : message;
  }
  return out;
}
