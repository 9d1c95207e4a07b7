import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { useAuth } from '../auth/auth-context.tsx';

/** Renders its children only for a signed-in user; everyone else goes to /login. */
export function AuthGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { state, refresh } = useAuth();
  const location = useLocation();

  if (state.status === 'loading') {
    return (
      <main id="main" className="centered">
        <p role="status">{t('common.loading')}</p>
      </main>
    );
  }
  if (state.status === 'error') {
    return (
      <main id="main" className="centered">
        <div role="alert" className="alert alert-error">
          <p>{t('frame.serverUnreachable')}</p>
          <p>{state.error.message}</p>
        </div>
        <button type="button" onClick={() => void refresh()}>
          {t('common.retry')}
        </button>
      </main>
    );
  }
  if (state.status === 'anonymous') {
    return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  }
  return <>{children}</>;
}
