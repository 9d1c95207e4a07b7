import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { InvitationMessage } from '../core/deps.ts';

export interface Mailer {
  send(m: { to: string; subject: string; text: string; attachments?: { filename: string; content: string; contentType: string }[] }): Promise<void>;
  close(): void;
}

/** System mail (invitations) through the SMTP server in SMTP_URL. */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(m) {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, attachments: m.attachments });
    },
    close: () => transport.close(),
  };
}

export function invitationText(i: InvitationMessage): { subject: string; text: string } {
  return {
    subject: `${i.invitedBy || 'Your admin'} invited you to ${i.workspace || 'Switchboard'}`,
    text: [
      `Hello ${i.name},`,
      '',
      `${i.invitedBy || 'An admin'} invited you to join ${i.workspace || 'their workspace'} on Switchboard.`,
      `Open this link to choose your password (it works once, until ${i.expiresAt.toUTCString()}):`,
      '',
      i.link,
      '',
      'If you did not expect this, ignore this message.',
    ].join('\n'),
  };
}

/**
 * Delivers invitations: by mail when a mailer is set (three tries, the link never logged), or
 * in the log for the admin to pass on when there is no mail server.
 */
export function invitationSender(log: Logger, mailer?: Mailer, retryDelayMs = 2000): (i: InvitationMessage) => void {
  return (i) => {
    if (!mailer) {
      log.info({ email: i.email, link: i.link }, 'Invitation created (no SMTP_URL set): send this link to the person invited');
      return;
    }
    const { subject, text } = invitationText(i);
    void (async () => {
      for (let attempt = 1; attempt <= 3; attempt++) {
        try {
          await mailer.send({ to: i.email, subject, text });
          log.info({ email: i.email }, 'invitation mailed');
          return;
        } catch (e) {
          log.warn({ email: i.email, attempt, err: (e as Error).message }, 'invitation mail failed');
          if (attempt < 3) await new Promise((r) => setTimeout(r, retryDelayMs * attempt));
        }
      }
      log.error({ email: i.email }, 'invitation mail gave up after 3 tries; copy the link from the admin screen');
    })();
  };
}
