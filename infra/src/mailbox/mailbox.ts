import type { EventEmitter } from 'node:events';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:net';
import { FaultRules } from './faults.ts';
import { createHttpServer } from './http.ts';
import { createSmtpServer } from './smtp.ts';
import { MessageStore } from './store.ts';

export interface MailboxOptions {
  smtpPort: number;
  httpPort: number;
  /** Defaults to 127.0.0.1: the mailbox has no auth and must not be reachable from outside. */
  host?: string;
  dir: string;
}

export interface Mailbox {
  host: string;
  /** The bound ports, which differ from the requested ones when those were 0. */
  smtpPort: number;
  httpPort: number;
  store: MessageStore;
  /** Injected SMTP errors for tests (also at `/api/faults`). */
  faults: FaultRules;
  close(): Promise<void>;
}

/** A port that could not be bound; `code` is the system error code such as EADDRINUSE. */
export class ListenError extends Error {
  readonly port: number;
  readonly code: string | undefined;
  constructor(port: number, cause: NodeJS.ErrnoException) {
    super(cause.message, { cause });
    this.name = 'ListenError';
    this.port = port;
    this.code = cause.code;
  }
}

export async function startMailbox(opts: MailboxOptions): Promise<Mailbox> {
  const host = opts.host ?? '127.0.0.1';
  await mkdir(opts.dir, { recursive: true });
  const store = await MessageStore.open(opts.dir);

  const faults = new FaultRules();
  const smtp = createSmtpServer(store, faults);
  // smtp-server re-emits errors of its net.Server on itself.
  const smtpPort = await listen(smtp.server, smtp, opts.smtpPort, host);
  const closeSmtp = () => new Promise<void>((resolve) => smtp.close(() => resolve()));

  const http = createHttpServer(store, { smtpPort, faults });
  let httpPort: number;
  try {
    httpPort = await listen(http, http, opts.httpPort, host);
  } catch (err) {
    await closeSmtp();
    throw err;
  }
  const closeHttp = () =>
    new Promise<void>((resolve) => {
      http.close(() => resolve());
      // Ends keep-alive sockets and pending /api/wait requests, which would otherwise hold close.
      http.closeAllConnections();
    });

  let closing: Promise<void> | undefined;
  return {
    host,
    smtpPort,
    httpPort,
    store,
    faults,
    close() {
      closing ??= Promise.all([closeSmtp(), closeHttp()]).then(() => undefined);
      return closing;
    },
  };
}

function listen(server: Server, errors: EventEmitter, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(new ListenError(port, err));
    };
    const onListening = () => {
      errors.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    errors.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
