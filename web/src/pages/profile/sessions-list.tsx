import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../../src/contracts/auth.ts';
import { meApi } from '../../api/endpoints.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useFormatDate } from '../../lib/format.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';

/** A short, readable name for a browser from its user agent string. */
export function describeUserAgent(ua: string | null): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : null;
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Android/.test(ua)
      ? 'Android'
      : /iPhone|iPad/.test(ua)
        ? 'iOS'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  return browser && os ? `${browser} · ${os}` : (browser ?? os ?? ua.slice(0, 60));
}

export function SessionsList({ refreshKey = 0 }: { refreshKey?: number }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const list = usePagedList((cursor) => meApi.sessions({ cursor }), `sessions-${refreshKey}`);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');

  async function revoke(session: Session) {
    setBusyId(session.id);
    setError(null);
    try {
      await meApi.revokeSession(session.id);
      list.setItems((items) => items.filter((s) => s.id !== session.id));
      setStatus(t('profile.sessionRevoked'));
    } catch (err) {
      setError(err);
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section className="panel" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('profile.sessionsTitle')}</h2>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={error ?? list.error} />
      <div className="table-wrap">
        <table aria-busy={list.loading}>
          <caption className="visually-hidden">{t('profile.sessionsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('profile.device')}</th>
              <th scope="col">{t('profile.ip')}</th>
              <th scope="col">{t('profile.signedIn')}</th>
              <th scope="col">{t('profile.lastSeen')}</th>
              <th scope="col">{t('profile.expires')}</th>
              <th scope="col">{t('profile.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((s) => (
              <tr key={s.id}>
                <th scope="row" title={s.userAgent ?? undefined}>
                  {describeUserAgent(s.userAgent) ?? t('profile.unknownDevice')}
                  {s.current && <span className="badge badge-ok">{t('profile.thisSession')}</span>}
                </th>
                <td className="mono">{s.ip ?? '—'}</td>
                <td>{formatDate(s.createdAt)}</td>
                <td>{formatDate(s.lastSeenAt)}</td>
                <td>{formatDate(s.expiresAt)}</td>
                <td>
                  {!s.current && (
                    <button type="button" className="danger" disabled={busyId === s.id} onClick={() => void revoke(s)}>
                      {t('profile.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && !list.error && list.items.length === 0 && <p className="empty">{t('profile.noSessions')}</p>}
      <LoadMore list={list} />
    </section>
  );
}
