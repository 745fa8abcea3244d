// The local stack is left running on purpose (the next run reuses it in under a second;
// `./belong infra down` stops it). Only containers started by global-setup are stopped here.
import type { StartedContainers } from './containers.ts';

export default async function globalTeardown(): Promise<void> {
  const containers = (globalThis as { __belongContainers?: StartedContainers }).__belongContainers;
  await containers?.stop();
}
