import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest, setCsrfToken, setSessionLostHandler } from './api';
import type { Session, User, UserRole } from './types';

export type SessionStatus = 'loading' | 'signed-in' | 'signed-out';

interface SessionContextValue {
  status: SessionStatus;
  user: User | undefined;
  /** Why the last session ended without the user signing out (e.g. SESSION_EXPIRED). */
  lostReason: string | undefined;
  signIn: (credentials: { email: string; password: string; totpCode?: string }) => Promise<User>;
  signOut: () => Promise<void>;
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

/** Holds the signed-in user; learns it from /api/auth/me at start and drops it when the API reports a lost session. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [user, setUser] = useState<User | undefined>();
  const [lostReason, setLostReason] = useState<string | undefined>();

  const applySession = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    setUser(session.user);
    setStatus('signed-in');
    setLostReason(undefined);
  }, []);

  const refresh = useCallback(async () => {
    try {
      applySession(await apiRequest<Session>('/auth/me', { isSessionProbe: true }));
    } catch (error) {
      setCsrfToken('');
      setUser(undefined);
      setStatus('signed-out');
      if (error instanceof ApiError && error.code === 'SESSION_EXPIRED') setLostReason('SESSION_EXPIRED');
    }
  }, [applySession]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    setSessionLostHandler((code) => {
      setCsrfToken('');
      setUser(undefined);
      setStatus('signed-out');
      setLostReason(code);
    });
    return () => setSessionLostHandler(undefined);
  }, []);

  const signIn = useCallback<SessionContextValue['signIn']>(
    async (credentials) => {
      const session = await apiRequest<Session>('/auth/login', { method: 'POST', body: credentials, isSessionProbe: true });
      queryClient.clear();
      applySession(session);
      return session.user;
    },
    [applySession, queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await apiRequest<void>('/auth/logout', { method: 'POST', isSessionProbe: true });
    } finally {
      setCsrfToken('');
      setUser(undefined);
      setStatus('signed-out');
      setLostReason(undefined);
      queryClient.clear();
    }
  }, [queryClient]);

  const value = useMemo(
    () => ({ status, user, lostReason, signIn, signOut, refresh }),
    [status, user, lostReason, signIn, signOut, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** True when the user holds one of the roles. */
export function hasRole(user: User | undefined, roles: readonly UserRole[] | undefined): boolean {
  if (!roles) return true;
  return user !== undefined && roles.includes(user.role);
}
