import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Permission } from '../../../src/contracts/auth.ts';
import { homePath, useAuth } from '../auth/auth-context.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';

export function NoAccess() {
  const { t } = useTranslation();
  const { me } = useAuth();
  useDocumentTitle(t('frame.noAccess'));
  return (
    <section className="panel">
      <p role="alert" className="alert alert-error">
        {t('frame.noAccess')}
      </p>
      <p>{t('frame.noAccessHint')}</p>
      {me && <Link to={homePath(me.user.role)}>{t('frame.goHome')}</Link>}
    </section>
  );
}

/** Shows its children only when the user has the permission; otherwise a no-access message. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useAuth();
  return can(permission) ? <>{children}</> : <NoAccess />;
}
