// Writes or checks a service's committed OpenAPI document (docs/api/<service>.openapi.yaml).
//
//   node ../../packages/kit/scripts/openapi.ts export --service profile --app src/app.ts --out ../../docs/api/profile.openapi.yaml
//   node ../../packages/kit/scripts/openapi.ts check  --service profile --app src/app.ts --out ../../docs/api/profile.openapi.yaml
//
// --app is a module exporting `buildForExport(): Promise<FastifyInstance>` (an app built with
// `connect: false`: no server is needed). Paths are relative to the working directory, which
// `pnpm --filter <service> run …` sets to the service's folder. Both commands also validate the
// document against OpenAPI 3.1. `check` exits 1 with one line when the file is missing or stale.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { exportOpenApi, openApiDocument, validateOpenApi } from '../src/http/openapi.ts';

const USAGE =
  'usage: node packages/kit/scripts/openapi.ts export|check --service <name> --app <module exporting buildForExport> --out <file.yaml>';

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

/** The path as a person at the repository root would type it. */
function display(path: string): string {
  let dir = process.cwd();
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) return relative(process.cwd(), path);
    dir = parent;
  }
  return relative(dir, path);
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
  const { command, service, app: appPath, out } = parsed;

  const module = (await import(pathToFileURL(resolve(appPath)).href)) as {
    buildForExport?: () => Promise<FastifyInstance>;
  };
  if (typeof module.buildForExport !== 'function') {
    fail(`${appPath} does not export a function buildForExport(): Promise<FastifyInstance>`);
  }
  const app = await module.buildForExport();
  let yaml: string;
  let document: object;
  try {
    document = await openApiDocument(app);
    yaml = await exportOpenApi(app);
  } finally {
    await app.close();
  }

  const validation = await validateOpenApi(document);
  if (!validation.valid) {
    fail(`the ${service} service's OpenAPI document is invalid:\n${validation.errors.join('\n')}`);
  }

  const target = resolve(out);
  if (command === 'export') {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, yaml);
    console.log(`wrote ${display(target)}`);
    return;
  }
  const committed = await readFile(target, 'utf8').catch(() => undefined);
  if (committed !== yaml) {
    const why = committed === undefined ? 'is missing' : 'is out of date';
    fail(`${display(target)} ${why}: run pnpm --filter @belong/${service} openapi:export`);
  }
  console.log(`${display(target)} is up to date`);
}

function parse() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { service: { type: 'string' }, app: { type: 'string' }, out: { type: 'string' } },
  });
  const [command, ...rest] = positionals;
  if (command !== 'export' && command !== 'check') throw new Error(`unknown command "${command ?? ''}"`);
  if (rest.length > 0) throw new Error(`unexpected argument "${rest[0]}"`);
  const { service, app, out } = values;
  if (!service || !app || !out) throw new Error('--service, --app and --out are all required');
  return { command, service, app, out };
}

await main();
// Clients a plugin left open must not keep a one-shot script alive.
process.exit(0);
