import {
  Alert,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Image,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { PageTitle } from '../../../web/components/page-title';
import { formatDateTime } from '../../../web/format';
import { useSession } from '../../../web/session';
import type { User } from '../../../web/types';

interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** The signed-in user's own settings: password, authenticator app (TOTP), API tokens. */
export function AccountPage() {
  const { t } = useTranslation('accounts');
  const { user } = useSession();
  if (!user) return null;
  return (
    <Stack maw={860}>
      <PageTitle>{t('account.title')}</PageTitle>
      <ChangePasswordCard user={user} />
      <TotpCard user={user} />
      <ApiTokensCard />
    </Stack>
  );
}

function ChangePasswordCard({ user }: { user: User }) {
  const { t } = useTranslation('accounts');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const isMismatch = confirmation.length > 0 && password !== confirmation;
  const mutation = useMutation({
    mutationFn: () => apiRequest<User>(`/users/${user.id}`, { method: 'PATCH', body: { password } }),
    onSuccess: () => {
      setPassword('');
      setConfirmation('');
      notifications.show({ color: 'green', message: t('password.changed') });
    },
  });
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (password !== confirmation) return;
    mutation.mutate();
  };
  return (
    <Card withBorder>
      <Title order={2} fz="h3" mb="sm">
        {t('password.title')}
      </Title>
      <form onSubmit={handleSubmit}>
        <Stack maw={420}>
          <ErrorAlert error={mutation.error} />
          <PasswordInput
            label={t('password.new')}
            description={t('password.policy')}
            autoComplete="new-password"
            required
            minLength={10}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          <PasswordInput
            label={t('password.confirm')}
            autoComplete="new-password"
            required
            value={confirmation}
            error={isMismatch ? t('password.mismatch') : undefined}
            onChange={(event) => setConfirmation(event.currentTarget.value)}
          />
          <Group>
            <Button type="submit" loading={mutation.isPending} disabled={password.length < 10 || password !== confirmation}>
              {t('password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function TotpCard({ user }: { user: User }) {
  const { t } = useTranslation('accounts');
  const { refresh } = useSession();
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauthUrl: string } | undefined>();
  const [qrDataUrl, setQrDataUrl] = useState('');
  const [code, setCode] = useState('');

  useEffect(() => {
    if (!enrolment) return;
    let isCurrent = true;
    QRCode.toDataURL(enrolment.otpauthUrl, { margin: 1, width: 220, errorCorrectionLevel: 'M' })
      .then((url) => {
        if (isCurrent) setQrDataUrl(url);
      })
      .catch(() => setQrDataUrl(''));
    return () => {
      isCurrent = false;
    };
  }, [enrolment]);

  const setup = useMutation({
    mutationFn: () => apiRequest<{ secret: string; otpauthUrl: string }>('/auth/totp/setup', { method: 'POST' }),
    onSuccess: (result) => setEnrolment(result),
  });
  const enable = useMutation({
    mutationFn: () => apiRequest<void>('/auth/totp/enable', { method: 'POST', body: { code } }),
    onSuccess: async () => {
      setEnrolment(undefined);
      setCode('');
      await refresh();
      notifications.show({ color: 'green', message: t('totp.enabled') });
    },
  });
  const disable = useMutation({
    mutationFn: () => apiRequest<void>(`/users/${user.id}/totp/disable`, { method: 'POST' }),
    onSuccess: async () => {
      await refresh();
      notifications.show({ color: 'green', message: t('totp.disabled') });
    },
  });

  return (
    <Card withBorder>
      <Title order={2} fz="h3" mb="sm">
        {t('totp.title')}
      </Title>
      <Stack>
        <ErrorAlert error={setup.error ?? enable.error ?? disable.error} />
        {user.totpEnabled ? (
          <>
            <Alert color="green" role="status">
              {t('totp.isOn')}
            </Alert>
            <Group>
              <Button color="red" variant="outline" loading={disable.isPending} onClick={() => disable.mutate()}>
                {t('totp.disable')}
              </Button>
            </Group>
          </>
        ) : enrolment ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              enable.mutate();
            }}
          >
            <Stack>
              <Text>{t('totp.scan')}</Text>
              {qrDataUrl ? <Image src={qrDataUrl} alt={t('totp.qrAlt')} w={220} h={220} fit="contain" /> : null}
              <Text fz="sm">{t('totp.orEnter')}</Text>
              <Code block data-testid="otpauth-url" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
                {enrolment.otpauthUrl}
              </Code>
              <Text fz="sm">
                {t('totp.secret')}: <Code>{enrolment.secret}</Code>
              </Text>
              <TextInput
                label={t('totp.code')}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                required
                maw={200}
                value={code}
                onChange={(event) => setCode(event.currentTarget.value.replace(/\D/g, ''))}
              />
              <Group>
                <Button type="submit" loading={enable.isPending} disabled={code.length !== 6}>
                  {t('totp.confirm')}
                </Button>
                <Button variant="default" onClick={() => setEnrolment(undefined)}>
                  {t('common:cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <>
            <Text>{t('totp.explain')}</Text>
            <Group>
              <Button loading={setup.isPending} onClick={() => setup.mutate()}>
                {t('totp.start')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}

function ApiTokensCard() {
  const { t } = useTranslation('accounts');
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [createdSecret, setCreatedSecret] = useState<string | undefined>();
  const tokens = useQuery({ queryKey: ['api-tokens'], queryFn: () => apiRequest<ApiToken[]>('/api-tokens') });
  const create = useMutation({
    mutationFn: () => apiRequest<ApiToken & { token: string }>('/api-tokens', { method: 'POST', body: { name: name.trim() } }),
    onSuccess: async (created) => {
      setCreatedSecret(created.token);
      setName('');
      await queryClient.invalidateQueries({ queryKey: ['api-tokens'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (tokenId: string) => apiRequest<void>(`/api-tokens/${tokenId}`, { method: 'DELETE' }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['api-tokens'] });
      notifications.show({ color: 'green', message: t('tokens.revoked') });
    },
  });
  return (
    <Card withBorder>
      <Title order={2} fz="h3" mb="sm">
        {t('tokens.title')}
      </Title>
      <Stack>
        <Text fz="sm">{t('tokens.explain')}</Text>
        <ErrorAlert error={tokens.error ?? create.error ?? revoke.error} />
        {createdSecret ? (
          <Alert
            color="blue"
            title={t('tokens.createdTitle')}
            withCloseButton
            onClose={() => setCreatedSecret(undefined)}
            closeButtonLabel={t('common:close')}
          >
            <Text fz="sm" mb="xs">
              {t('tokens.createdBody')}
            </Text>
            <Group gap="xs" wrap="nowrap">
              <Code data-testid="api-token-secret" style={{ wordBreak: 'break-all' }}>
                {createdSecret}
              </Code>
              <CopyButton value={createdSecret}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy}>
                    {copied ? t('tokens.copied') : t('tokens.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Alert>
        ) : null}
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (name.trim()) create.mutate();
          }}
        >
          <Group align="flex-end">
            <TextInput
              label={t('tokens.name')}
              required
              value={name}
              maxLength={100}
              onChange={(event) => setName(event.currentTarget.value)}
            />
            <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
              {t('tokens.create')}
            </Button>
          </Group>
        </form>
        {tokens.data && tokens.data.length > 0 ? (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('tokens.name')}</Table.Th>
                <Table.Th scope="col">{t('tokens.createdAt')}</Table.Th>
                <Table.Th scope="col">{t('tokens.lastUsedAt')}</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t('tokens.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.map((token) => (
                <Table.Tr key={token.id}>
                  <Table.Td>{token.name}</Table.Td>
                  <Table.Td>{formatDateTime(token.createdAt)}</Table.Td>
                  <Table.Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('tokens.never')}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      color="red"
                      variant="subtle"
                      aria-label={t('tokens.revokeNamed', { name: token.name })}
                      loading={revoke.isPending && revoke.variables === token.id}
                      onClick={() => revoke.mutate(token.id)}
                    >
                      {t('tokens.revoke')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : tokens.data ? (
          <Text c="dark.5" fz="sm">
            {t('tokens.none')}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}
