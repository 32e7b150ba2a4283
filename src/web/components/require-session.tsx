import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { hasRole, useSession } from '../session';
import type { UserRole } from '../types';
import { Loading } from './loading';

/**
 * Guards a page: signed-out visitors go to sign-in (which brings them back here afterwards);
 * signed-in users without the role see why they cannot open it.
 */
export function RequireSession({ roles, children }: { roles?: readonly UserRole[]; children: ReactNode }) {
  const { status, user, lostReason } = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (status === 'loading') return <Loading />;
  if (status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    const reason = lostReason === 'SESSION_EXPIRED' ? '&reason=expired' : '';
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}${reason}`} replace />;
  }
  if (!hasRole(user, roles)) {
    return (
      <Alert color="orange" role="alert" title={t('common:forbidden.title')}>
        {t('common:forbidden.body')}
      </Alert>
    );
  }
  return <>{children}</>;
}
