import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { routingApi, type AgentProfile } from '../../api/routing.ts';
import { useAuth, useMe } from '../../auth/auth-context.tsx';
import { presenceReasons, useLiveReload } from './shared.ts';

type Choice = 'available' | 'offline' | `away:${string}`;

const choiceOf = (p: Pick<AgentProfile, 'presence' | 'awayReason'>): Choice => (p.presence === 'away' ? `away:${p.awayReason ?? 'break'}` : p.presence);

/** The header's status selector for agents: Available, Away (with a reason) or Offline. */
export function AgentStatus() {
  const { can } = useAuth();
  if (!can('routing.work')) return null;
  return <StatusSelect />;
}

function StatusSelect() {
  const { t } = useTranslation();
  const me = useMe();
  const id = useId();
  const [profile, setProfile] = useState<AgentProfile | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const load = useCallback(async () => {
    try {
      setProfile(await routingApi.me());
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) setError(err instanceof Error ? err.message : t('common.genericError'));
    }
  }, [t]);
  useEffect(() => {
    void load();
  }, [load]);
  useLiveReload([`user:${me.user.id}`], () => void load(), (type) => type === 'agent.presence_changed' || type === 'task.offer_expired');

  async function change(choice: string) {
    const [presence, reason] = choice.split(':') as ['available' | 'away' | 'offline', string | undefined];
    setBusy(true);
    setError('');
    try {
      setProfile(await routingApi.setPresence({ presence, ...(presence === 'away' ? { awayReason: reason ?? 'break' } : {}) }));
    } catch (err) {
      setError(err instanceof Error ? err.message : t('common.genericError'));
    } finally {
      setBusy(false);
    }
  }

  const current: Choice = profile ? choiceOf(profile) : 'offline';
  const known = new Set<string>(['available', 'offline', ...presenceReasons.map((r) => `away:${r}`)]);
  const reasonText = (r: string) => ((presenceReasons as readonly string[]).includes(r) ? t(`routing.awayReasons.${r as 'break'}`) : r === 'missed_offers' ? t('routing.missedOffers') : r);
  const missed = profile?.presence === 'away' && profile.awayReason === 'missed_offers';
  return (
    <span className="agent-status" data-presence={profile?.presence ?? 'offline'}>
      <label htmlFor={id} className="visually-hidden">
        {t('routing.myStatus')}
      </label>
      <select id={id} value={current} disabled={busy} aria-describedby={error || missed ? `${id}-note` : undefined} onChange={(e) => void change(e.target.value)}>
        <option value="available">{t('routing.presence.available')}</option>
        {presenceReasons.map((r) => (
          <option key={r} value={`away:${r}`}>
            {t('routing.awayWith', { reason: reasonText(r) })}
          </option>
        ))}
        {!known.has(current) && <option value={current}>{t('routing.awayWith', { reason: reasonText(current.slice(5)) })}</option>}
        <option value="offline">{t('routing.presence.offline')}</option>
      </select>
      {(error || missed) && (
        <span id={`${id}-note`} role={error ? 'alert' : 'status'} className={error ? 'field-error' : 'badge priority-high'}>
          {error || t('routing.missedOffersNote', { n: profile?.missedInRow ?? 0 })}
        </span>
      )}
    </span>
  );
}
