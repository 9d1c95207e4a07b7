import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { alertKey, alertText } from './alert-format.ts';
import type { WallboardAlert } from './api.ts';

const storageKey = 'sb.wallboard.notify';
type NotifyState = 'off' | 'on' | 'denied' | 'unsupported';

const supported = () => typeof window !== 'undefined' && 'Notification' in window;
function initialState(): NotifyState {
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  return Notification.permission === 'granted' && localStorage.getItem(storageKey) === '1' ? 'on' : 'off';
}

/**
 * Announces alerts as they start: a polite live-region message, and a browser notification when
 * the supervisor turned them on (permission is asked on their click, never on load). Alerts
 * already active when the page opens are shown on the tiles but not announced.
 */
export function useAlertAnnouncer(alerts: readonly WallboardAlert[] | null, queueName: (queueId: string) => string) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const [notify, setNotify] = useState<NotifyState>(initialState);
  const seen = useRef<Set<string> | null>(null);
  const keys = alerts ? alerts.map(alertKey).sort().join(',') : null;

  useEffect(() => {
    if (!alerts) return;
    const current = new Set(alerts.map(alertKey));
    const before = seen.current;
    seen.current = current;
    if (!before) return;
    const started = alerts.filter((a) => !before.has(alertKey(a)));
    if (started.length === 0) return;
    const lines = started.map((a) => t('wallboardAlerts.alertStarted', { queue: queueName(a.queueId), text: alertText(t, a) }));
    setMessage(lines.join(' '));
    if (notify === 'on' && supported() && Notification.permission === 'granted') {
      for (const [i, a] of started.entries()) {
        try {
          new Notification(t('wallboardAlerts.notificationTitle', { queue: queueName(a.queueId) }), { body: alertText(t, a), tag: alertKey(a) });
        } catch {
          // Some browsers only allow notifications from a service worker; the live region still speaks.
        }
        if (i >= 4) break;
      }
    }
    // `keys` stands for `alerts`: only a change of the set of alerts matters here.
  }, [keys]);

  const toggleNotify = useCallback(async () => {
    if (!supported()) return setNotify('unsupported');
    if (notify === 'on') {
      localStorage.removeItem(storageKey);
      return setNotify('off');
    }
    const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
    if (permission === 'granted') {
      localStorage.setItem(storageKey, '1');
      setNotify('on');
    } else setNotify(permission === 'denied' ? 'denied' : 'off');
  }, [notify]);

  return { message, notify, toggleNotify };
}
