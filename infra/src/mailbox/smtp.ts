import type { AddressObject, EmailAddress, ParsedMail } from 'mailparser';
import { simpleParser } from 'mailparser';
import type { SMTPServerDataStream, SMTPServerEnvelope } from 'smtp-server';
import { SMTPServer } from 'smtp-server';
import type { FaultRules } from './faults.ts';
import type { Address, MessageStore, NewMessage } from './store.ts';

export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

interface SmtpError extends Error {
  responseCode?: number;
}

function smtpError(code: number, message: string): SmtpError {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * An SMTP server that accepts any sender and recipient, without auth or TLS, into `store`,
 * unless a fault rule (tests) says to refuse a recipient or a message.
 */
export function createSmtpServer(store: MessageStore, faults?: FaultRules): SMTPServer {
  const server = new SMTPServer({
    name: 'belong-mailbox',
    banner: 'Belong dev mailbox: all mail is kept, nothing is delivered',
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    disableReverseLookup: true,
    logger: false,
    // A stuck client must not hold up shutdown for smtp-server's default 30 s.
    closeTimeout: 2000,
    onRcptTo(address, _session, callback) {
      const fault = faults?.take('rcpt', address.address);
      callback(fault ? smtpError(fault.code, fault.message) : undefined);
    },
    onData(stream, session, callback) {
      readAll(stream)
        .then(async (raw) => {
          if (stream.sizeExceeded) {
            throw smtpError(552, `Message exceeds the ${MAX_MESSAGE_BYTES} byte limit`);
          }
          for (const rcpt of session.envelope.rcptTo) {
            const fault = faults?.take('data', rcpt.address);
            if (fault) throw smtpError(fault.code, fault.message);
          }
          await store.add(await parseMessage(raw, session.envelope), raw);
        })
        .then(
          () => callback(),
          (err: unknown) => {
            const error = err instanceof Error ? err : new Error(String(err));
            callback('responseCode' in error ? error : smtpError(451, error.message));
          },
        );
    },
  });
  // Errors of single connections (a client hanging up) arrive here too; without a listener they
  // would crash the process. Listen errors are handled by whoever calls listen().
  server.on('error', () => {});
  return server;
}

function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export async function parseMessage(raw: Buffer, envelope: SMTPServerEnvelope): Promise<NewMessage> {
  const parsed = await simpleParser(raw);
  return {
    envelope: {
      from: envelope.mailFrom ? envelope.mailFrom.address : null,
      to: envelope.rcptTo.map((r) => r.address),
    },
    from: addresses(parsed.from)[0] ?? null,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    subject: parsed.subject ?? '',
    messageId: parsed.messageId ?? null,
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null,
    text: parsed.text ?? null,
    html: typeof parsed.html === 'string' ? parsed.html : null,
    headers: headersOf(parsed),
    size: raw.length,
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? null,
      contentType: a.contentType,
      size: a.size,
    })),
  };
}

function addresses(field: AddressObject | AddressObject[] | undefined): Address[] {
  if (!field) return [];
  const flat = (list: EmailAddress[]): Address[] =>
    list.flatMap((e) => (e.group ? flat(e.group) : e.address ? [{ name: e.name, address: e.address }] : []));
  return (Array.isArray(field) ? field : [field]).flatMap((f) => flat(f.value));
}

/**
 * Header name (lower case) to value. Plain text values come decoded from mailparser; anything it
 * turns into structure (addresses, dates, List-* headers, content types) is taken verbatim from
 * the original line, so what the sender wrote is what a test sees.
 */
function headersOf(parsed: ParsedMail): Record<string, string | string[]> {
  const raw = new Map<string, string[]>();
  for (const { key, line } of parsed.headerLines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n(?=[ \t])/g, '')
      .trim();
    raw.set(key, [...(raw.get(key) ?? []), value]);
  }

  const headers: Record<string, string | string[]> = {};
  for (const [key, lines] of raw) {
    const decoded = parsed.headers.get(key);
    if (typeof decoded === 'string') headers[key] = decoded;
    else if (isStringArray(decoded)) headers[key] = decoded;
    else headers[key] = lines.length === 1 && lines[0] !== undefined ? lines[0] : lines;
  }
  return headers;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
