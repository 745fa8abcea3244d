// The one place that turns an OpenAPI document into the client's TypeScript types, shared by the
// generate script and the test that keeps the generated files current.
import { readFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';

export const services = ['profile', 'matching', 'notification'] as const;

const HEADER =
  '// Generated from docs/api/%s by openapi-typescript: do not edit. Regenerate with\n// `pnpm --filter @belong/api-client generate`.\n';

export async function generatedSource(documentPath: string): Promise<string> {
  const yaml = await readFile(documentPath, 'utf8');
  const ast = await openapiTS(yaml, { alphabetize: true });
  const name = documentPath.split('/').pop() ?? documentPath;
  return `${HEADER.replace('%s', name)}${astToString(ast)}`;
}
