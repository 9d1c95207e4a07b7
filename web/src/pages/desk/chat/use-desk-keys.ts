import type { TFunction } from 'i18next';
import { useEffect, useRef } from 'react';

export interface DeskKeyActions {
  next?: () => void;
  previous?: () => void;
  reply?: () => void;
  note?: () => void;
  transfer?: () => void;
  resolve?: () => void;
  snooze?: () => void;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The desk's keys: Alt+↑/↓ (also while typing) and [ / ] switch chats; R reply, N note, T transfer,
 * E resolve, S snooze. Letters are ignored while typing, with a modifier, or when a dialog is open.
 */
export function useDeskKeys(actions: DeskKeyActions): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented || e.isComposing) return;
      const a = latest.current;
      if (e.altKey && !e.ctrlKey && !e.metaKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        const fn = e.key === 'ArrowDown' ? a.next : a.previous;
        if (fn) {
          e.preventDefault();
          fn();
        }
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || document.querySelector('dialog[open]')) return;
      const map: Record<string, (() => void) | undefined> = { ']': a.next, '[': a.previous, r: a.reply, n: a.note, t: a.transfer, e: a.resolve, s: a.snooze };
      const fn = map[e.key.length === 1 ? e.key.toLowerCase() : ''];
      if (fn) {
        e.preventDefault();
        fn();
      }
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** The desk's shortcuts for the app's shortcuts dialog. */
export function deskShortcutHelp(t: TFunction) {
  return [
    { keys: ['Alt', '↓'], together: true, description: t('agentDesk.keys.next') },
    { keys: ['Alt', '↑'], together: true, description: t('agentDesk.keys.previous') },
    { keys: [']'], description: t('agentDesk.keys.next') },
    { keys: ['['], description: t('agentDesk.keys.previous') },
    { keys: ['R'], description: t('agentDesk.keys.reply') },
    { keys: ['N'], description: t('agentDesk.keys.note') },
    { keys: ['/'], description: t('agentDesk.keys.canned') },
    { keys: ['T'], description: t('agentDesk.keys.transfer') },
    { keys: ['E'], description: t('agentDesk.keys.resolve') },
    { keys: ['S'], description: t('agentDesk.keys.snooze') },
  ];
}
