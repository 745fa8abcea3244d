import { join } from 'node:path';
import type { InfraConfig } from '../config.ts';
import { repoRoot } from '../config.ts';
import { spawnDetached } from '../proc.ts';
import type { Component } from './component.ts';

/** The dev SMTP mailbox (infra/src/mailbox), run by the same Node as this CLI. */
export function mailboxComponent(config: InfraConfig): Component {
  const { host } = config;
  const { smtpPort, httpPort } = config.mailbox;
  const webUrl = config.external.mailboxUrl ?? `http://${host}:${httpPort}`;
  return {
    name: 'mailbox',
    title: 'Dev SMTP mailbox',
    externalUrl: config.external.smtpUrl,
    url: config.external.smtpUrl ?? `smtp://${host}:${smtpPort}`,
    ports: [smtpPort, httpPort],
    portVariable: 'SMTP_PORT (and MAILBOX_PORT)',
    urlVariable: 'SMTP_URL (with MAILBOX_URL)',
    readyTimeoutMs: 15_000,
    async install() {
      // Its dependencies come with the workspace install.
    },
    async start() {
      return spawnDetached({
        name: 'mailbox',
        command: process.execPath,
        args: [join(repoRoot, 'infra', 'src', 'mailbox', 'main.ts')],
        env: {
          ...process.env,
          MAILBOX_HOST: host,
          MAILBOX_SMTP_PORT: String(smtpPort),
          MAILBOX_HTTP_PORT: String(httpPort),
          MAILBOX_DIR: join(config.stateDir, 'mailbox'),
        },
        runDir: config.runDir,
        logFile: join(config.logDir, 'mailbox.log'),
      });
    },
    async ping() {
      const response = await fetch(`${webUrl}/api/health`, { signal: AbortSignal.timeout(1000) });
      return response.ok;
    },
    links: () => [`web page and API: ${webUrl}`],
  };
}
