import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  CloseButton,
  Grid,
  Group,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { apiRequest } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { Loading } from '../../../web/components/loading';
import { OrganizationSelect } from '../../../web/components/organization-select';
import { PageTitle } from '../../../web/components/page-title';
import { formatIsoDate, parseVietnameseDate } from '../../../web/format';
import { DocumentProgress } from './documents-page';
import type { Assignment, DocumentView, Parse, ParseView } from './types';

/** A document: its processing progress, then the review side by side (text ↔ parsed fields), then confirmation. */
export function DocumentPage() {
  const { t } = useTranslation('documents');
  const { id = '' } = useParams();
  const document = useQuery({
    queryKey: ['documents', id],
    queryFn: () => apiRequest<DocumentView>(`/documents/${id}`),
    // Poll while the job runs: the row carries pages done / total.
    refetchInterval: (query) => (query.state.data && ['queued', 'processing'].includes(query.state.data.status) ? 1000 : false),
  });
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () => apiRequest<DocumentView>(`/documents/${id}/retry`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['documents', id] }),
  });
  if (document.isPending) return <Loading />;
  if (document.error) return <ErrorAlert error={document.error} />;
  const view = document.data;
  return (
    <Stack>
      <PageTitle>{view.summary ? `${view.summary.type} ${view.summary.number ?? ''}`.trim() : view.fileName}</PageTitle>
      <Group>
        <Badge>{t(`status.${view.status}`)}</Badge>
        {view.status === 'confirmed' ? (
          <Anchor component={Link} to={`/documents/${id}/matrix`}>
            {t('matrix.open')}
          </Anchor>
        ) : null}
      </Group>
      <DocumentProgress document={view} />
      {view.status === 'failed' ? (
        <Group>
          <Button onClick={() => retry.mutate()} loading={retry.isPending}>
            {t('retry')}
          </Button>
          <ErrorAlert error={retry.error} />
        </Group>
      ) : null}
      {view.status === 'ready' || view.status === 'confirmed' ? (
        <Review documentId={id} isEditable={view.status === 'ready'} />
      ) : null}
    </Stack>
  );
}

/** The text with the evidence of each assignment highlighted; the selected one is stronger and scrolled to. */
function HighlightedText({ text, assignments, selected }: { text: string; assignments: Assignment[]; selected: number | null }) {
  const parts = useMemo(() => {
    const spans = assignments
      .map((assignment, index) => ({ index, span: locate(text, assignment) }))
      .filter((entry): entry is { index: number; span: [number, number] } => entry.span !== null)
      .sort((a, b) => a.span[0] - b.span[0]);
    const out: ReactNode[] = [];
    let at = 0;
    for (const { index, span } of spans) {
      if (span[0] < at) continue;
      out.push(text.slice(at, span[0]));
      out.push(
        <mark
          key={index}
          id={`evidence-${index}`}
          data-testid="evidence"
          style={{ background: index === selected ? 'var(--mantine-color-yellow-4)' : 'var(--mantine-color-yellow-1)' }}
        >
          {text.slice(span[0], span[1])}
        </mark>,
      );
      at = span[1];
    }
    out.push(text.slice(at));
    return out;
  }, [text, assignments, selected]);
  useEffect(() => {
    if (selected !== null)
      window.document.getElementById(`evidence-${selected}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [selected]);
  return <div style={{ whiteSpace: 'pre-wrap', fontFamily: 'Times New Roman, serif', fontSize: 15 }}>{parts}</div>;
}

/** The evidence span when it still matches the text (the officer may have edited the text), else a search for it. */
function locate(text: string, assignment: Assignment): [number, number] | null {
  const { span, text: evidence } = assignment.evidence;
  if (span && text.slice(span[0], span[1]) === evidence) return span;
  if (!evidence) return null;
  const at = text.indexOf(evidence);
  return at >= 0 ? [at, at + evidence.length] : null;
}

function Review({ documentId, isEditable }: { documentId: string; isEditable: boolean }) {
  const { t } = useTranslation('documents');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const review = useQuery({
    queryKey: ['documents', documentId, 'parse'],
    queryFn: () => apiRequest<ParseView>(`/documents/${documentId}/parse`),
  });
  const [draft, setDraft] = useState<{ parse: Parse; repairedText: string } | null>(null);
  const [textMode, setTextMode] = useState<'repaired' | 'raw' | 'edit'>('repaired');
  const [selected, setSelected] = useState<number | null>(null);
  useEffect(() => {
    if (review.data) setDraft({ parse: review.data.parse, repairedText: review.data.repairedText });
  }, [review.data]);
  const save = useMutation({
    mutationFn: () =>
      apiRequest<ParseView>(`/documents/${documentId}/parse`, {
        method: 'PUT',
        body: {
          repairedText: draft!.repairedText,
          number: draft!.parse.number,
          issuedOn: draft!.parse.issuedOn,
          subject: draft!.parse.subject,
          assignments: draft!.parse.assignments.map(({ clause, agencies, task, dueOn, recurrence, evidence, source }) => ({
            clause,
            agencies: agencies.map((agency) => ({ id: agency.id, name: agency.name })),
            task,
            dueOn,
            recurrence,
            evidence,
            source: source === 'clause' || source === 'heading' || source === 'address' ? source : 'manual',
          })),
        },
      }),
    onSuccess: async () => {
      notifications.show({ message: t('review.saved'), color: 'green' });
      await queryClient.invalidateQueries({ queryKey: ['documents', documentId, 'parse'] });
    },
  });
  const confirm = useMutation({
    mutationFn: async () => {
      await save.mutateAsync();
      return apiRequest<{ tasksCreated: number }>(`/documents/${documentId}/confirm`, { method: 'POST' });
    },
    onSuccess: async (result) => {
      notifications.show({ message: t('review.confirmed', { count: result.tasksCreated }), color: 'green' });
      await queryClient.invalidateQueries({ queryKey: ['documents'] });
      void navigate(`/documents/${documentId}/matrix`);
    },
  });
  if (review.isPending || !draft) return review.error ? <ErrorAlert error={review.error} /> : <Loading />;
  const parse = draft.parse;
  const setParse = (changes: Partial<Parse>) => setDraft({ ...draft, parse: { ...parse, ...changes } });
  const setAssignment = (index: number, changes: Partial<Assignment>) =>
    setParse({
      assignments: parse.assignments.map((assignment, at) => (at === index ? { ...assignment, ...changes } : assignment)),
    });
  return (
    <Stack>
      {review.data?.warnings.map((warning) => (
        <Alert key={warning} color="yellow" variant="light">
          {t(`warning.${warning.split(':')[0]}`, { defaultValue: warning })}
        </Alert>
      ))}
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <SegmentedControl
            value={textMode}
            onChange={(value) => setTextMode(value as typeof textMode)}
            data={[
              { value: 'repaired', label: t('review.repairedText') },
              { value: 'raw', label: t('review.rawText') },
              ...(isEditable ? [{ value: 'edit', label: t('review.editText') }] : []),
            ]}
          />
          <ScrollArea h={700} mt="sm" type="auto" style={{ border: '1px solid var(--mantine-color-gray-3)', padding: 8 }}>
            {textMode === 'repaired' ? (
              <HighlightedText text={draft.repairedText} assignments={parse.assignments} selected={selected} />
            ) : null}
            {textMode === 'raw' ? <div style={{ whiteSpace: 'pre-wrap' }}>{review.data?.rawText}</div> : null}
            {textMode === 'edit' ? (
              <Textarea
                aria-label={t('review.editText')}
                autosize
                minRows={30}
                value={draft.repairedText}
                onChange={(event) => setDraft({ ...draft, repairedText: event.currentTarget.value })}
              />
            ) : null}
          </ScrollArea>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="xs">
            <Group grow>
              <TextInput label={t('fields.type')} value={parse.type.name} readOnly />
              <TextInput
                label={t('fields.number')}
                value={parse.number ?? ''}
                readOnly={!isEditable}
                onChange={(event) => setParse({ number: event.currentTarget.value || null })}
              />
              <DateField
                label={t('fields.issuedOn')}
                value={parse.issuedOn}
                readOnly={!isEditable}
                onChange={(issuedOn) => setParse({ issuedOn })}
              />
            </Group>
            <TextInput label={t('fields.issuer')} value={parse.issuer?.name ?? ''} readOnly />
            <Textarea
              label={t('fields.subject')}
              autosize
              value={parse.subject ?? ''}
              readOnly={!isEditable}
              onChange={(event) => setParse({ subject: event.currentTarget.value || null })}
            />
            <Text fz="sm">
              {t('fields.signer')}: {parse.signer ? `${parse.signer.capacity ?? ''} ${parse.signer.name ?? ''}` : '—'}
            </Text>
            <Text fw={700} mt="sm">
              {t('review.assignments', { count: parse.assignments.length })}
            </Text>
            <ScrollArea h={520} type="auto">
              <Stack gap="xs">
                {parse.assignments.map((assignment, index) => (
                  <Card
                    key={index}
                    withBorder
                    padding="xs"
                    onClick={() => setSelected(index)}
                    data-testid="assignment"
                    style={{ cursor: 'pointer', borderColor: selected === index ? 'var(--mantine-color-yellow-6)' : undefined }}
                  >
                    <Group gap="xs" wrap="nowrap" align="flex-end">
                      <TextInput
                        label={t('fields.clause')}
                        w={80}
                        value={assignment.clause}
                        readOnly={!isEditable}
                        onChange={(event) => setAssignment(index, { clause: event.currentTarget.value })}
                      />
                      <DateField
                        label={t('fields.dueOn')}
                        value={assignment.dueOn}
                        readOnly={!isEditable}
                        onChange={(dueOn) => setAssignment(index, { dueOn })}
                      />
                      <Select
                        label={t('fields.recurrence')}
                        w={150}
                        clearable
                        readOnly={!isEditable}
                        value={assignment.recurrence}
                        onChange={(value) => setAssignment(index, { recurrence: value as Assignment['recurrence'] })}
                        data={(['yearly', 'half-yearly', 'quarterly', 'monthly'] as const).map((value) => ({
                          value,
                          label: t(`recurrence.${value}`),
                        }))}
                      />
                      {isEditable ? (
                        <CloseButton
                          aria-label={t('review.removeAssignment')}
                          onClick={() => setParse({ assignments: parse.assignments.filter((_, at) => at !== index) })}
                        />
                      ) : null}
                    </Group>
                    <Textarea
                      label={t('fields.task')}
                      autosize
                      maxRows={6}
                      value={assignment.task}
                      readOnly={!isEditable}
                      onChange={(event) => setAssignment(index, { task: event.currentTarget.value })}
                    />
                    <Text fz="sm" mt={4}>
                      {t('fields.agencies', { count: assignment.agencies.length })}
                    </Text>
                    <Group gap={4}>
                      {assignment.agencies.map((agency) => (
                        <Badge
                          key={`${agency.id}-${agency.name}`}
                          variant="light"
                          color={agency.successors.length ? 'orange' : agency.id ? 'blue' : 'gray'}
                          title={
                            agency.successors.length
                              ? t('review.successors', { names: agency.successors.map((s) => s.name).join(', ') })
                              : undefined
                          }
                          rightSection={
                            isEditable ? (
                              <CloseButton
                                size="xs"
                                aria-label={t('review.removeAgency', { name: agency.name })}
                                onClick={() =>
                                  setAssignment(index, { agencies: assignment.agencies.filter((other) => other !== agency) })
                                }
                              />
                            ) : null
                          }
                        >
                          {agency.name}
                          {agency.successors.length ? ` → ${agency.successors.map((s) => s.name).join(', ')}` : ''}
                        </Badge>
                      ))}
                    </Group>
                    {isEditable ? (
                      <OrganizationSelect
                        label={t('review.addAgency')}
                        value={null}
                        onChange={(organizationId) => {
                          if (organizationId && !assignment.agencies.some((agency) => agency.id === organizationId)) {
                            setAssignment(index, {
                              agencies: [...assignment.agencies, { id: organizationId, name: '', successors: [] }],
                            });
                          }
                        }}
                      />
                    ) : null}
                  </Card>
                ))}
              </Stack>
            </ScrollArea>
            {isEditable ? (
              <Group>
                <Button
                  variant="default"
                  onClick={() =>
                    setParse({
                      assignments: [
                        ...parse.assignments,
                        {
                          clause: String(parse.assignments.length + 1),
                          agencies: [],
                          task: '',
                          dueOn: null,
                          recurrence: null,
                          evidence: { text: '', span: null },
                          source: 'manual',
                        },
                      ],
                    })
                  }
                >
                  {t('review.addAssignment')}
                </Button>
                <Button variant="light" onClick={() => save.mutate()} loading={save.isPending}>
                  {t('review.save')}
                </Button>
                <Button onClick={() => confirm.mutate()} loading={confirm.isPending} disabled={parse.assignments.length === 0}>
                  {t('review.confirm')}
                </Button>
              </Group>
            ) : null}
            <ErrorAlert error={save.error ?? confirm.error} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** A dd/mm/yyyy text field holding a YYYY-MM-DD value. */
function DateField({
  label,
  value,
  onChange,
  readOnly,
}: {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  readOnly?: boolean;
}) {
  const { t } = useTranslation('documents');
  const [text, setText] = useState(formatIsoDate(value));
  useEffect(() => setText(formatIsoDate(value)), [value]);
  const parsed = text.trim() === '' ? null : parseVietnameseDate(text);
  return (
    <TextInput
      label={label}
      placeholder="dd/mm/yyyy"
      w={130}
      value={text}
      readOnly={readOnly}
      error={parsed === undefined ? t('review.badDate') : undefined}
      onChange={(event) => setText(event.currentTarget.value)}
      onBlur={() => {
        if (parsed !== undefined) onChange(parsed);
      }}
    />
  );
}
