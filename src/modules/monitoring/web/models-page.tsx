import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { Loading } from '../../../web/components/loading';
import { PageTitle } from '../../../web/components/page-title';
import { formatDateTime, formatNumber, formatShare } from '../../../web/format';
import type { ModelKind, ModelList, ModelVersion, RelabelRun } from './types';

/** "In use" for the active version, else the button that puts it in use. */
function VersionState(props: {
  isActive: boolean;
  label: string;
  ariaLabel: string;
  onActivate: () => void;
  isActivating: boolean;
}) {
  const { t } = useTranslation('monitoring');
  if (props.isActive)
    return (
      <Badge color="green" variant="light">
        {t('models.active')}
      </Badge>
    );
  return (
    <Button size="xs" variant="light" onClick={props.onActivate} loading={props.isActivating} aria-label={props.ariaLabel}>
      {props.label}
    </Button>
  );
}

/** How far the re-labelling of the stored documents after the latest activation went. */
function RelabelStatus({ run, shippedVersion }: { run: RelabelRun; shippedVersion: number }) {
  const { t } = useTranslation('monitoring');
  const values = {
    model:
      run.version === shippedVersion
        ? t('models.relabel.shipped', { version: run.version })
        : t('models.relabel.version', { version: run.version }),
    examined: formatNumber(run.examined),
    total: run.total === null ? '…' : formatNumber(run.total),
    relabelled: formatNumber(run.relabelled),
    keptCorrected: formatNumber(run.keptCorrected),
    keptPurged: formatNumber(run.keptPurged),
    finishedAt: run.finishedAt ? formatDateTime(run.finishedAt) : '',
  };
  return (
    <Text fz="sm" c={run.status === 'superseded' ? 'dimmed' : undefined} aria-live="polite">
      {t(`models.relabel.${run.status}`, values)}
    </Text>
  );
}

/**
 * One model that learns from officers' corrections: its versions, how many corrections each labels as the officers
 * did, which one processing uses; train a version on the corrections kept so far, put one in use, roll back.
 */
function ModelCard({ kind }: { kind: ModelKind }) {
  const { t } = useTranslation('monitoring');
  const client = useQueryClient();
  const models = useQuery({
    queryKey: ['monitoring', 'models', kind],
    queryFn: () => apiRequest<ModelList>(`/monitoring/models/${kind}`),
    // while stored documents are re-labelled, the page follows the run
    refetchInterval: (query) => (query.state.data?.relabel?.status === 'running' ? 2000 : false),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['monitoring', 'models', kind] });
  const retrain = useMutation({
    mutationFn: () => apiRequest<ModelVersion>(`/monitoring/models/${kind}/retrain`, { method: 'POST', body: {} }),
    onSuccess: refresh,
  });
  const activate = useMutation({
    mutationFn: (version: number) =>
      apiRequest<void>(`/monitoring/models/${kind}/activate`, { method: 'POST', body: { version } }),
    onSuccess: refresh,
  });
  const list = models.data;
  const inUseShipped = list ? list.activeVersion === list.shippedVersion : false;
  return (
    <Card withBorder component="section" aria-label={t(`models.kind.${kind}`)}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} fz="lg">
            {t(`models.kind.${kind}`)}
          </Title>
          <Button
            size="xs"
            onClick={() => retrain.mutate()}
            loading={retrain.isPending}
            disabled={list?.corrections === 0}
            title={list?.corrections === 0 ? t('models.nothingToLearn') : undefined}
          >
            {t('models.retrain')}
          </Button>
        </Group>
        {list ? (
          <Text fz="sm" role="status">
            {inUseShipped
              ? t('models.inUseShipped', { version: list.activeVersion })
              : t('models.inUse', { version: list.activeVersion })}{' '}
            · {list.corrections === 0 ? t('models.nothingToLearn') : t('models.corrections', { count: list.corrections })}
          </Text>
        ) : null}
        {list?.relabel ? <RelabelStatus run={list.relabel} shippedVersion={list.shippedVersion} /> : null}
        {retrain.data ? (
          <Text fz="sm">
            {t('models.trained', {
              version: retrain.data.version,
              count: retrain.data.examples,
              before: retrain.data.agreedBefore,
              after: retrain.data.agreedAfter,
            })}
          </Text>
        ) : null}
        {retrain.data?.preview ? (
          <Text fz="sm" fw={retrain.data.preview.changed > 0 ? 600 : undefined}>
            {t('models.previewTrained', previewValues(retrain.data.preview))}
          </Text>
        ) : null}
        <ErrorAlert error={models.error ?? retrain.error ?? activate.error} />
        {models.isPending ? <Loading /> : null}
        {list ? (
          <Table.ScrollContainer minWidth={700}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('models.columns.version')}</Table.Th>
                  <Table.Th scope="col">{t('models.columns.trainedAt')}</Table.Th>
                  <Table.Th scope="col">{t('models.columns.corrections')}</Table.Th>
                  <Table.Th scope="col">{t('models.columns.agreement')}</Table.Th>
                  <Table.Th scope="col">{t('models.columns.preview')}</Table.Th>
                  <Table.Th scope="col" miw={150}>
                    {t('models.columns.state')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.versions.map((version) => (
                  <Table.Tr key={version.version}>
                    <Table.Td>v{version.version}</Table.Td>
                    <Table.Td>{formatDateTime(version.createdAt)}</Table.Td>
                    <Table.Td>{formatNumber(version.examples)}</Table.Td>
                    <Table.Td>
                      {t('models.agreement', {
                        before: version.agreedBefore,
                        after: version.agreedAfter,
                        count: version.examples,
                      })}
                    </Table.Td>
                    <Table.Td>
                      {version.preview ? t('models.preview', previewValues(version.preview)) : t('models.previewNone')}
                    </Table.Td>
                    <Table.Td>
                      <VersionState
                        isActive={version.isActive}
                        label={t('models.activate')}
                        ariaLabel={t('models.activateVersion', { version: version.version })}
                        onActivate={() => activate.mutate(version.version)}
                        isActivating={activate.isPending && activate.variables === version.version}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Td>v{list.shippedVersion}</Table.Td>
                  <Table.Td colSpan={4}>{t('models.shipped')}</Table.Td>
                  <Table.Td>
                    <VersionState
                      isActive={inUseShipped}
                      label={t('models.rollBack')}
                      ariaLabel={t('models.rollBack')}
                      onActivate={() => activate.mutate(list.shippedVersion)}
                      isActivating={activate.isPending && activate.variables === list.shippedVersion}
                    />
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Stack>
    </Card>
  );
}

/** The language models that learn from officers' corrections of sentiment and topic (coordinators, administrators). */
export function ModelsPage() {
  const { t } = useTranslation('monitoring');
  return (
    <Stack>
      <PageTitle>{t('models.title')}</PageTitle>
      <Text c="dimmed" fz="sm">
        {t('models.help')}
      </Text>
      <ModelCard kind="topic" />
      <ModelCard kind="sentiment" />
    </Stack>
  );
}

/** A version's preview as the page writes it: counts with Vietnamese grouping and the share changed (0,6%). */
function previewValues(preview: { documents: number; changed: number }) {
  return {
    documents: formatNumber(preview.documents),
    changed: formatNumber(preview.changed),
    share: formatShare(preview.documents === 0 ? 0 : preview.changed / preview.documents),
  };
}
