/**
 * The embed: `<script src="https://host/widget.js" data-inbox="<inbox id>" [data-lang] [data-identity] async>`.
 * Finds its own script tag, appends a host element to <body> with a shadow root (the page's CSS
 * cannot reach inside), and renders the widget there with its own inlined CSS.
 */
import { render } from 'preact';
import type { WidgetIdentity } from '../../src/contracts/widget.ts';
import { createApi } from './lib/api.ts';
import css from './styles.css?inline';
import { App } from './ui/app.tsx';

function findScript(): HTMLScriptElement | null {
  const current = document.currentScript as HTMLScriptElement | null;
  if (current?.dataset.inbox) return current;
  const all = document.querySelectorAll<HTMLScriptElement>('script[data-inbox]');
  for (const s of all) if (/widget\.js(\?|#|$)/.test(s.src)) return s;
  return all[0] ?? null;
}

function parseIdentity(raw: string | undefined): WidgetIdentity | undefined {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as WidgetIdentity;
  } catch {
    return undefined;
  }
}

function mount(): void {
  const script = findScript();
  const inboxId = script?.dataset.inbox;
  if (!script || !inboxId || document.querySelector('switchboard-chat')) return;
  const origin = new URL(script.src || location.href, location.href).origin;
  const host = document.createElement('switchboard-chat');
  host.setAttribute('data-inbox', inboxId);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  shadow.appendChild(style);
  const root = document.createElement('div');
  shadow.appendChild(root);
  document.body.appendChild(host);
  render(
    <App
      api={createApi(origin)}
      inboxId={inboxId}
      dataLang={script.dataset.lang ?? null}
      htmlLang={document.documentElement.lang || null}
      browserLangs={navigator.languages ?? [navigator.language]}
      identity={parseIdentity(script.dataset.identity)}
    />,
    root,
  );
}

if (document.body) mount();
else document.addEventListener('DOMContentLoaded', mount, { once: true });
