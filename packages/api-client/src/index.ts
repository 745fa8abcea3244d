// A typed client for Belong's REST APIs: paths, parameters, bodies and responses come from the
// exported OpenAPI documents, so a call that does not fit the API does not compile.
//
//   const belong = createBelongClient({ profileUrl, matchingUrl, notificationUrl, apiKey });
//   const { data, error } = await belong.profile.POST('/programmes', { body: { … } });
//
// Errors are problem+json (`error.code`, `error.errors[].pointer`); nothing throws on a 4xx.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths as MatchingPaths } from './generated/matching.ts';
import type { paths as NotificationPaths } from './generated/notification.ts';
import type { paths as ProfilePaths } from './generated/profile.ts';

export type { MatchingPaths, NotificationPaths, ProfilePaths };

export interface BelongClientOptions {
  profileUrl: string;
  matchingUrl: string;
  notificationUrl: string;
  /** An API key (`Authorization: Bearer …`) sent with every request, when given. */
  apiKey?: string | undefined;
  /** Replaces global fetch (tests, instrumentation). */
  fetch?: typeof fetch;
}

export interface BelongClient {
  profile: Client<ProfilePaths>;
  matching: Client<MatchingPaths>;
  notification: Client<NotificationPaths>;
}

function bearer(apiKey: string): Middleware {
  return {
    onRequest({ request }) {
      if (!request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${apiKey}`);
      return request;
    },
  };
}

export function createBelongClient(options: BelongClientOptions): BelongClient {
  const make = <P extends {}>(baseUrl: string) => {
    const client = createClient<P>({ baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
    if (options.apiKey) client.use(bearer(options.apiKey));
    return client;
  };
  return {
    profile: make<ProfilePaths>(options.profileUrl),
    matching: make<MatchingPaths>(options.matchingUrl),
    notification: make<NotificationPaths>(options.notificationUrl),
  };
}
