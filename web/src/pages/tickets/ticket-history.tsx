import { useTranslation } from 'react-i18next';
import type { User } from '../../../../src/contracts/auth.ts';
import type { Team } from '../../../../src/contracts/users.ts';
import type { TicketHistoryEntry } from '../../api/tickets.ts';
import { useFormatDate } from '../../lib/format.ts';

const known = ['created', 'status_changed', 'priority_changed', 'type_changed', 'subject_changed', 'requester_changed', 'assigned', 'team_changed', 'tags_changed', 'field_changed', 'follower_added', 'follower_removed', 'conversation_linked', 'conversation_unlinked', 'comment_added', 'replied', 'merged', 'macro_applied'] as const;
type Known = (typeof known)[number];

/** Who changed what, when: one line per event, newest first. */
export function TicketHistory({ entries, users, teams }: { entries: TicketHistoryEntry[]; users: User[]; teams: Team[] }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const userName = (id: unknown) => (typeof id === 'string' ? (users.find((u) => u.id === id)?.name ?? '…') : t('tickets.unassigned'));
  const show = (what: string, v: unknown): string => {
    if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return t('tickets.none');
    if (what === 'status_changed' && typeof v === 'string') return t(`tickets.statuses.${v as 'open'}`);
    if (what === 'priority_changed' && typeof v === 'string') return t(`tickets.priorities.${v as 'low'}`);
    if (what === 'type_changed' && typeof v === 'string') return t(`tickets.types.${v as 'task'}`);
    if (what === 'assigned') return userName(v);
    if (what === 'team_changed') return teams.find((x) => x.id === v)?.name ?? '…';
    if (Array.isArray(v)) return v.join(', ');
    return String(v);
  };
  if (entries.length === 0) return <p className="empty">{t('tickets.noHistory')}</p>;
  return (
    <ol className="timeline">
      {entries.map((e) => {
        const what = e.type.replace(/^ticket\./, '');
        const p = e.payload;
        const line = (known as readonly string[]).includes(what)
          ? t(`tickets.event.${what as Known}`, { from: show(what, p.from), to: show(what, p.to), field: String(p.field ?? ''), name: typeof p.name === 'string' ? p.name : userName(p.userId) })
          : t('tickets.event.other', { type: e.type });
        return (
          <li key={e.id}>
            <strong>{e.actorId ? userName(e.actorId) : t('tickets.system')}</strong> {line}{' '}
            <time dateTime={e.createdAt} className="hint">{formatDate(e.createdAt)}</time>
          </li>
        );
      })}
    </ol>
  );
}
