// Generates the client's types from the committed OpenAPI documents (docs/api/<service>.openapi.yaml)
// with openapi-typescript. `--check` exits 1 when a generated file is stale (the unit test runs
// the same comparison), so a route change cannot leave the client behind.
//
//   node scripts/generate.ts          write src/generated/<service>.ts
//   node scripts/generate.ts --check  compare only
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generatedSource, services } from '../src/generate.ts';

const check = process.argv.includes('--check');
const here = import.meta.dirname;
let stale = 0;
for (const service of services) {
  const target = join(here, '..', 'src', 'generated', `${service}.ts`);
  const source = await generatedSource(
    join(here, '..', '..', '..', 'docs', 'api', `${service}.openapi.yaml`),
  );
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current === source) continue;
  if (check) {
    console.error(
      `packages/api-client/src/generated/${service}.ts is stale: run pnpm --filter @belong/api-client generate`,
    );
    stale++;
  } else {
    await writeFile(target, source);
    console.log(`wrote packages/api-client/src/generated/${service}.ts`);
  }
}
process.exit(stale > 0 ? 1 : 0);
