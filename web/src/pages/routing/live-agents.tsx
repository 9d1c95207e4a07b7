import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { capacityChannels } from '../../../../src/core/routing/types.ts';
import { routingApi, type AgentProfile } from '../../api/routing.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { TextField } from '../../components/fields.tsx';
import { formatDuration, presenceReasons, secondsSince } from './shared.ts';

interface Props {
  agents: readonly AgentProfile[];
  now: number;
  onChanged: (message: string) => void;
}

const PAGE = 50;

/** The supervisor's agents table: activity, time in state, load; change an agent's status. */
export function LiveAgents({ agents, now, onChanged }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(PAGE);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function change(a: AgentProfile, choice: string) {
    const [presence, reason] = choice.split(':') as ['available' | 'away' | 'offline', string | undefined];
    setBusy(a.userId);
    setError(null);
    try {
      await routingApi.setAgentPresence(a.userId, { presence, ...(presence === 'away' ? { awayReason: reason ?? 'break' } : {}) });
      onChanged(t('routing.agentStatusChanged', { name: a.name, status: t(`routing.presence.${presence}`) }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  const load = (a: AgentProfile) =>
    capacityChannels
      .filter((c) => a.capacity[c] > 0 && (a.load[c] > 0 || c === 'chat' || c === 'voice'))
      .map((c) => t('routing.loadOf', { channel: t(`routing.capacity.${c}`), used: a.load[c], max: a.capacity[c] }))
      .join(' · ');
  const reason = (r: string | null) => (r && (presenceReasons as readonly string[]).includes(r) ? t(`routing.awayReasons.${r as 'break'}`) : r === 'missed_offers' ? t('routing.missedOffers') : (r ?? ''));
  const needle = query.trim().toLowerCase();
  const filtered = needle ? agents.filter((a) => a.name.toLowerCase().includes(needle)) : agents;
  return (
    <section className="panel" aria-labelledby="live-agents-title">
      <h2 id="live-agents-title">{t('routing.liveAgents')}</h2>
      <div className="toolbar">
        <TextField label={t('routing.searchAgents')} type="search" autoComplete="off" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <ErrorAlert error={error} />
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t('routing.liveAgents')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('routing.colAgent')}</th>
              <th scope="col">{t('routing.colActivity')}</th>
              <th scope="col">{t('routing.colInState')}</th>
              <th scope="col">{t('routing.colLoad')}</th>
              <th scope="col">{t('routing.colChangeStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {filtered.slice(0, shown).map((a) => (
              <tr key={a.userId} data-agent-id={a.userId}>
                <th scope="row">{a.name}</th>
                <td>
                  <span className={`badge ${a.activity === 'available' ? 'badge-ok' : a.activity === 'offline' ? 'badge-muted' : ''}`}>{t(`routing.activity.${a.activity}`)}</span>
                  {a.presence === 'away' && a.awayReason && <span className="hint"> {reason(a.awayReason)}</span>}
                </td>
                <td>{formatDuration(t, secondsSince(a.presenceSince, now))}</td>
                <td>{load(a)}</td>
                <td>
                  <select
                    aria-label={t('routing.changeStatusOf', { name: a.name })}
                    disabled={busy === a.userId}
                    value={a.presence === 'away' ? `away:${(presenceReasons as readonly string[]).includes(a.awayReason ?? '') ? a.awayReason : 'other'}` : a.presence}
                    onChange={(e) => void change(a, e.target.value)}
                  >
                    <option value="available">{t('routing.presence.available')}</option>
                    {presenceReasons.map((r) => (
                      <option key={r} value={`away:${r}`}>
                        {t('routing.awayWith', { reason: t(`routing.awayReasons.${r}`) })}
                      </option>
                    ))}
                    <option value="offline">{t('routing.presence.offline')}</option>
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {filtered.length === 0 && <p className="empty">{t('routing.agentsEmpty')}</p>}
      {filtered.length > shown && (
        <div className="load-more">
          <button type="button" onClick={() => setShown((n) => n + PAGE)}>
            {t('common.loadMore')}
          </button>
        </div>
      )}
    </section>
  );
}
