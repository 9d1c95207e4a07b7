import type { Logger } from 'pino';
import { runDueSchedules, type ReportMail, type RunDeps } from '../core/analytics/schedules.ts';
import type { Mailer } from './mailer.ts';

/** Sends a scheduled report's mail through the system mailer, the CSV as an attachment. */
export function reportMailSender(mailer: Mailer): (m: ReportMail) => Promise<void> {
  return (m) => mailer.send({ to: m.to.join(', '), subject: m.subject, text: m.text, attachments: [m.attachment] });
}

/**
 * The job's tick (every minute): due scheduled reports are run as their owner and mailed.
 * Without a mail server (no SMTP_URL) nothing is due to anyone, so main.ts leaves this task out.
 */
export function reportSchedulesTask(d: Omit<RunDeps, 'send'>, mailer: Mailer, log: Logger): () => Promise<number> {
  const send = reportMailSender(mailer);
  return async () => {
    const r = await runDueSchedules({ ...d, send });
    if (r.sent || r.failed || r.skipped) log.info(r, 'scheduled reports run');
    if (r.failed) log.warn({ failed: r.failed }, 'some scheduled reports could not be sent; they are tried again on the next tick');
    return r.sent;
  };
}
