import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// ajv-formats is CommonJS with a default export; under ESM it may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

function createAjv(coerceTypes: boolean | 'array'): Ajv {
  const ajv = new Ajv({
    coerceTypes,
    useDefaults: true,
    // Unknown fields are errors naming the field (route schemas are strict), never dropped.
    removeAdditional: false,
    // Every bad field at once; bodies are bounded by bodyLimit, which bounds the cost.
    allErrors: true,
    // Route schemas may carry $id (TypeBox) and annotations such as `examples`.
    addUsedSchema: false,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

/**
 * One validator per request part. Query strings, params and headers arrive as text, so they are
 * coerced ("5" → 5). JSON bodies already carry their types: a body is never coerced, so
 * `{"name": 1}` is a 400 instead of silently becoming "1".
 * Route schemas must be self-contained (TypeBox inlines what it composes); shared schemas added
 * with app.addSchema are for responses.
 */
export function validatorCompiler(): FastifySchemaCompiler<unknown> {
  const bodies = createAjv(false);
  const text = createAjv('array');
  return ({ schema, httpPart }) => (httpPart === 'body' ? bodies : text).compile(schema as object);
}
