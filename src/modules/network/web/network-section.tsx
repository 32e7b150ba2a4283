import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { Loading } from '../../../web/components/loading';
import { formatDateTime } from '../../../web/format';
import { useSession } from '../../../web/session';
import type { Organization, User } from '../../../web/types';
import { contactRoles, type ContactRole, type NetworkContact, type NetworkProfile } from './types';

/** Mirrors the server policy: officers and leaders edit their own organization's profile; coordinators and admins any. */
function canEditProfile(user: User | undefined, organizationId: string): boolean {
  if (!user) return false;
  if (user.role === 'administrator' || user.role === 'coordinator') return true;
  return user.organizationId === organizationId && (user.role === 'officer' || user.role === 'leader');
}

/** The organization's policy-communication unit, focal points and spokespersons (contacts: signed-in members). */
export function NetworkSection({ organization }: { organization: Organization }) {
  const { t } = useTranslation('network');
  const { user } = useSession();
  const [isEditingUnit, setIsEditingUnit] = useState(false);
  const [editingContact, setEditingContact] = useState<NetworkContact | 'new' | undefined>();
  const profile = useQuery({
    queryKey: ['network-profile', organization.id],
    queryFn: () => apiRequest<NetworkProfile>(`/organizations/${encodeURIComponent(organization.id)}/network`),
  });
  const canEdit = canEditProfile(user, organization.id);

  if (profile.isPending) return <Loading />;
  if (profile.error) {
    return (
      <Card withBorder>
        <Title order={2} fz="h3" mb="sm">
          {t('profile.title')}
        </Title>
        <ErrorAlert error={profile.error} />
      </Card>
    );
  }
  const data = profile.data;
  const contacts = [...(data.focalPoints ?? []), ...(data.spokespersons ?? [])];

  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h3">
          {t('profile.title')}
        </Title>
        {canEdit ? (
          <Button variant="light" onClick={() => setIsEditingUnit(true)}>
            {t('profile.editUnit')}
          </Button>
        ) : null}
      </Group>
      <Stack gap="xs">
        <Text>
          <strong>{t('profile.unitName')}:</strong> {data.unit.name ?? t('profile.notDeclared')}
        </Text>
        <Group gap="lg">
          <Text>
            <strong>{t('profile.isDedicated')}:</strong> {data.unit.isDedicated ? t('profile.yes') : t('profile.no')}
          </Text>
          <Text>
            <strong>{t('profile.staffDedicated')}:</strong> {data.unit.staffDedicated}
          </Text>
          <Text>
            <strong>{t('profile.staffPartTime')}:</strong> {data.unit.staffPartTime}
          </Text>
        </Group>
        {data.unit.notes ? (
          <Text>
            <strong>{t('profile.notes')}:</strong> {data.unit.notes}
          </Text>
        ) : null}
        {data.updatedAt ? (
          <Text fz="sm" c="dark.5">
            {t('profile.updatedAt', { when: formatDateTime(data.updatedAt) })}
          </Text>
        ) : null}
      </Stack>
      <Group justify="space-between" mt="lg" mb="xs">
        <Title order={3} fz="h4">
          {t('contacts.title')}
        </Title>
        {canEdit ? (
          <Button size="xs" variant="light" onClick={() => setEditingContact('new')}>
            {t('contacts.add')}
          </Button>
        ) : null}
      </Group>
      {!data.isMemberView ? (
        <Text c="dark.6">{t('contacts.signInToSee')}</Text>
      ) : contacts.length === 0 ? (
        <Text c="dark.6">{t('contacts.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" aria-label={t('contacts.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('contacts.role')}</Table.Th>
                <Table.Th scope="col">{t('contacts.fullName')}</Table.Th>
                <Table.Th scope="col">{t('contacts.phone')}</Table.Th>
                <Table.Th scope="col">{t('contacts.email')}</Table.Th>
                {canEdit ? (
                  <Table.Th scope="col">
                    <span className="visually-hidden">{t('contacts.actions')}</span>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {contacts.map((contact) => (
                <Table.Tr key={contact.id}>
                  <Table.Td>
                    <Badge variant="light" color={contact.role === 'spokesperson' ? 'grape' : 'blue'}>
                      {t(`contacts.roles.${contact.role}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text fw={600}>{contact.fullName}</Text>
                    {contact.position ? (
                      <Text fz="sm" c="dark.5">
                        {contact.position}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {contact.phone ? <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</a> : ''}
                  </Table.Td>
                  <Table.Td>{contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : ''}</Table.Td>
                  {canEdit ? (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => setEditingContact(contact)}
                        aria-label={t('contacts.editNamed', { name: contact.fullName })}
                      >
                        {t('contacts.edit')}
                      </Button>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={isEditingUnit} onClose={() => setIsEditingUnit(false)} title={t('profile.editUnit')}>
        {isEditingUnit ? <UnitForm profile={data} onDone={() => setIsEditingUnit(false)} /> : null}
      </Modal>
      <Modal
        opened={editingContact !== undefined}
        onClose={() => setEditingContact(undefined)}
        title={editingContact === 'new' ? t('contacts.add') : t('contacts.edit')}
      >
        {editingContact !== undefined ? (
          <ContactForm
            organizationId={organization.id}
            contact={editingContact === 'new' ? undefined : editingContact}
            onDone={() => setEditingContact(undefined)}
          />
        ) : null}
      </Modal>
    </Card>
  );
}

function UnitForm({ profile, onDone }: { profile: NetworkProfile; onDone: () => void }) {
  const { t } = useTranslation('network');
  const queryClient = useQueryClient();
  const [unitName, setUnitName] = useState(profile.unit.name ?? '');
  const [isDedicated, setIsDedicated] = useState(profile.unit.isDedicated);
  const [staffDedicated, setStaffDedicated] = useState<number>(profile.unit.staffDedicated);
  const [staffPartTime, setStaffPartTime] = useState<number>(profile.unit.staffPartTime);
  const [notes, setNotes] = useState(profile.unit.notes ?? '');
  const mutation = useMutation({
    mutationFn: () =>
      apiRequest<NetworkProfile>(`/organizations/${encodeURIComponent(profile.organizationId)}/network`, {
        method: 'PUT',
        body: { unitName: unitName.trim() || null, isDedicated, staffDedicated, staffPartTime, notes: notes.trim() || null },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['network-profile', profile.organizationId] });
      notifications.show({ color: 'green', message: t('profile.saved') });
      onDone();
    },
  });
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  return (
    <form onSubmit={handleSubmit}>
      <Stack>
        <ErrorAlert error={mutation.error} />
        <TextInput label={t('profile.unitName')} value={unitName} onChange={(event) => setUnitName(event.currentTarget.value)} />
        <Switch
          label={t('profile.isDedicated')}
          checked={isDedicated}
          onChange={(event) => setIsDedicated(event.currentTarget.checked)}
        />
        <Group grow>
          <NumberInput
            label={t('profile.staffDedicated')}
            min={0}
            value={staffDedicated}
            onChange={(value) => setStaffDedicated(Number(value) || 0)}
          />
          <NumberInput
            label={t('profile.staffPartTime')}
            min={0}
            value={staffPartTime}
            onChange={(value) => setStaffPartTime(Number(value) || 0)}
          />
        </Group>
        <Textarea
          label={t('profile.notes')}
          autosize
          minRows={2}
          value={notes}
          onChange={(event) => setNotes(event.currentTarget.value)}
        />
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

function ContactForm({
  organizationId,
  contact,
  onDone,
}: {
  organizationId: string;
  contact: NetworkContact | undefined;
  onDone: () => void;
}) {
  const { t } = useTranslation('network');
  const queryClient = useQueryClient();
  const [role, setRole] = useState<ContactRole>(contact?.role ?? 'focal-point');
  const [fullName, setFullName] = useState(contact?.fullName ?? '');
  const [position, setPosition] = useState(contact?.position ?? '');
  const [phone, setPhone] = useState(contact?.phone ?? '');
  const [email, setEmail] = useState(contact?.email ?? '');
  const base = `/organizations/${encodeURIComponent(organizationId)}/contacts`;
  const invalidate = async () => {
    await queryClient.invalidateQueries({ queryKey: ['network-profile', organizationId] });
    notifications.show({ color: 'green', message: t('contacts.saved') });
    onDone();
  };
  const save = useMutation({
    mutationFn: () => {
      const body = {
        role,
        fullName: fullName.trim(),
        position: position.trim() || null,
        phone: phone.trim() || null,
        email: email.trim() || null,
      };
      return contact
        ? apiRequest<NetworkContact>(`${base}/${contact.id}`, { method: 'PATCH', body })
        : apiRequest<NetworkContact>(base, { method: 'POST', body });
    },
    onSuccess: invalidate,
  });
  const remove = useMutation({
    mutationFn: () => apiRequest<void>(`${base}/${contact?.id ?? ''}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Stack>
        <ErrorAlert error={save.error ?? remove.error} />
        <Select
          label={t('contacts.role')}
          required
          allowDeselect={false}
          data={contactRoles.map((value) => ({ value, label: t(`contacts.roles.${value}`) }))}
          value={role}
          onChange={(value) => setRole((value as ContactRole | null) ?? 'focal-point')}
        />
        <TextInput
          label={t('contacts.fullName')}
          required
          value={fullName}
          onChange={(event) => setFullName(event.currentTarget.value)}
        />
        <TextInput label={t('contacts.position')} value={position} onChange={(event) => setPosition(event.currentTarget.value)} />
        <TextInput
          label={t('contacts.phone')}
          type="tel"
          value={phone}
          onChange={(event) => setPhone(event.currentTarget.value)}
        />
        <TextInput
          label={t('contacts.email')}
          type="email"
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
        />
        <Group justify="space-between">
          {contact ? (
            <Button color="red" variant="subtle" loading={remove.isPending} onClick={() => remove.mutate()}>
              {t('contacts.remove')}
            </Button>
          ) : (
            <span />
          )}
          <Group>
            <Button variant="default" onClick={onDone}>
              {t('common:cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={fullName.trim().length < 2}>
              {t('common:save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
