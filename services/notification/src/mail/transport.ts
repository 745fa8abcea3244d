// Sending over SMTP with nodemailer: one pooled transport per process (SMTP_URL, at most
// SMTP_POOL_SIZE connections), and the classification of failures the sender acts on.
import nodemailer from 'nodemailer';
import type { LiveNotification } from '../notifications/domain.ts';

export interface SendResult {
  /** The server's final reply, e.g. `250 Message queued`. */
  response: string;
}

export interface MailTransport {
  send(record: LiveNotification, signal?: AbortSignal): Promise<SendResult>;
  close(): void;
}

export interface SendFailure {
  permanent: boolean;
  /** For a person reading the delivery log: code and server words, or the connection error. */
  reason: string;
}

/**
 * Permanent when the server refused the message for good (5xx, except 503 which is about the
 * session); everything else, connection failures included, is temporary and retried.
 */
export function classifySendError(error: unknown): SendFailure {
  const e = (error ?? {}) as {
    responseCode?: number;
    response?: string;
    permanent?: boolean;
    code?: string;
    message?: string;
  };
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const permanent = e.permanent ?? (code !== undefined && code >= 500 && code < 600 && code !== 503);
  const words = (e.response ?? e.message ?? String(error)).replace(/\s+/g, ' ').trim();
  const reason = code !== undefined ? words : `${e.code ?? 'ERROR'}: ${words}`;
  return { permanent, reason: reason.slice(0, 2000) };
}

export function createMailTransport(options: { url: string; poolSize: number }): MailTransport {
  const transporter = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: options.poolSize,
    // Bounded waits: a send never hangs longer than the sender's claim on the record.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);

  return {
    async send(record) {
      const info = await transporter.sendMail({
        from: record.from,
        to: { name: record.recipient.name, address: record.recipient.email },
        ...(record.replyTo ? { replyTo: record.replyTo } : {}),
        subject: record.email.subject,
        text: record.email.text,
        html: record.email.html,
        messageId: record.messageId,
        headers: record.headers,
      });
      return { response: String((info as { response?: string }).response ?? '250') };
    },
    close() {
      transporter.close();
    },
  };
}
