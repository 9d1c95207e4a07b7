import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MeResponse, Permission, Role } from '../../../src/contracts/auth.ts';
import { useNavigate } from 'react-router-dom';
import { ApiError, onUnauthenticated } from '../api/client.ts';
import { authApi } from '../api/endpoints.ts';
import { setLanguage } from '../i18n/index.ts';
import { isLanguage } from '../i18n/languages.ts';

export type AuthState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'error'; error: ApiError }
  | { status: 'authenticated'; me: MeResponse };

export interface AuthContextValue {
  state: AuthState;
  /** The signed-in user's profile, or null. */
  me: MeResponse | null;
  /** Re-reads /auth/me; resolves with the new profile (null when signed out). */
  refresh: () => Promise<MeResponse | null>;
  can: (permission: Permission) => boolean;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** Where each role lands after signing in. */
export function homePath(role: Role): string {
  switch (role) {
    case 'admin':
      return '/admin';
    case 'supervisor':
      return '/supervisor';
    default:
      return '/desk';
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  const refresh = useCallback(async (): Promise<MeResponse | null> => {
    try {
      const me = await authApi.me();
      if (isLanguage(me.user.language)) await setLanguage(me.user.language);
      setState({ status: 'authenticated', me });
      return me;
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
        setState({ status: 'anonymous' });
        return null;
      }
      const error = err instanceof ApiError ? err : new ApiError('internal', String(err), undefined, 0);
      setState({ status: 'error', error });
      return null;
    }
  }, []);

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setState({ status: 'anonymous' });
    }
  }, []);

  useEffect(() => {
    void refresh();
    return onUnauthenticated(() => setState((s) => (s.status === 'authenticated' ? { status: 'anonymous' } : s)));
  }, [refresh]);

  const value = useMemo<AuthContextValue>(() => {
    const me = state.status === 'authenticated' ? state.me : null;
    const granted = new Set<string>(me?.permissions ?? []);
    return { state, me, refresh, signOut, can: (p) => granted.has(p) };
  }, [state, refresh, signOut]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}

/** For components that only render inside the authenticated frame. */
export function useMe(): MeResponse {
  const { me } = useAuth();
  if (!me) throw new Error('useMe used outside the authenticated frame');
  return me;
}

/**
 * For forms that start a session (sign-in, accepting an invitation): runs the request, reads
 * the new session and goes to the user's home. Throws when either step fails.
 */
export function useStartSession(failMessage: string): (start: () => Promise<unknown>) => Promise<void> {
  const { refresh } = useAuth();
  const navigate = useNavigate();
  return useCallback(
    async (start) => {
      await start();
      const me = await refresh();
      if (!me) throw new Error(failMessage);
      navigate(homePath(me.user.role), { replace: true });
    },
    [refresh, navigate, failMessage],
  );
}
