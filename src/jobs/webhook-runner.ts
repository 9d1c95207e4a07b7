import { fanOutWebhooks } from './webhook-fanout.ts';
import { sendDueWebhooks, type WebhookJobDeps } from './webhook-sender.ts';

export interface WebhookRunner {
  /** After a commit (the bus) and every minute (pg-boss): fan out new events, then send what is due. */
  poke(): void;
  /** One full run, awaited (the scheduled job). */
  run(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs the fan-out (one at a time on this node; the cursor lock orders nodes) and send passes.
 * Send passes may overlap: a pass skips endpoints an earlier one is still sending to, so a
 * receiver that takes its full 10 s holds up only its own deliveries.
 */
export function startWebhookRunner(deps: WebhookJobDeps, o: { maxPasses?: number } = {}): WebhookRunner {
  const busy = new Set<string>();
  const passes = new Set<Promise<unknown>>();
  let fanning: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const send = () => {
    if (stopped || passes.size >= (o.maxPasses ?? 4)) return;
    const p = sendDueWebhooks(deps, { busy })
      .catch((e) => deps.log?.warn({ err: e }, 'webhook send pass failed; will retry'))
      .finally(() => passes.delete(p));
    passes.add(p);
  };

  function run(): Promise<void> {
    if (fanning) {
      again = true;
      return fanning;
    }
    fanning = fanOutWebhooks(deps)
      .then(() => undefined, (e) => deps.log?.warn({ err: e }, 'webhook fan-out failed; will retry'))
      .finally(() => {
        fanning = null;
        send();
        if (again && !stopped) {
          again = false;
          void run();
        }
      });
    return fanning;
  }

  return {
    poke: () => {
      if (!stopped) void run();
    },
    run,
    async stop() {
      stopped = true;
      if (fanning) await fanning;
      await Promise.all([...passes]);
    },
  };
}
