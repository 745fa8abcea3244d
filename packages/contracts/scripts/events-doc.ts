// Writes docs/events.md from the contracts, or with --check fails when the committed file is stale.
//   node packages/contracts/scripts/events-doc.ts [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderEventsDoc } from '../src/events-doc.ts';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'events.md');
const wanted = renderEventsDoc();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  if (current !== wanted) {
    console.error(
      'docs/events.md is out of date: run `./belong pnpm --filter @belong/contracts docs:events`',
    );
    process.exit(1);
  }
  console.log('docs/events.md matches the contracts');
} else {
  writeFileSync(target, wanted);
  console.log(`wrote ${target}`);
}
