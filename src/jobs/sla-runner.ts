import type { Logger } from 'pino';
import { consumeSlaEvents, type SlaDeps } from '../core/sla/engine.ts';
import { nextSlaDue, slaTick, type TickResult } from '../core/sla/tick.ts';

/** How far ahead a due instant is armed as an in-process timer; the minute job covers the rest. */
const ARM_WITHIN_MS = 70_000;

/**
 * Runs the SLA engine on a node with background jobs: `poke()` after commits reads new events
 * (pokes during a run fold into one more run), `tick()` is the minute job, and after either the
 * soonest breach or near breach within the next minute is armed as a timer, so an event fires within
 * about a second of its due time rather than up to a minute late (docs/decisions/008-sla.md).
 */
export function slaRunner(d: SlaDeps, log: Logger) {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let armedFor = 0;

  async function arm(): Promise<void> {
    if (stopped) return;
    const next = await nextSlaDue(d);
    if (!next) return;
    const ms = next.getTime() - d.clock.now().getTime();
    if (ms > ARM_WITHIN_MS) return;
    if (timer && armedFor <= next.getTime()) return;
    clearTimeout(timer);
    armedFor = next.getTime();
    timer = setTimeout(() => {
      timer = undefined;
      armedFor = 0;
      void tick().catch((e) => log.warn({ err: e }, 'SLA tick failed; the minute job retries'));
    }, Math.max(0, ms) + 20);
    timer.unref();
  }

  async function tick(): Promise<TickResult> {
    const r = await slaTick(d, d.clock.now());
    if (r.breached || r.nearBreached) log.info(r, 'SLA events fired');
    await arm();
    return r;
  }

  function poke(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await consumeSlaEvents(d).then(arm).catch((e) => {
          if (!stopped) log.warn({ err: e }, 'SLA engine could not read events; the minute job retries');
        });
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
  }

  return {
    poke,
    tick,
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
export type SlaRunner = ReturnType<typeof slaRunner>;
