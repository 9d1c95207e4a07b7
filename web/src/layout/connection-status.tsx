import { useTranslation } from 'react-i18next';
import { useRealtimeStatus } from '../lib/use-realtime.tsx';

/** The header's live-updates indicator: a dot and a word, announced politely when it changes. */
export function ConnectionStatus() {
  const { t } = useTranslation();
  const status = useRealtimeStatus();
  return (
    <span className={`connection-status connection-${status}`} role="status" data-status={status}>
      <span className="connection-dot" aria-hidden="true" />
      {t(`frame.realtime.${status}`)}
    </span>
  );
}
