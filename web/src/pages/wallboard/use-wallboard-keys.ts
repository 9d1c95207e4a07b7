import { useEffect, useRef } from 'react';

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * The wallboard's keys: T enters or leaves TV mode, F toggles browser full screen, Escape leaves TV
 * mode. Ignored while typing, with a modifier held, or when the key was already handled (the
 * frame's "g t" jump to tickets, say).
 */
export function useWallboardKeys(o: { tv: boolean; setTv: (on: boolean) => void; toggleFullscreen: () => void }): void {
  const latest = useRef(o);
  latest.current = o;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing || typing(e.target)) return;
      const { tv, setTv, toggleFullscreen } = latest.current;
      const key = e.key.toLowerCase();
      if (key === 't') setTv(!tv);
      else if (key === 'f') toggleFullscreen();
      else if (e.key === 'Escape' && tv) setTv(false);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
