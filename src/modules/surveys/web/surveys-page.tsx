import { Anchor, Badge, Button, Card, Checkbox, Group, MultiSelect, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { apiRequest } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { OrganizationMultiSelect } from '../../../web/components/organization-select';
import { Loading } from '../../../web/components/loading';
import { PageTitle } from '../../../web/components/page-title';
import { formatDate, formatDateTime, formatNumber, parseVietnameseDate } from '../../../web/format';
import { useSession } from '../../../web/session';
import type { Campaign, SurveyForm, SurveyNotice } from './types';

/** Campaigns: coordinators launch them and follow progress; members open those addressed to their organization. */
export function SurveysPage() {
  const { t } = useTranslation('surveys');
  const { user } = useSession();
  const isCoordinator = user?.role === 'administrator' || user?.role === 'coordinator';
  const campaigns = useQuery({ queryKey: ['surveys', 'campaigns'], queryFn: () => apiRequest<Campaign[]>('/survey-campaigns') });
  return (
    <Stack>
      <PageTitle>{t('title')}</PageTitle>
      {isCoordinator ? (
        <Group>
          <Anchor component={Link} to="/surveys/forms">
            {t('forms.manage')}
          </Anchor>
        </Group>
      ) : null}
      {isCoordinator ? <LaunchForm /> : <Notices />}
      {campaigns.isPending ? (
        <Loading />
      ) : campaigns.error ? (
        <ErrorAlert error={campaigns.error} />
      ) : campaigns.data.length === 0 ? (
        <Text>{t('campaigns.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('campaigns.columns.title')}</Table.Th>
                <Table.Th scope="col">{t('campaigns.columns.deadline')}</Table.Th>
                <Table.Th scope="col">{t('campaigns.columns.progress')}</Table.Th>
                <Table.Th scope="col">{t('campaigns.columns.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {campaigns.data.map((campaign) => (
                <Table.Tr key={campaign.id}>
                  <Table.Td>
                    {campaign.title} {campaign.status === 'closed' ? <Badge color="gray">{t('campaigns.closed')}</Badge> : null}
                  </Table.Td>
                  <Table.Td>{formatDate(campaign.deadline)}</Table.Td>
                  <Table.Td>
                    {t('campaigns.progress', {
                      submitted: formatNumber(campaign.submittedCount),
                      total: formatNumber(campaign.targetCount),
                    })}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="sm">
                      {isCoordinator ? (
                        <Anchor component={Link} to={`/surveys/${campaign.id}/board`}>
                          {t('campaigns.board')}
                        </Anchor>
                      ) : (
                        <Anchor component={Link} to={`/surveys/${campaign.id}/respond`}>
                          {t('campaigns.respond')}
                        </Anchor>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function LaunchForm() {
  const { t } = useTranslation('surveys');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const forms = useQuery({ queryKey: ['surveys', 'forms'], queryFn: () => apiRequest<SurveyForm[]>('/survey-forms') });
  const [formId, setFormId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const groups = useQuery({
    queryKey: ['network', 'groups'],
    queryFn: () => apiRequest<{ key: string; name: string; memberCount: number }[]>('/groups'),
  });
  const [groupKeys, setGroupKeys] = useState<string[]>(['provinces']);
  const [organizationIds, setOrganizationIds] = useState<string[]>([]);
  const [deadlineText, setDeadlineText] = useState('');
  const [isPublic, setIsPublic] = useState(false);
  const [dateError, setDateError] = useState<string | undefined>();
  const launch = useMutation({
    mutationFn: (body: unknown) => apiRequest<Campaign>('/survey-campaigns', { method: 'POST', body }),
    onSuccess: async (campaign) => {
      await queryClient.invalidateQueries({ queryKey: ['surveys'] });
      void navigate(`/surveys/${campaign.id}/board`);
    },
  });
  if (forms.isPending) return <Loading />;
  if (forms.error) return <ErrorAlert error={forms.error} />;
  const selectedForm = forms.data.find((form) => form.id === (formId ?? forms.data[0]?.id));
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const deadline = parseVietnameseDate(deadlineText);
    if (!deadline || !selectedForm) {
      setDateError(t('launch.invalidDate'));
      return;
    }
    setDateError(undefined);
    // The deadline is the end of that day in Vietnam.
    launch.mutate({
      formId: selectedForm.id,
      title: title || undefined,
      target: { groupKeys, organizationIds },
      deadline: `${deadline}T23:59:59+07:00`,
      isPublic: selectedForm.allowsPublic && isPublic,
    });
  };
  return (
    <Card withBorder>
      <form onSubmit={handleSubmit}>
        <Stack>
          <Text fw={600}>{t('launch.title')}</Text>
          <Select
            label={t('launch.form')}
            data={forms.data.map((form) => ({ value: form.id, label: `${form.title} (v${form.version})` }))}
            value={selectedForm?.id ?? null}
            onChange={setFormId}
            allowDeselect={false}
          />
          <TextInput
            label={t('launch.campaignTitle')}
            placeholder={selectedForm?.title}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <MultiSelect
            label={t('launch.target')}
            data={(groups.data ?? []).map((group) => ({
              value: group.key,
              label: t('launch.groupOption', { name: group.name, count: group.memberCount }),
            }))}
            value={groupKeys}
            onChange={setGroupKeys}
          />
          <OrganizationMultiSelect label={t('launch.organizations')} value={organizationIds} onChange={setOrganizationIds} />
          <TextInput
            label={t('launch.deadline')}
            placeholder="dd/mm/yyyy"
            value={deadlineText}
            onChange={(e) => setDeadlineText(e.currentTarget.value)}
            error={dateError}
            required
          />
          {selectedForm?.allowsPublic ? (
            <Checkbox label={t('launch.isPublic')} checked={isPublic} onChange={(e) => setIsPublic(e.currentTarget.checked)} />
          ) : null}
          {launch.error ? <ErrorAlert error={launch.error} /> : null}
          <Group>
            <Button type="submit" loading={launch.isPending}>
              {t('launch.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** In-app notices of the user's organization: launches, reminders, extensions, reopenings. */
function Notices() {
  const { t } = useTranslation('surveys');
  const notices = useQuery({
    queryKey: ['surveys', 'notices'],
    queryFn: () => apiRequest<SurveyNotice[]>('/survey-notifications'),
  });
  if (notices.isPending || notices.error || notices.data.length === 0) return null;
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {t('notices.title')}
      </Text>
      <Stack gap={4}>
        {notices.data.slice(0, 10).map((notice) => (
          <Text key={notice.id} fz="sm" data-testid="survey-notice">
            <Badge variant="light" mr="xs">
              {t(`notices.kinds.${notice.kind}`)}
            </Badge>
            {formatDateTime(notice.createdAt)} ·{' '}
            <Anchor component={Link} to={`/surveys/${notice.campaignId}/respond`}>
              {notice.message}
            </Anchor>
          </Text>
        ))}
      </Stack>
    </Card>
  );
}
