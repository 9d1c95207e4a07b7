import { useEffect, useRef } from 'react';

export interface ShortcutTarget {
  /** The letter pressed after "g". */
  key: string;
  path: string;
}

const SEQUENCE_TIMEOUT_MS = 1500;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * "g" then a letter navigates to that target; "?" calls onHelp; "/" calls onSearch. Ignored while
 * typing in a field and when a modifier other than Shift is held.
 */
export function useShortcuts(targets: readonly ShortcutTarget[], navigate: (path: string) => void, onHelp: () => void, onSearch?: () => void): void {
  const latest = useRef({ targets, navigate, onHelp, onSearch });
  latest.current = { targets, navigate, onHelp, onSearch };

  useEffect(() => {
    let pendingSince = 0;
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (isTyping(e.target)) return;
      const { targets: current, navigate: go, onHelp: help } = latest.current;
      const key = e.key.toLowerCase();
      if (pendingSince && Date.now() - pendingSince < SEQUENCE_TIMEOUT_MS) {
        pendingSince = 0;
        const target = current.find((t) => t.key === key);
        if (target) {
          e.preventDefault();
          go(target.path);
          return;
        }
      }
      pendingSince = 0;
      if (e.key === '?') {
        e.preventDefault();
        help();
      } else if (e.key === '/' && latest.current.onSearch) {
        e.preventDefault();
        latest.current.onSearch();
      } else if (key === 'g' && !e.shiftKey) {
        pendingSince = Date.now();
      }
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
