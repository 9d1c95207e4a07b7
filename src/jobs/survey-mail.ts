import type { Logger } from 'pino';
import type { Mailer } from './mailer.ts';
import type { SurveySender } from '../core/surveys/senders.ts';
import { surveyMailText } from '../core/surveys/page-html.ts';

/**
 * Email: a mail with the link to the public survey page, in the customer's language; three tries.
 * Without a mail server (no SMTP_URL) the invitation stays unsent and the log says so (never the link).
 */
export function emailSurveySender(log: Logger, mailer?: Mailer, retryDelayMs = 2000): SurveySender {
  return {
    address: 'email',
    async send(d) {
      if (!mailer || !d.to) {
        log.warn({ invitationId: d.invitationId }, 'survey invitation not mailed: set SMTP_URL to send surveys by email');
        return;
      }
      const { subject, text } = surveyMailText(d.language, d);
      for (let attempt = 1; attempt <= 3; attempt++) {
        try {
          await mailer.send({ to: d.to, subject, text });
          return;
        } catch (e) {
          log.warn({ invitationId: d.invitationId, attempt, err: (e as Error).message }, 'survey mail failed');
          if (attempt < 3) await new Promise((r) => setTimeout(r, retryDelayMs * attempt));
        }
      }
      log.error({ invitationId: d.invitationId }, 'survey mail gave up after 3 tries');
    },
  };
}
