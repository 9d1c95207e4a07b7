import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router-dom';
import { homePath, useMe } from '../auth/auth-context.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';

/** "/" sends a signed-in user to their role's home. */
export function HomeRedirect() {
  const me = useMe();
  return <Navigate to={homePath(me.user.role)} replace />;
}

export function NotFoundPage() {
  const { t } = useTranslation();
  const me = useMe();
  useDocumentTitle(t('frame.notFound'));
  return (
    <section className="panel" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t('frame.notFound')}</h1>
      <p>{t('frame.notFoundHint')}</p>
      <Link to={homePath(me.user.role)}>{t('frame.goHome')}</Link>
    </section>
  );
}
