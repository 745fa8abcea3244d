// Chromium for the end-to-end browser test: Debian's `chromium`, installed with apt-get the first
// time (like Redis), or CHROMIUM_PATH to use your own. playwright-core drives it; nothing is
// downloaded from a browser CDN.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { InfraConfig } from './config.ts';
import { commandExists, InfraError, type Log, runCommand } from './proc.ts';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The Chromium binary to use, or undefined when none is installed. */
export function findChromium(): string | undefined {
  const own = process.env.CHROMIUM_PATH;
  if (own) return own;
  return CANDIDATES.find((path) => existsSync(path));
}

export async function ensureChromium(config: InfraConfig, log: Log): Promise<string> {
  const found = findChromium();
  if (found) {
    if (!existsSync(found)) throw new InfraError(`browser: CHROMIUM_PATH=${found} does not exist`);
    return found;
  }
  if (process.getuid?.() !== 0 || !(await commandExists('apt-get'))) {
    throw new InfraError(
      'browser: Chromium is not installed: run `sudo apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium or Chrome binary',
    );
  }
  log('installing chromium with apt-get for the browser test (first time only, a minute or two)…');
  const logFile = join(config.logDir, 'chromium-install.log');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = ['install', '-y', '-q', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'];
  let result = await runCommand('apt-get', install, { env, logFile, log, what: 'installing' });
  if (result.code !== 0) {
    log('apt-get install failed; updating the package lists and trying again…');
    await runCommand('apt-get', ['update', '-q'], { env, logFile, log, what: 'updating' });
    result = await runCommand('apt-get', install, { env, logFile, log, what: 'installing' });
  }
  const installed = findChromium();
  if (result.code !== 0 || !installed) {
    throw new InfraError(
      `browser: apt-get could not install chromium (see ${logFile}); or set CHROMIUM_PATH`,
    );
  }
  return installed;
}
