// Text that came from people (names, programme names, reasons) on its way into an email. The
// bodies are escaped by the templates (handlebars); these helpers are for what templates do not
// cover: headers, and one-line fields that must not pretend to be several lines.
import { createHash } from 'node:crypto';

// C0 and C1 controls, DEL, and the Unicode line/paragraph separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * One line of plain text: CR, LF and every other control character become a space, runs of
 * white space one space, trimmed, at most `max` characters. Safe for a header value (nodemailer
 * then encodes it), and a display name can no longer start a new header or fake a body line.
 */
export function oneLine(value: string, max = 200): string {
  const flat = value.replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Multi-line text (a reason someone wrote): controls other than line breaks removed, lines kept. */
export function paragraphText(value: string, max = 2000): string {
  const normalised = value
    .replace(/\r\n?/g, '\n')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: see CONTROLS
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return normalised.length > max ? `${normalised.slice(0, max - 1)}…` : normalised;
}

/** SHA-256 of the lower-cased, trimmed address: what profile.erased carries. */
export function emailHash(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

/** A short, url-safe, deterministic id: `prefix` + 22 characters of SHA-256 over the parts. */
export function hashId(prefix: string, ...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return `${prefix}${hash.digest('base64url').slice(0, 22)}`;
}

/** Parses `Name <address>` (or a bare address) as in MAIL_FROM. */
export function parseMailbox(value: string): { name: string; address: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  if (match?.[2]) return { name: oneLine(match[1] ?? ''), address: match[2] };
  const bare = value.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(bare)) throw new Error(`MAIL_FROM "${value}" is not an address`);
  return { name: '', address: bare };
}

/** The exponential backoff step n (1-based): min(max, initial·2^(n-1)), drawn from [½, 1] of it. */
export function backoff(attempt: number, initialMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
