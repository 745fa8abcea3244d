import { resolve } from 'node:path';
import { ListenError, type Mailbox, startMailbox } from './mailbox.ts';

function fail(message: string): never {
  console.error(`mailbox: ${message}`);
  process.exit(1);
}

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value > 65535) {
    fail(`${name} must be an integer 0-65535, got "${raw}"`);
  }
  return value;
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

async function main(): Promise<void> {
  const dir = process.env.MAILBOX_DIR;
  if (!dir) fail('MAILBOX_DIR is required: the directory where received mail is kept');
  const smtpPort = port('MAILBOX_SMTP_PORT', 1025);
  const httpPort = port('MAILBOX_HTTP_PORT', 8025);
  const host = process.env.MAILBOX_HOST || '127.0.0.1';

  let mailbox: Mailbox;
  try {
    mailbox = await startMailbox({ smtpPort, httpPort, host, dir: resolve(dir) });
  } catch (err) {
    if (err instanceof ListenError && err.code === 'EADDRINUSE') {
      fail(`port ${err.port} is already in use: ${err.message}`);
    }
    fail(err instanceof Error ? err.message : String(err));
  }

  const at = hostForUrl(mailbox.host);
  console.log(`mailbox: SMTP on ${at}:${mailbox.smtpPort}, web and API on http://${at}:${mailbox.httpPort}`);

  let closing = false;
  const shutdown = () => {
    // A second signal while closing means "now".
    if (closing) process.exit(1);
    closing = true;
    mailbox.close().then(
      () => process.exit(0),
      (err: unknown) => fail(`error while closing: ${String(err)}`),
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

await main();
