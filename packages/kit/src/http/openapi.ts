import { PROBLEM_CONTENT_TYPE } from '@belong/contracts';
import type { FastifyInstance } from 'fastify';
import type { OpenAPIV3_1 } from 'openapi-types';
import { stringify } from 'yaml';
import { statusTitle } from './errors.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Route schema key: the JSON body may be left out, and then reads as `{}` (the kit adds the hook).
 * Documented as `requestBody.required: false`; fastify's generator would say true.
 */
export const BODY_OPTIONAL = 'x-body-optional';

interface Operation {
  requestBody?: { required?: boolean };
  responses?: Record<string, Record<string, unknown>>;
  [BODY_OPTIONAL]?: boolean;
}

/**
 * Fills what fastify's generator leaves generic or out: a response without a description gets
 * its status phrase ("Created", "Not Found"), not "Default Response"; an error response declared
 * with a bare Problem schema is served as `application/problem+json`, as it really is; an
 * optional body (BODY_OPTIONAL) is `required: false`.
 */
export function tidyResponses<D extends { paths?: unknown }>(document: D): D {
  const paths = (document.paths ?? {}) as Record<string, Record<string, unknown>>;
  for (const item of Object.values(paths)) {
    for (const value of Object.values(item ?? {})) {
      const operation = value as Operation | undefined;
      if (!operation || typeof operation !== 'object' || !operation.responses) continue;
      const responses = operation.responses;
      if (typeof responses !== 'object') continue;
      const body = operation.requestBody;
      if (operation[BODY_OPTIONAL] !== undefined) {
        if (body) body.required = !operation[BODY_OPTIONAL];
        delete operation[BODY_OPTIONAL];
      }
      for (const [status, response] of Object.entries(responses)) {
        if (!response || typeof response !== 'object') continue;
        if (response.description === 'Default Response') response.description = statusTitle(Number(status));
        const content = response.content as Record<string, { schema?: { $ref?: string } }> | undefined;
        const json = content?.['application/json'];
        if (content && json && Number(status) >= 400 && json.schema?.$ref?.endsWith('/Problem')) {
          delete content['application/json'];
          content[PROBLEM_CONTENT_TYPE] = json;
        }
      }
    }
  }
  return document;
}

/** The OpenAPI document of a booted app, as plain JSON. */
export async function openApiDocument(app: FastifyInstance): Promise<OpenAPIV3_1.Document> {
  await app.ready();
  // Through JSON: drops undefined values and anything that is not data.
  return JSON.parse(JSON.stringify(app.swagger())) as OpenAPIV3_1.Document;
}

/**
 * The document as YAML for docs/api/: keys in a fixed order (sections as the spec lists them,
 * paths and component names sorted, methods and statuses in their natural order; inside a
 * schema, the order the code wrote), no anchors, long lines unfolded, one trailing newline. The
 * same code gives the same bytes, so `openapi check` can compare files.
 */
export async function exportOpenApi(app: FastifyInstance): Promise<string> {
  const document = sortDocument((await openApiDocument(app)) as unknown as Record<string, Json>);
  return stringify(document, { aliasDuplicateObjects: false, lineWidth: 0 });
}

const SECTIONS = [
  'openapi',
  'info',
  'jsonSchemaDialect',
  'servers',
  'tags',
  'security',
  'paths',
  'webhooks',
  'components',
];
const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace'];

function sortDocument(document: Record<string, Json>): Record<string, Json> {
  const sorted = orderKeys(document, SECTIONS);
  const paths = sorted.paths;
  if (isObject(paths)) {
    sorted.paths = Object.fromEntries(
      Object.keys(paths)
        .sort()
        .map((path) => [path, sortPathItem(paths[path])]),
    );
  }
  const components = sorted.components;
  if (isObject(components)) {
    sorted.components = Object.fromEntries(
      Object.keys(components)
        .sort()
        .map((section) => {
          const entries = components[section];
          return [section, isObject(entries) ? sortedByKey(entries) : (entries ?? null)];
        }),
    );
  }
  return sorted;
}

function sortPathItem(item: Json | undefined): Json {
  if (!isObject(item)) return item ?? null;
  const ordered = orderKeys(item, METHODS);
  for (const method of METHODS) {
    const operation = ordered[method];
    if (isObject(operation) && isObject(operation.responses)) {
      operation.responses = sortedByKey(operation.responses);
    }
  }
  return ordered;
}

/** `known` keys first in that order, the rest alphabetically. */
function orderKeys(object: Record<string, Json>, known: string[]): Record<string, Json> {
  const rank = (key: string) => (known.includes(key) ? known.indexOf(key) : known.length);
  const keys = Object.keys(object).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((key) => [key, object[key] ?? null]));
}

function sortedByKey(object: Record<string, Json>): Record<string, Json> {
  return orderKeys(object, []);
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface OpenApiValidation {
  valid: boolean;
  /** One line per problem, empty when valid. */
  errors: string[];
  warnings: string[];
}

/**
 * Checks a document against the OpenAPI 3.1 specification (and the parser's extra rules:
 * unique operationIds, valid component names…). The parser is a development dependency, loaded
 * only when this runs: tests and the export script, never a running service.
 */
export async function validateOpenApi(document: object): Promise<OpenApiValidation> {
  const { validate, compileErrors } = await import('@readme/openapi-parser');
  // validate dereferences the document in place: give it a copy.
  const result = await validate(structuredClone(document) as OpenAPIV3_1.Document);
  const warnings = result.warnings.map((warning) => warning.message);
  if (result.valid) return { valid: true, errors: [], warnings };
  return { valid: false, errors: compileErrors(result).split('\n').filter(Boolean), warnings };
}
