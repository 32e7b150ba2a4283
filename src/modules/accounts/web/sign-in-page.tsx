import { Alert, Button, Paper, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { PageTitle } from '../../../web/components/page-title';
import { useSession } from '../../../web/session';

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';
}

/** Sign-in with email and password, then the authenticator code when the account has one. */
export function SignInPage() {
  const { t } = useTranslation('accounts');
  const { signIn, status, lostReason } = useSession();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const [isTotpNeeded, setIsTotpNeeded] = useState(false);
  const [error, setError] = useState<unknown>();
  const [isSubmitting, setIsSubmitting] = useState(false);
  const next = safeNext(searchParams.get('next'));
  const isExpired = searchParams.get('reason') === 'expired' || lostReason === 'SESSION_EXPIRED';

  if (status === 'signed-in' && !isSubmitting) return <Navigate to={next} replace />;

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setIsSubmitting(true);
    setError(undefined);
    try {
      await signIn({ email, password, ...(isTotpNeeded && totpCode ? { totpCode } : {}) });
      void navigate(next, { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'TOTP_REQUIRED') {
        setIsTotpNeeded(true);
        setError(undefined);
      } else {
        setError(caught);
      }
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <Paper withBorder shadow="sm" p="xl" maw={440} mx="auto" mt="lg">
      <PageTitle>{t('signIn.title')}</PageTitle>
      <form onSubmit={(event) => void handleSubmit(event)} noValidate>
        <Stack>
          {isExpired && !error ? (
            <Alert color="yellow" role="status">
              {t('signIn.expired')}
            </Alert>
          ) : null}
          <ErrorAlert error={error} />
          <TextInput
            label={t('signIn.email')}
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <PasswordInput
            label={t('signIn.password')}
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          {isTotpNeeded ? (
            <TextInput
              label={t('signIn.totpCode')}
              description={t('signIn.totpHelp')}
              name="totpCode"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              required
              autoFocus
              value={totpCode}
              onChange={(event) => setTotpCode(event.currentTarget.value.replace(/\D/g, ''))}
            />
          ) : null}
          <Button type="submit" loading={isSubmitting} fullWidth>
            {t('signIn.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
