import { Badge, Button, Group, Modal, PasswordInput, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { Loading } from '../../../web/components/loading';
import { OrganizationLink } from '../../../web/components/organization-link';
import { OrganizationSelect } from '../../../web/components/organization-select';
import { PageTitle } from '../../../web/components/page-title';
import { formatDate } from '../../../web/format';
import { useSession } from '../../../web/session';
import { userRoles, type User, type UserRole } from '../../../web/types';

/** Roles the signed-in manager may hand out: coordinators never create administrators. */
function assignableRoles(actor: User | undefined): readonly UserRole[] {
  return actor?.role === 'administrator' ? userRoles : userRoles.filter((role) => role !== 'administrator');
}

/** User administration: list and search accounts, create one in an organization, change role or status, reset a password. */
export function UsersPage() {
  const { t } = useTranslation('accounts');
  const { user: actor } = useSession();
  const [search, setSearch] = useState('');
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [debouncedSearch] = useDebouncedValue(search.trim(), 250);
  const [isCreating, setIsCreating] = useState(false);
  const [resetFor, setResetFor] = useState<User | undefined>();
  const users = useQuery({
    queryKey: ['users', { search: debouncedSearch, organizationId }],
    queryFn: () => apiRequest<User[]>('/users', { query: { search: debouncedSearch, organizationId } }),
    placeholderData: (previous) => previous,
  });

  return (
    <Stack>
      <Group justify="space-between">
        <PageTitle>{t('users.title')}</PageTitle>
        <Button onClick={() => setIsCreating(true)}>{t('users.create')}</Button>
      </Group>
      <Group grow align="flex-start">
        <TextInput
          label={t('users.search')}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
        <OrganizationSelect label={t('users.filterOrganization')} value={organizationId} onChange={setOrganizationId} />
      </Group>
      <ErrorAlert error={users.error} />
      {users.isPending ? <Loading /> : null}
      {users.data ? (
        <Table.ScrollContainer minWidth={820}>
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('users.columns.user')}</Table.Th>
                <Table.Th scope="col">{t('users.columns.organization')}</Table.Th>
                <Table.Th scope="col">{t('users.columns.role')}</Table.Th>
                <Table.Th scope="col">{t('users.columns.active')}</Table.Th>
                <Table.Th scope="col">{t('users.columns.createdAt')}</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t('users.columns.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((user) => (
                <UserRow key={user.id} user={user} actor={actor} onResetPassword={() => setResetFor(user)} />
              ))}
            </Table.Tbody>
          </Table>
          {users.data.length === 0 ? <Text c="dark.5">{t('users.none')}</Text> : null}
        </Table.ScrollContainer>
      ) : null}
      <Modal opened={isCreating} onClose={() => setIsCreating(false)} title={t('users.createTitle')} size="lg">
        {isCreating ? <CreateUserForm actor={actor} onDone={() => setIsCreating(false)} /> : null}
      </Modal>
      <Modal
        opened={resetFor !== undefined}
        onClose={() => setResetFor(undefined)}
        title={t('users.resetTitle', { email: resetFor?.email ?? '' })}
      >
        {resetFor ? <ResetPasswordForm user={resetFor} onDone={() => setResetFor(undefined)} /> : null}
      </Modal>
    </Stack>
  );
}

function UserRow({ user, actor, onResetPassword }: { user: User; actor: User | undefined; onResetPassword: () => void }) {
  const { t } = useTranslation('accounts');
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: (changes: { role?: UserRole; isActive?: boolean }) =>
      apiRequest<User>(`/users/${user.id}`, { method: 'PATCH', body: changes }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      notifications.show({ color: 'green', message: t('users.updated') });
    },
    onError: () => notifications.show({ color: 'red', message: t('users.updateFailed') }),
  });
  const isSelf = actor?.id === user.id;
  const canEdit = !isSelf && (actor?.role === 'administrator' || user.role !== 'administrator');
  const roles = assignableRoles(actor);
  return (
    <Table.Tr>
      <Table.Td>
        <Text fw={600}>{user.displayName}</Text>
        <Text fz="sm" c="dark.5">
          {user.email}
        </Text>
      </Table.Td>
      <Table.Td>
        <OrganizationLink organizationId={user.organizationId} />
      </Table.Td>
      <Table.Td>
        {canEdit ? (
          <Select
            aria-label={t('users.roleOf', { email: user.email })}
            data={roles.map((role) => ({ value: role, label: t(`common:roles.${role}`) }))}
            value={user.role}
            allowDeselect={false}
            onChange={(value) => {
              if (value && value !== user.role) update.mutate({ role: value as UserRole });
            }}
            w={190}
          />
        ) : (
          <Badge variant="light">{t(`common:roles.${user.role}`)}</Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Switch
          aria-label={t('users.activeOf', { email: user.email })}
          checked={user.isActive}
          disabled={!canEdit || update.isPending}
          onChange={(event) => update.mutate({ isActive: event.currentTarget.checked })}
          label={user.isActive ? t('users.active') : t('users.inactive')}
        />
      </Table.Td>
      <Table.Td>{formatDate(user.createdAt)}</Table.Td>
      <Table.Td>
        {canEdit ? (
          <Button size="xs" variant="subtle" onClick={onResetPassword} aria-label={t('users.resetFor', { email: user.email })}>
            {t('users.resetPassword')}
          </Button>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

function CreateUserForm({ actor, onDone }: { actor: User | undefined; onDone: () => void }) {
  const { t } = useTranslation('accounts');
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [role, setRole] = useState<UserRole>('officer');
  const [password, setPassword] = useState('');
  const mutation = useMutation({
    mutationFn: () =>
      apiRequest<User>('/users', {
        method: 'POST',
        body: {
          email: email.trim(),
          ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
          organizationId,
          role,
          password,
        },
      }),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      notifications.show({ color: 'green', message: t('users.created', { email: created.email }) });
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
        <TextInput
          label={t('users.email')}
          type="email"
          required
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
        />
        <TextInput
          label={t('users.displayName')}
          value={displayName}
          onChange={(event) => setDisplayName(event.currentTarget.value)}
        />
        <OrganizationSelect label={t('users.organization')} required value={organizationId} onChange={setOrganizationId} />
        <Select
          label={t('users.role')}
          required
          allowDeselect={false}
          data={assignableRoles(actor).map((value) => ({ value, label: t(`common:roles.${value}`) }))}
          value={role}
          onChange={(value) => setRole((value as UserRole | null) ?? 'officer')}
        />
        <PasswordInput
          label={t('users.initialPassword')}
          description={t('password.policy')}
          autoComplete="new-password"
          required
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common:cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending} disabled={!organizationId || password.length < 10 || !email.trim()}>
            {t('users.createSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ResetPasswordForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation('accounts');
  const [password, setPassword] = useState('');
  const mutation = useMutation({
    mutationFn: () => apiRequest<User>(`/users/${user.id}`, { method: 'PATCH', body: { password } }),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('users.passwordReset') });
      onDone();
    },
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        mutation.mutate();
      }}
    >
      <Stack>
        <ErrorAlert error={mutation.error} />
        <PasswordInput
          label={t('password.new')}
          description={t('password.policy')}
          autoComplete="new-password"
          required
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common:cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending} disabled={password.length < 10}>
            {t('users.resetSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
