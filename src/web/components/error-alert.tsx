import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeError } from '../errors';

/** A translated error message for a failed request, announced to screen readers. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" role="alert" title={title}>
      {describeError(t, error)}
    </Alert>
  );
}
