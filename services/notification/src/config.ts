import { BaseConfigSchema } from '@belong/kit';
import { type Static, Type } from '@sinclair/typebox';

const Url = (description: string, fallback: string) =>
  Type.String({ pattern: '^https?://', default: fallback, description });
const Int = (minimum: number, maximum: number, fallback: number) =>
  Type.Integer({ minimum, maximum, default: fallback });

/** Every variable the notification service reads; validated once at start (see docs/notification.md). */
export const NotificationConfigSchema = Type.Object({
  ...BaseConfigSchema.properties,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3003 }),

  // ── sending ──
  SMTP_URL: Type.String({
    pattern: '^smtps?://',
    description: 'an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example:587',
  }),
  SMTP_POOL_SIZE: Int(1, 50, 5),
  MAIL_FROM: Type.String({ minLength: 3, default: 'Belong <belong@localhost>' }),
  /** Right-hand side of every Message-ID; default `belong.` + the domain of MAIL_FROM. */
  MESSAGE_ID_DOMAIN: Type.Optional(
    Type.String({ pattern: '^[A-Za-z0-9.-]+$', description: 'a domain name such as belong.example' }),
  ),
  /** First wait after a temporary failure (connection refused, 4xx); doubles up to the max. */
  SEND_BACKOFF_INITIAL_MS: Int(10, 3_600_000, 2_000),
  SEND_BACKOFF_MAX_MS: Int(10, 86_400_000, 60_000),
  /** Temporary failures are retried until this long after the email was created, then it fails. */
  SEND_RETRY_WINDOW_MINUTES: Int(1, 43_200, 2_880),
  /**
   * The sender's tick: how often a standby instance tries to become the sender, and the least
   * time between two due-scans. New emails are sent by id at once, also those other instances wrote.
   */
  SENDER_POLL_MS: Int(10, 60_000, 1_000),
  /**
   * How often the sender scans for due emails besides: the safety net for an email whose wake-up
   * was lost (it waits at most this long). A scan reads the whole collection on FerretDB.
   */
  SENDER_SCAN_MS: Int(100, 3_600_000, 10_000),

  // ── links in emails ──
  MATCHING_PUBLIC_URL: Url('the matching service as people reach it', 'http://127.0.0.1:3002'),
  PROFILE_PUBLIC_URL: Url('the profile service as people reach it', 'http://127.0.0.1:3001'),
  MANAGE_LINK_TTL_DAYS: Int(1, 365, 30),
  UNSUBSCRIBE_LINK_TTL_DAYS: Int(1, 366, 366),

  // ── reminders ──
  /** A reminder goes this long before a proposal expires (never before half its life). */
  REMINDER_LEAD_HOURS: Int(1, 24 * 30, 48),
  REMINDER_SWEEP_MS: Int(10, 3_600_000, 60_000),

  // ── events ──
  /** Handler runs for an event whose people/programme are not known yet (other topics lag), then DLQ. */
  EVENT_RETRY_ATTEMPTS: Int(1, 100, 12),
  EVENT_RETRY_INITIAL_MS: Int(1, 60_000, 250),
  EVENT_RETRY_MAX_MS: Int(1, 600_000, 30_000),

  // ── webhooks ──
  WEBHOOK_TIMEOUT_MS: Int(100, 60_000, 10_000),
  WEBHOOK_BACKOFF_INITIAL_MS: Int(10, 3_600_000, 10_000),
  WEBHOOK_BACKOFF_MAX_MS: Int(10, 86_400_000, 3_600_000),
  WEBHOOK_RETRY_WINDOW_HOURS: Int(1, 24 * 14, 72),
  /** An endpoint is disabled after this many failed attempts in a row… */
  WEBHOOK_DISABLE_AFTER_FAILURES: Int(1, 100_000, 50),
  /** …spanning at least this many minutes. */
  WEBHOOK_DISABLE_AFTER_MINUTES: Int(0, 43_200, 1_440),
  /** Allow http:// endpoints (development and tests only). */
  WEBHOOK_ALLOW_HTTP: Type.Boolean({ default: false }),
  /**
   * Allow webhook URLs on loopback, private, link-local and other internal addresses (SSRF guard
   * off): development and tests only, whose receivers run on 127.0.0.1.
   */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: Type.Boolean({ default: false }),
  WEBHOOK_POLL_MS: Int(10, 60_000, 1_000),
});
export type NotificationConfig = Static<typeof NotificationConfigSchema>;
