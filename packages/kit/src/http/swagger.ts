import { ProblemSchema } from '@belong/contracts';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { OverloadedResponse, ProblemRef } from './errors.ts';
import { LOAD_SHEDDING_EXEMPT } from './load-shedding.ts';
import { BODY_OPTIONAL, tidyResponses } from './openapi.ts';

declare module 'fastify' {
  interface FastifySchema {
    /** The JSON body may be left out: it then reads as `{}`, and the document says `required: false`. */
    'x-body-optional'?: boolean;
  }
}

export interface SwaggerOptions {
  name: string;
  version: string;
  description: string;
  /** The service's tags, in the order Swagger UI should show them; `health` is added. */
  tags?: { name: string; description?: string }[];
  /** Shared response schemas (each with an `$id`), listed once under components.schemas. */
  schemas?: TSchema[];
}

/** The security scheme routes that need an API key declare: `schema: { security: apiKeySecurity }`. */
export const API_KEY_SCHEME = 'apiKey';
export const apiKeySecurity = [{ [API_KEY_SCHEME]: [] }];
/** Self-service routes: the signed link token from an email, as `?token=`. */
export const LINK_TOKEN_SCHEME = 'linkToken';
export const linkTokenSecurity = [{ [LINK_TOKEN_SCHEME]: [] }];
/** Routes open to an API key (integrators, coordinators) or the person's own link token. */
export const apiKeyOrLinkTokenSecurity: Record<string, string[]>[] = [
  { [API_KEY_SCHEME]: [] },
  { [LINK_TOKEN_SCHEME]: [] },
];

/**
 * The OpenAPI 3.1 document, built from the routes' TypeBox schemas, and Swagger UI at /docs
 * (document at /docs/json and /docs/yaml). Registered before any route so that it sees them all.
 *
 * ProblemSchema is added as a shared schema: named schemas ($id) become
 * `components.schemas.<$id>` and routes reference them (`problemResponses`, `ProblemRef`).
 */
export const openApi = fp<SwaggerOptions>(
  async (app, { name, version, description, tags = [], schemas = [] }) => {
    app.addHook('onRoute', (route) => {
      const schema = route.schema;
      if (!schema) return;
      // The errors the kit answers whether the route lists them or not: for a route with inputs,
      // 400 when they break the schema; for a body also 413 (over BODY_LIMIT_BYTES) and 415 (not
      // a content type the route parses).
      const response = schema.response as Record<string, unknown> | undefined;
      if (response) {
        const kitStatuses = [
          ...(schema.body || schema.querystring || schema.params || schema.headers ? ['400'] : []),
          ...(schema.body ? ['413', '415'] : []),
        ];
        for (const status of kitStatuses) response[status] ??= ProblemRef;
        // And for any route but the probes, 503 when the instance is overloaded.
        if (!LOAD_SHEDDING_EXEMPT.includes(route.url)) response['503'] ??= OverloadedResponse;
      }
      // An optional body is validated as `{}` when it is left out.
      if (schema[BODY_OPTIONAL] === true) {
        const emptyBody = async (request: FastifyRequest) => {
          // Only a missing body: a JSON `null` is a body, and the schema refuses it.
          if (request.body === undefined) request.body = {};
        };
        const hooks = route.preValidation;
        route.preValidation =
          hooks === undefined ? [emptyBody] : [emptyBody, ...(Array.isArray(hooks) ? hooks : [hooks])];
      }
    });
    app.addSchema(ProblemSchema);
    for (const schema of schemas) {
      if (typeof schema.$id !== 'string') throw new Error('a shared schema needs an $id');
      app.addSchema(schema);
    }
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: `Belong ${name} service`, version, description },
        tags: [
          ...tags,
          {
            name: 'health',
            description: 'Liveness and readiness probes, for orchestrators and load balancers',
          },
        ],
        components: {
          securitySchemes: {
            [API_KEY_SCHEME]: {
              type: 'http',
              scheme: 'bearer',
              bearerFormat: 'blg_…',
              description: 'An API key issued by Belong: `Authorization: Bearer blg_…`',
            },
            [LINK_TOKEN_SCHEME]: {
              type: 'apiKey',
              in: 'query',
              name: 'token',
              description:
                'The signed link token from an email (`?token=…`; `Authorization: Bearer <token>` works ' +
                'too). It stands for one person and one action, and expires.',
            },
          },
        },
      },
      transformObject: (documentObject) =>
        'openapiObject' in documentObject
          ? tidyResponses(documentObject.openapiObject)
          : documentObject.swaggerObject,
      // Name shared schemas by their $id, so the document says `Problem`, not `def-0`.
      refResolver: {
        buildLocalReference: (json, _baseUri, _fragment, i) =>
          typeof json.$id === 'string' ? json.$id : `def-${i}`,
      },
    });
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: { deepLinking: true, validatorUrl: null, persistAuthorization: true },
    });
  },
  { name: 'belong-openapi', fastify: '5.x' },
);
