import { after, before } from 'node:test';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];

export function chromiumPath(): string | undefined {
  return candidates.find((p) => existsSync(p));
}

/** Debian's Chromium, headless, with the flags this machine needs (never a downloaded browser). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium not found: apt-get install -y chromium (the .ci/run script does this)');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Goes to a page through the main navigation and waits for its level-1 heading. The click is
 * repeated (at most three times, ten seconds each) when the heading does not come, so a click
 * that lands while the sign-in redirect is still settling is not a failure; when it never comes
 * the error says where the page is and what it shows, and which requests failed.
 */
export async function openFromNav(page: Page, href: string, heading: string): Promise<void> {
  const failed: string[] = [];
  const onFailed = (r: import('playwright-core').Request) => failed.push(`${r.url()} (${r.failure()?.errorText ?? 'failed'})`);
  const onError = (e: Error) => failed.push(`page error: ${e.message}`);
  page.on('requestfailed', onFailed);
  page.on('pageerror', onError);
  try {
    const link = page.getByRole('navigation').first().locator(`a[href="${href}"]`);
    const title = page.getByRole('heading', { level: 1, name: heading });
    for (let attempt = 1; ; attempt++) {
      await link.click();
      try {
        await title.waitFor({ timeout: 10_000 });
        return;
      } catch (err) {
        if (attempt >= 3) {
          const shown = (await page.locator('main').innerText().catch(() => '')).slice(0, 300);
          throw new Error(`heading "${heading}" not shown after ${attempt} clicks on ${href}; the page is at ${page.url()} and shows: ${JSON.stringify(shown)}; failures: ${failed.join('; ') || 'none'}`, { cause: err });
        }
      }
    }
  } finally {
    page.off('requestfailed', onFailed);
    page.off('pageerror', onError);
  }
}

/** Fills the English sign-in form at `baseUrl`/login and submits it. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export interface E2E {
  /** The server (PGlite, demo workspace, on a real port). */
  readonly t: import('./server.ts').TestServer;
  readonly browser: Browser;
}

/** Registers a server and a Chromium for the enclosing describe(), closed after it. */
export function useE2E(opts: { flows?: boolean } = {}): E2E {
  const state: { t?: import('./server.ts').TestServer; browser?: Browser } = {};
  before(async () => {
    const { startTestServer } = await import('./server.ts');
    state.t = await startTestServer('pglite', { listen: true, ...opts });
    state.browser = await launchChromium();
  });
  after(async () => {
    await state.browser?.close();
    await state.t?.close();
  });
  return {
    get t() {
      return state.t!;
    },
    get browser() {
      return state.browser!;
    },
  };
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's serious and critical findings on the page as it is now (the page's CSP must be bypassed). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(o?: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run({ resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Resolves when the page's socket reports a subscription that includes `topic`. Call before the page connects. */
export function subscribedTo(page: Page, topic: string): Promise<void> {
  return new Promise<void>((resolve) => {
    page.on('websocket', (ws) =>
      ws.on('framereceived', ({ payload }) => {
        const f = JSON.parse(String(payload)) as { type: string; topics?: string[] };
        if (f.type === 'subscribed' && f.topics?.includes(topic)) resolve();
      }),
    );
  });
}
