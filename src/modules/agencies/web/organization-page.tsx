import { Button, Group, Modal, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { apiRequest } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { Fact } from '../../../web/components/fact';
import { Loading } from '../../../web/components/loading';
import { OrganizationLink, useOrganization } from '../../../web/components/organization-link';
import { FactsCard, RecordHeading } from '../../../web/components/reference-record';
import { formatIsoDate, parseVietnameseDate } from '../../../web/format';
import { organizationSections } from '../../../web/organization-sections';
import { useSession } from '../../../web/session';
import type { Organization } from '../../../web/types';
import { OrganizationValidity } from './organization-validity';

/** One organization: dated facts, lineage, and the sections other modules contribute (network, contacts). */
export function OrganizationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('directory');
  const { user } = useSession();
  const [isEditing, setIsEditing] = useState(false);
  const query = useOrganization(id);
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorAlert error={query.error} />;
  const organization = query.data;
  const isAdministrator = user?.role === 'administrator';

  return (
    <Stack>
      <RecordHeading
        title={organization.name}
        kind={t(`kinds.${organization.kind}`, { defaultValue: organization.kind })}
        details={organization.shortName ? <Text c="dark.5">{organization.shortName}</Text> : null}
        actions={isAdministrator ? <Button onClick={() => setIsEditing(true)}>{t('edit.open')}</Button> : null}
      />
      <FactsCard title={t('facts.title')}>
        <Fact label={t('facts.validity')}>
          <OrganizationValidity organization={organization} />
        </Fact>
        {organization.englishName ? <Fact label={t('facts.englishName')}>{organization.englishName}</Fact> : null}
        {organization.parentId ? (
          <Fact label={t('facts.parent')}>
            <OrganizationLink organizationId={organization.parentId} />
          </Fact>
        ) : null}
        {organization.aliases.length > 0 ? <Fact label={t('facts.aliases')}>{organization.aliases.join('; ')}</Fact> : null}
        <Fact label={t('facts.predecessors')}>
          {organization.predecessors.length === 0 ? (
            <Text c="dark.5">{t('facts.none')}</Text>
          ) : (
            <Stack gap={2}>
              {organization.predecessors.map((predecessorId) => (
                <OrganizationLink key={predecessorId} organizationId={predecessorId} />
              ))}
            </Stack>
          )}
        </Fact>
        <Fact label={t('facts.successors')}>
          {organization.successors.length === 0 ? (
            <Text c="dark.5">{t('facts.none')}</Text>
          ) : (
            <Stack gap={2}>
              {organization.successors.map((successorId) => (
                <OrganizationLink key={successorId} organizationId={successorId} />
              ))}
            </Stack>
          )}
        </Fact>
        {organization.notes ? <Fact label={t('facts.notes')}>{organization.notes}</Fact> : null}
      </FactsCard>
      {organizationSections
        .filter((section) => !section.isSignedInOnly || user)
        .map((section) => (
          <div key={section.id}>{section.render(organization)}</div>
        ))}
      {!user && organizationSections.some((section) => section.isSignedInOnly) ? (
        <Text c="dark.6">{t('signInForNetwork')}</Text>
      ) : null}
      <Modal opened={isEditing} onClose={() => setIsEditing(false)} title={t('edit.title')} size="lg">
        {isEditing ? <EditOrganizationForm organization={organization} onDone={() => setIsEditing(false)} /> : null}
      </Modal>
    </Stack>
  );
}

function EditOrganizationForm({ organization, onDone }: { organization: Organization; onDone: () => void }) {
  const { t } = useTranslation('directory');
  const queryClient = useQueryClient();
  const [name, setName] = useState(organization.name);
  const [shortName, setShortName] = useState(organization.shortName ?? '');
  const [englishName, setEnglishName] = useState(organization.englishName ?? '');
  const [validFrom, setValidFrom] = useState(formatIsoDate(organization.validFrom));
  const [validTo, setValidTo] = useState(formatIsoDate(organization.validTo));
  const [notes, setNotes] = useState(organization.notes ?? '');
  const [isPublic, setIsPublic] = useState(organization.isPublic);
  const [isPress, setIsPress] = useState(organization.isPress);
  const validFromIso = validFrom.trim() ? parseVietnameseDate(validFrom) : null;
  const validToIso = validTo.trim() ? parseVietnameseDate(validTo) : null;

  const mutation = useMutation({
    mutationFn: () =>
      apiRequest<Organization>(`/organizations/${encodeURIComponent(organization.id)}`, {
        method: 'PATCH',
        body: {
          name: name.trim(),
          shortName: shortName.trim() || null,
          englishName: englishName.trim() || null,
          validFrom: validFromIso ?? null,
          validTo: validToIso ?? null,
          notes: notes.trim() || null,
          isPublic,
          isPress,
        },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['organization'] });
      await queryClient.invalidateQueries({ queryKey: ['organizations'] });
      notifications.show({ color: 'green', message: t('edit.saved') });
      onDone();
    },
  });

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (validFromIso === undefined || validToIso === undefined) return;
    mutation.mutate();
  };

  return (
    <form onSubmit={handleSubmit}>
      <Stack>
        <ErrorAlert error={mutation.error} />
        <TextInput label={t('edit.name')} required value={name} onChange={(event) => setName(event.currentTarget.value)} />
        <TextInput label={t('edit.shortName')} value={shortName} onChange={(event) => setShortName(event.currentTarget.value)} />
        <TextInput
          label={t('edit.englishName')}
          value={englishName}
          onChange={(event) => setEnglishName(event.currentTarget.value)}
        />
        <Group grow>
          <TextInput
            label={t('edit.validFrom')}
            placeholder="dd/mm/yyyy"
            value={validFrom}
            error={validFromIso === undefined ? t('filter.onInvalid') : undefined}
            onChange={(event) => setValidFrom(event.currentTarget.value)}
          />
          <TextInput
            label={t('edit.validTo')}
            placeholder="dd/mm/yyyy"
            value={validTo}
            error={validToIso === undefined ? t('filter.onInvalid') : undefined}
            onChange={(event) => setValidTo(event.currentTarget.value)}
          />
        </Group>
        <Textarea
          label={t('edit.notes')}
          autosize
          minRows={2}
          value={notes}
          onChange={(event) => setNotes(event.currentTarget.value)}
        />
        <Switch label={t('edit.isPublic')} checked={isPublic} onChange={(event) => setIsPublic(event.currentTarget.checked)} />
        <Switch label={t('edit.isPress')} checked={isPress} onChange={(event) => setIsPress(event.currentTarget.checked)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common:cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('common:save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
