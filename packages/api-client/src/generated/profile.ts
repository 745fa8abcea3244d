// Generated from docs/api/profile.openapi.yaml by openapi-typescript: do not edit. Regenerate with
// `pnpm --filter @belong/api-client generate`.
export interface paths {
    "/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys
         * @description Every key, revoked ones included, in id order, without secrets or hashes. Pass `nextCursor` as `cursor` for the next page. Needs the admin scope.
         */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    /** @description Items per page */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description keyId of the creating key, or `bootstrap` */
                                createdBy: string;
                                id: string;
                                /** @description Best effort, to the minute */
                                lastUsedAt: string | null;
                                name: string;
                                programmeId: string | null;
                                revokedAt: string | null;
                                scopes: ("admin" | "programmes:read" | "programmes:write" | "profiles:read" | "profiles:write" | "matches:read" | "matches:write" | "notifications:read" | "notifications:write")[];
                            }[];
                            /** @description Pass as `cursor` for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Service Unavailable, for a moment: this instance already has `MAX_IN_FLIGHT_REQUESTS` requests in progress (code `<SERVICE>_OVERLOADED`), another request is changing the same record (`<SERVICE>_BUSY`), or a server it depends on cannot be reached (`<SERVICE>_UNAVAILABLE`). Send the same request again after `Retry-After` seconds (with the same `Idempotency-Key` where the route takes one), to this instance or another. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an API key
         * @description Creates a key with the given scopes, bound to one programme (or to none: admin keys only). The response holds the whole key: it is shown this once and cannot be read again. Needs the admin scope.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Who or what uses the key */
                        name: string;
                        /** @description The one programme the key may act on; required unless the scopes include admin (then null or left out) */
                        programmeId?: string | null;
                        scopes: ("admin" | "programmes:read" | "programmes:write" | "profiles:read" | "profiles:write" | "matches:read" | "matches:write" | "notifications:read" | "notifications:write")[];
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /** @description The keyId: public, names the key */
                            id: string;
                            /** @description The whole key, `blg_<id>_<secret>`: shown this once, never again */
                            key: string;
                            name: string;
                            programmeId: string | null;
                            scopes: ("admin" | "programmes:read" | "programmes:write" | "profiles:read" | "profiles:write" | "matches:read" | "matches:write" | "notifications:read" | "notifications:write")[];
                        };
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Payload Too Large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unsupported Media Type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Service Unavailable, for a moment: this instance already has `MAX_IN_FLIGHT_REQUESTS` requests in progress (code `<SERVICE>_OVERLOADED`), another request is changing the same record (`<SERVICE>_BUSY`), or a server it depends on cannot be reached (`<SERVICE>_UNAVAILABLE`). Send the same request again after `Retry-After` seconds (with the same `Idempotency-Key` where the route takes one), to this instance or another. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Revokes the key on every service within 5 seconds (their caches). Idempotent: revoking a revoked key is 204 again. Needs the admin scope.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Service Unavailable, for a moment: this instance already has `MAX_IN_FLIGHT_REQUESTS` requests in progress (code `<SERVICE>_OVERLOADED`), another request is changing the same record (`<SERVICE>_BUSY`), or a server it depends on cannot be reached (`<SERVICE>_UNAVAILABLE`). Send the same request again after `Retry-After` seconds (with the same `Idempotency-Key` where the route takes one), to this instance or another. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness: the process is up
         * @description Answers without touching any dependency; restart the process if it does not.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            service: string;
                            /** @enum {string} */
                            status: "ok";
                            version: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/profiles/{profileId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a profile
         * @description With the person’s own link token (`manage-profile`, from an email), only their own profile: a token for another person is a 403 `AUTH_TOKEN_WRONG_ACTION`. With an API key, needs `profiles:read`; a key bound to another programme gets a 404, as if the profile did not exist.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The profile id (`pfl_…`) */
                    profileId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Profile"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Service Unavailable, for a moment: this instance already has `MAX_IN_FLIGHT_REQUESTS` requests in progress (code `<SERVICE>_OVERLOADED`), another request is changing the same record (`<SERVICE>_BUSY`), or a server it depends on cannot be reached (`<SERVICE>_UNAVAILABLE`). Send the same request again after `Retry-After` seconds (with the same `Idempotency-Key` where the route takes one), to this instance or another. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Erase the person’s data (GDPR)
         * @description Deletes the name, address, answers and consents; what remains is the id, programme and role, so the id is never reused. `profile.erased` (with a hash of the address, never the address) tells the other services to erase what they hold. Erasing again answers 204. With the person’s own link token (`manage-profile`, from an email), only their own profile: a token for another person is a 403 `AUTH_TOKEN_WRONG_ACTION`. With an API key, needs `profiles:write`; a key bound to another programme gets a 404, as if the profile did not exist.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The profile id (`pfl_…`) */
                    profileId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Erased */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Service Unavailable, for a moment: this instance already has `MAX_IN_FLIGHT_REQUESTS` requests in progress (code `<SERVICE>_OVERLOADED`), another request is changing the same record (`<SERVICE>_BUSY`), or a server it depends on cannot be reached (`<SERVICE>_UNAVAILABLE`). Send the same request again after `Retry-After` seconds (with the same `Idempotency-Key` where the route takes one), to this instance or another. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a profile
         * @description Changes the name and/or answers; the whole set of answers is checked again against the questionnaire version (400 `PROFILE_INVALID_ANSWERS`, nothing saved). A confirmed profile emits `profile.updated` naming what changed. A withdrawn profile cannot change (409). With the person’s own link token (`manage-profile`, from an email), only their own profile: a token for another person is a 403 `AUTH_TOKEN_WRONG_ACTION`. With an API key, needs `profiles:write`; a key bound to another programme gets a 404, as if the profile did not exist.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The profile id (`pfl_…`) */
                    profileId: string;
                };
                cookie?: never;
            };
            /** @description The fields to change. The email address cannot change here (withdraw and sign up again with the new one), nor can `status` (use pause, resume, withdraw). */
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "answers": {
                     *         "hours-per-month": "about-1",
                     *         "growth-areas": [
                     *           "critical-appraisal"
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @description The answers to change (question id → new answer; `null` clears an optional answer). The rest stay; the whole set is checked again against the questionnaire version. */
                        answers?: {
                            [key: string]: (string | string[] | number | boolean) | null;
                        };
                        /** @description How the person would like to be addressed; shown to the people they are matched with */
                        displayName?: string;
                        /** @description Move the answers to another version of the questionnaire. `answers` must then be complete for that version (its consent included): nothing is carried over. */
                        questionnaireVersion?: number;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Profile"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflict */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Payload Too Large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unsupported Media Type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Service Unavailable, for a moment: this instance already has `MAX_IN_FLIGHT_REQUESTS` requests in progress (code `<SERVICE>_OVERLOADED`), another request is changing the same record (`<SERVICE>_BUSY`), or a server it depends on cannot be reached (`<SERVICE>_UNAVAILABLE`). Send the same request again after `Retry-After` seconds (with the same `Idempotency-Key` where the route takes one), to this instance or another. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/profiles/{profileId}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export everything held about the person (GDPR)
         * @description The profile, each answer beside the question it answers, and every consent with its time and questionnaire version, as a JSON download. With the person’s own link token (`manage-profile`, from an email), only their own profile: a token for another person is a 403 `AUTH_TOKEN_WRONG_ACTION`. With an API key, needs `profiles:read`; a key bound to another programme gets a 404, as if the profile did not exist.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The profile id (`pfl_…`) */
                    profileId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            exportedAt: string;
                            /** @description What else Belong holds about the person and where to ask for it */
                            notes: string[];
                            profile: components["schemas"]["Profile"];
                            questionnaire: {
                                /** @description Each answer next to the question it answers, in the order they were asked */
                                answers: {
                                    /** AnswerValue */
                                    answer: string | string[] | number | boolean;
                                    /** @description The question as it was asked */
                                    question: string;
                                    questionId: string;
                                }[];
                                title: string;
                            };
                        };
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Service Unavailable, for a moment: this instance already has `MAX_IN_FLIGHT_REQUESTS` requests in progress (code `<SERVICE>_OVERLOADED`), another request is changing the same record (`<SERVICE>_BUSY`), or a server it depends on cannot be reached (`<SERVICE>_UNAVAILABLE`). Send the same request again after `Retry-After` seconds (with the same `Idempotency-Key` where the route takes one), to this instance or another. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/profiles/{profileId}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause: stay signed up, but out of matching for now
         * @description An active profile becomes `paused` (`profile.updated`); pausing a paused profile changes nothing. Otherwise a 409 `PROFILE_INVALID_TRANSITION`. With the person’s own link token (`manage-profile`, from an email), only their own profile: a token for another person is a 403 `AUTH_TOKEN_WRONG_ACTION`. With an API key, needs `profiles:write`; a key bound to another programme gets a 404, as if the profile did not exist.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The profile id (`pfl_…`) */
                    profileId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Profile"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflict */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Service Unavailable, for a moment: this instance already has `MAX_IN_FLIGHT_REQUESTS` requests in progress (code `<SERVICE>_OVERLOADED`), another request is changing the same record (`<SERVICE>_BUSY`), or a server it depends on cannot be reached (`<SERVICE>_UNAVAILABLE`). Send the same request again after `Retry-After` seconds (with the same `Idempotency-Key` where the route takes one), to this instance or another. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/profiles/{profileId}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume after a pause
         * @description A paused profile becomes `active` again (`profile.updated`); resuming an active one changes nothing. Otherwise a 409 `PROFILE_INVALID_TRANSITION`. With the person’s own link token (`manage-profile`, from an email), only their own profile: a token for another person is a 403 `AUTH_TOKEN_WRONG_ACTION`. With an API key, needs `profiles:write`; a key bound to another programme gets a 404, as if the profile did not exist.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The profile id (`pfl_…`) */
                    profileId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Profile"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflict */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Service Unavailable, for a moment: this instance already has `MAX_IN_FLIGHT_REQUESTS` requests in progress (code `<SERVICE>_OVERLOADED`), another request is changing the same record (`<SERVICE>_BUSY`), or a server it depends on cannot be reached (`<SERVICE>_UNAVAILABLE`). Send the same request again after `Retry-After` seconds (with the same `Idempotency-Key` where the route takes one), to this instance or another. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/profiles/{profileId}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Withdraw from the programme
         * @description The profile becomes `withdrawn`: it leaves matching, its answers are deleted (the consent promised it) and `profile.withdrawn` tells the other services. The name and address stay until erasure, so the person can still export or erase. They may sign up again later. Withdrawing twice changes nothing. With the person’s own link token (`manage-profile`, from an email), only their own profile: a token for another person is a 403 `AUTH_TOKEN_WRONG_ACTION`. With an API key, needs `profiles:write`; a key bound to another programme gets a 404, as if the profile did not exist.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The profile id (`pfl_…`) */
                    profileId: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    /**
                     * @example {
                     *       "reason": "My new role leaves no time this year."
                     *     }
                     */
                    "application/json": {
                        /** @description Why, if the person wants to say; shared with the coordinator only */
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Profile"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Payload Too Large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unsupported Media Type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Service Unavailable, for a moment: this instance already has `MAX_IN_FLIGHT_REQUESTS` requests in progress (code `<SERVICE>_OVERLOADED`), another request is changing the same record (`<SERVICE>_BUSY`), or a server it depends on cannot be reached (`<SERVICE>_UNAVAILABLE`). Send the same request again after `Retry-After` seconds (with the same `Idempotency-Key` where the route takes one), to this instance or another. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/profiles/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm an email address (double opt-in)
         * @description Takes the single-use link token from the confirmation email (`?token=`). The profile becomes `active` and joins matching (`profile.verified`). Answers the profile and a `manage-profile` token for the person’s own pages. Used twice: 409 `AUTH_TOKEN_USED`; expired: 401 `AUTH_TOKEN_EXPIRED` (ask for a new link). An already confirmed profile (through another link) answers 200 without a second event.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Lets the person who just confirmed their address see and change their profile */
                            manage: {
                                /** Format: date-time */
                                expiresAt: string;
                                /** @description A link token for the person’s own profile (`manage-profile`) */
                                token: string;
                            };
                            profile: components["schemas"]["Profile"];
                        };
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflict */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Service Unavailable, for a moment: this instance already has `MAX_IN_FLIGHT_REQUESTS` requests in progress (code `<SERVICE>_OVERLOADED`), another request is changing the same record (`<SERVICE>_BUSY`), or a server it depends on cannot be reached (`<SERVICE>_UNAVAILABLE`). Send the same request again after `Retry-After` seconds (with the same `Idempotency-Key` where the route takes one), to this instance or another. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/programmes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List programmes
         * @description Programmes in id order, optionally only those in one `status`. Admin keys see every programme; a key bound to a programme sees only that one. Pass `nextCursor` as `cursor` for the next page.
         */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    /** @description Items per page */
                    limit?: number;
                    /** @description `draft` (being set up, nobody can sign up), `open` (sign-ups and matching), `closed` (no new sign-ups). Transitions: draft → open, open → closed, closed → open. */
                    status?: "draft" | "open" | "closed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description Who runs the programme; mentees and mentors may write to them */
                                coordinator: {
                                    /** Format: email */
                                    email: string;
                                    name: string;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                /** @description What the programme is about (plain text) */
                                description: string;
                                /** @description Server-generated */
                                id: string;
                                /** @description `instant`: a match is proposed as soon as a mentee is verified; `mentee_choice`: the mentee picks from `policy.suggestions` mentors; `cohort_round`: everyone is matched at once in a round */
                                matchingMode: "instant" | "mentee_choice" | "cohort_round";
                                /** @description Shown to mentees and mentors */
                                name: string;
                                policy: {
                                    hardRules: ("same_organisation" | "named_exclusions" | "previously_declined" | "same_region_for_in_person" | "shared_language")[];
                                    proposalTtlDays: number;
                                    suggestions: number;
                                    weights: {
                                        availability: number;
                                        career_stage: number;
                                        languages: number;
                                        preferences: number;
                                        region_format: number;
                                        sector: number;
                                        text: number;
                                        topics: number;
                                    };
                                };
                                /** @description Unique, for URLs */
                                slug: string;
                                /** @description `draft` (being set up, nobody can sign up), `open` (sign-ups and matching), `closed` (no new sign-ups). Transitions: draft → open, open → closed, closed → open. */
                                status: "draft" | "open" | "closed";
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                            /** @description Pass as `cursor` for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Service Unavailable, for a moment: this instance already has `MAX_IN_FLIGHT_REQUESTS` requests in progress (code `<SERVICE>_OVERLOADED`), another request is changing the same record (`<SERVICE>_BUSY`), or a server it depends on cannot be reached (`<SERVICE>_UNAVAILABLE`). Send the same request again after `Retry-After` seconds (with the same `Idempotency-Key` where the route takes one), to this instance or another. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a programme
         * @description Creates a programme in status `draft`, with the policy defaults filled in for whatever is left out, and publishes `programme.changed`. Needs `programmes:write` on a key bound to no programme (an admin key): a key bound to a programme cannot create programmes. The slug must be unique (409 `PROFILE_SLUG_TAKEN`). `id`, `status`, `createdAt` and `updatedAt` are the server’s: sending them is a 400. Send `Idempotency-Key` to retry safely: within 24 hours the same key and body replay the first response, the same key with another body is a 409 `PROFILE_IDEMPOTENCY_MISMATCH`.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry for 24 hours: the same key with the same body answers the first response again (header `idempotent-replayed: true`); with a different body it is a 409. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            /** @description A new programme; it starts as `draft`. `id`, `status`, `createdAt` and `updatedAt` are set by the server. */
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "slug": "helping-lab-2027",
                     *       "name": "Helping Lab 2027",
                     *       "description": "Six months of mentoring for people starting out in the voluntary sector.",
                     *       "coordinator": {
                     *         "name": "Amina Yusuf",
                     *         "email": "amina@helping-lab.example"
                     *       },
                     *       "matchingMode": "mentee_choice",
                     *       "policy": {
                     *         "weights": {
                     *           "topics": 40,
                     *           "text": 10
                     *         },
                     *         "suggestions": 4
                     *       }
                     *     }
                     */
                    "application/json": {
                        coordinator: {
                            /** Format: email */
                            email: string;
                            name: string;
                        };
                        /**
                         * @description What the programme is about (plain text)
                         * @default
                         */
                        description?: string;
                        /** @description `instant`: a match is proposed as soon as a mentee is verified; `mentee_choice`: the mentee picks from `policy.suggestions` mentors; `cohort_round`: everyone is matched at once in a round */
                        matchingMode: "instant" | "mentee_choice" | "cohort_round";
                        /** @description Shown to mentees and mentors */
                        name: string;
                        /** @description How matching works in this programme; everything left out takes its default */
                        policy?: {
                            /**
                             * @description Rules a match must never break: `same_organisation` (never within one organisation), `named_exclusions` (never someone either side named), `previously_declined` (never a pair declined before), `same_region_for_in_person` (in-person pairs share a region), `shared_language` (the pair shares a language). Default: same_organisation, named_exclusions, previously_declined.
                             * @default [
                             *       "same_organisation",
                             *       "named_exclusions",
                             *       "previously_declined"
                             *     ]
                             */
                            hardRules?: ("same_organisation" | "named_exclusions" | "previously_declined" | "same_region_for_in_person" | "shared_language")[];
                            /**
                             * @description Days a proposed match waits for both sides to accept. Default 7.
                             * @default 7
                             */
                            proposalTtlDays?: number;
                            /**
                             * @description How many mentors a mentee is offered to choose from (mentee_choice). Default 3.
                             * @default 3
                             */
                            suggestions?: number;
                            /** @description Weight of each matching criterion, 0..100. Defaults: topics 30, text 15, career_stage 15, sector 10, region_format 10, languages 10, availability 5, preferences 5. */
                            weights?: {
                                /**
                                 * @description Overlap of availability
                                 * @default 5
                                 */
                                availability?: number;
                                /**
                                 * @description Mentor a suitable step ahead of the mentee
                                 * @default 15
                                 */
                                career_stage?: number;
                                /**
                                 * @description Languages in common
                                 * @default 10
                                 */
                                languages?: number;
                                /**
                                 * @description Stated preferences about the other person
                                 * @default 5
                                 */
                                preferences?: number;
                                /**
                                 * @description Region and meeting format (online, in person) fit
                                 * @default 10
                                 */
                                region_format?: number;
                                /**
                                 * @description Same or related sector
                                 * @default 10
                                 */
                                sector?: number;
                                /**
                                 * @description Similarity of the free-text answers
                                 * @default 15
                                 */
                                text?: number;
                                /**
                                 * @description Overlap of the topics the mentee wants help with and the mentor offers
                                 * @default 30
                                 */
                                topics?: number;
                            };
                        };
                        /** @description Unique, for URLs */
                        slug: string;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Who runs the programme; mentees and mentors may write to them */
                            coordinator: {
                                /** Format: email */
                                email: string;
                                name: string;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /** @description What the programme is about (plain text) */
                            description: string;
                            /** @description Server-generated */
                            id: string;
                            /** @description `instant`: a match is proposed as soon as a mentee is verified; `mentee_choice`: the mentee picks from `policy.suggestions` mentors; `cohort_round`: everyone is matched at once in a round */
                            matchingMode: "instant" | "mentee_choice" | "cohort_round";
                            /** @description Shown to mentees and mentors */
                            name: string;
                            policy: {
                                hardRules: ("same_organisation" | "named_exclusions" | "previously_declined" | "same_region_for_in_person" | "shared_language")[];
                                proposalTtlDays: number;
                                suggestions: number;
                                weights: {
                                    availability: number;
                                    career_stage: number;
                                    languages: number;
                                    preferences: number;
                                    region_format: number;
                                    sector: number;
                                    text: number;
                                    topics: number;
                                };
                            };
                            /** @description Unique, for URLs */
                            slug: string;
                            /** @description `draft` (being set up, nobody can sign up), `open` (sign-ups and matching), `closed` (no new sign-ups). Transitions: draft → open, open → closed, closed → open. */
                            status: "draft" | "open" | "closed";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflict */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Payload Too Large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unsupported Media Type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Service Unavailable, for a moment: this instance already has `MAX_IN_FLIGHT_REQUESTS` requests in progress (code `<SERVICE>_OVERLOADED`), another request is changing the same record (`<SERVICE>_BUSY`), or a server it depends on cannot be reached (`<SERVICE>_UNAVAILABLE`). Send the same request again after `Retry-After` seconds (with the same `Idempotency-Key` where the route takes one), to this instance or another. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/programmes/{programmeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a programme
         * @description Needs `programmes:read`; a key bound to a programme reads only that one (403 otherwise).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The programme id (`prg_…`) */
                    programmeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Who runs the programme; mentees and mentors may write to them */
                            coordinator: {
                                /** Format: email */
                                email: string;
                                name: string;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /** @description What the programme is about (plain text) */
                            description: string;
                            /** @description Server-generated */
                            id: string;
                            /** @description `instant`: a match is proposed as soon as a mentee is verified; `mentee_choice`: the mentee picks from `policy.suggestions` mentors; `cohort_round`: everyone is matched at once in a round */
                            matchingMode: "instant" | "mentee_choice" | "cohort_round";
                            /** @description Shown to mentees and mentors */
                            name: string;
                            policy: {
                                hardRules: ("same_organisation" | "named_exclusions" | "previously_declined" | "same_region_for_in_person" | "shared_language")[];
                                proposalTtlDays: number;
                                suggestions: number;
                                weights: {
                                    availability: number;
                                    career_stage: number;
                                    languages: number;
                                    preferences: number;
                                    region_format: number;
                                    sector: number;
                                    text: number;
                                    topics: number;
                                };
                            };
                            /** @description Unique, for URLs */
                            slug: string;
                            /** @description `draft` (being set up, nobody can sign up), `open` (sign-ups and matching), `closed` (no new sign-ups). Transitions: draft → open, open → closed, closed → open. */
                            status: "draft" | "open" | "closed";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Service Unavailable, for a moment: this instance already has `MAX_IN_FLIGHT_REQUESTS` requests in progress (code `<SERVICE>_OVERLOADED`), another request is changing the same record (`<SERVICE>_BUSY`), or a server it depends on cannot be reached (`<SERVICE>_UNAVAILABLE`). Send the same request again after `Retry-After` seconds (with the same `Idempotency-Key` where the route takes one), to this instance or another. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a programme
         * @description Changes the fields sent and leaves the rest: `coordinator` and `policy` are merged field by field (`policy.weights` criterion by criterion; `policy.hardRules` is replaced as a whole). `status` moves draft → open, open → closed or closed → open; anything else (e.g. back to draft) is a 409 `PROFILE_INVALID_TRANSITION`. The slug cannot change. A change publishes `programme.changed` with the whole programme. Needs `programmes:write`; a key bound to a programme changes only that one.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The programme id (`prg_…`) */
                    programmeId: string;
                };
                cookie?: never;
            };
            /** @description The fields to change; everything left out stays as it is. The slug cannot change. */
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Merged into the current coordinator */
                        coordinator?: {
                            /** Format: email */
                            email?: string;
                            name?: string;
                        };
                        /** @description What the programme is about (plain text) */
                        description?: string;
                        /** @description `instant`: a match is proposed as soon as a mentee is verified; `mentee_choice`: the mentee picks from `policy.suggestions` mentors; `cohort_round`: everyone is matched at once in a round */
                        matchingMode?: "instant" | "mentee_choice" | "cohort_round";
                        /** @description Shown to mentees and mentors */
                        name?: string;
                        /** @description Merged field by field into the current policy (weights criterion by criterion) */
                        policy?: {
                            /** @description Rules a match must never break: `same_organisation` (never within one organisation), `named_exclusions` (never someone either side named), `previously_declined` (never a pair declined before), `same_region_for_in_person` (in-person pairs share a region), `shared_language` (the pair shares a language). Default: same_organisation, named_exclusions, previously_declined. Replaces the whole list. */
                            hardRules?: ("same_organisation" | "named_exclusions" | "previously_declined" | "same_region_for_in_person" | "shared_language")[];
                            /** @description Days a proposed match waits for both sides to accept. Default 7. */
                            proposalTtlDays?: number;
                            /** @description How many mentors a mentee is offered to choose from (mentee_choice). Default 3. */
                            suggestions?: number;
                            /** @description Weight of each matching criterion, 0..100. Defaults: topics 30, text 15, career_stage 15, sector 10, region_format 10, languages 10, availability 5, preferences 5. Only the criteria sent change. */
                            weights?: {
                                /** @description Overlap of availability */
                                availability?: number;
                                /** @description Mentor a suitable step ahead of the mentee */
                                career_stage?: number;
                                /** @description Languages in common */
                                languages?: number;
                                /** @description Stated preferences about the other person */
                                preferences?: number;
                                /** @description Region and meeting format (online, in person) fit */
                                region_format?: number;
                                /** @description Same or related sector */
                                sector?: number;
                                /** @description Similarity of the free-text answers */
                                text?: number;
                                /** @description Overlap of the topics the mentee wants help with and the mentor offers */
                                topics?: number;
                            };
                        };
                        /** @description `draft` (being set up, nobody can sign up), `open` (sign-ups and matching), `closed` (no new sign-ups). Transitions: draft → open, open → closed, closed → open. */
                        status?: "draft" | "open" | "closed";
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Who runs the programme; mentees and mentors may write to them */
                            coordinator: {
                                /** Format: email */
                                email: string;
                                name: string;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /** @description What the programme is about (plain text) */
                            description: string;
                            /** @description Server-generated */
                            id: string;
                            /** @description `instant`: a match is proposed as soon as a mentee is verified; `mentee_choice`: the mentee picks from `policy.suggestions` mentors; `cohort_round`: everyone is matched at once in a round */
                            matchingMode: "instant" | "mentee_choice" | "cohort_round";
                            /** @description Shown to mentees and mentors */
                            name: string;
                            policy: {
                                hardRules: ("same_organisation" | "named_exclusions" | "previously_declined" | "same_region_for_in_person" | "shared_language")[];
                                proposalTtlDays: number;
                                suggestions: number;
                                weights: {
                                    availability: number;
                                    career_stage: number;
                                    languages: number;
                                    preferences: number;
                                    region_format: number;
                                    sector: number;
                                    text: number;
                                    topics: number;
                                };
                            };
                            /** @description Unique, for URLs */
                            slug: string;
                            /** @description `draft` (being set up, nobody can sign up), `open` (sign-ups and matching), `closed` (no new sign-ups). Transitions: draft → open, open → closed, closed → open. */
                            status: "draft" | "open" | "closed";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflict */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Payload Too Large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unsupported Media Type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Service Unavailable, for a moment: this instance already has `MAX_IN_FLIGHT_REQUESTS` requests in progress (code `<SERVICE>_OVERLOADED`), another request is changing the same record (`<SERVICE>_BUSY`), or a server it depends on cannot be reached (`<SERVICE>_UNAVAILABLE`). Send the same request again after `Retry-After` seconds (with the same `Idempotency-Key` where the route takes one), to this instance or another. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/programmes/{programmeId}/profiles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search a programme’s profiles
         * @description For coordinators: profiles in id order, filtered by role, status, topic, sector, region and a name or address fragment (`q`). Pass `nextCursor` as `cursor` for the next page. Needs `profiles:read` for the programme.
         */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    /** @description Items per page */
                    limit?: number;
                    /** @description Name or email address contains this (case-insensitive) */
                    q?: string;
                    /** @description Only people in this region */
                    region?: string;
                    role?: "mentee" | "mentor";
                    /** @description Only people in this sector */
                    sector?: string;
                    /** @description `pending`: submitted, email not confirmed yet (nobody is matched with an unconfirmed address). `active`: confirmed and in the matching pool. `paused`: confirmed, out of the pool for now. `withdrawn`: left the programme; their answers are deleted. */
                    status?: "pending" | "active" | "paused" | "withdrawn";
                    /** @description Only people with this topic (goal or expertise) */
                    topic?: string;
                };
                header?: never;
                path: {
                    /** @description The programme id (`prg_…`) */
                    programmeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Profile"][];
                            /** @description Pass as `cursor` for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Service Unavailable, for a moment: this instance already has `MAX_IN_FLIGHT_REQUESTS` requests in progress (code `<SERVICE>_OVERLOADED`), another request is changing the same record (`<SERVICE>_BUSY`), or a server it depends on cannot be reached (`<SERVICE>_UNAVAILABLE`). Send the same request again after `Retry-After` seconds (with the same `Idempotency-Key` where the route takes one), to this instance or another. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Sign up: submit answers to the questionnaire
         * @description Stores a `pending` profile and emails a confirmation link (`profile.submitted`); nobody is matched until the address is confirmed. Every answer is checked against the questionnaire version (the current one unless `questionnaireVersion` is given): all problems come back at once as a 400 `PROFILE_INVALID_ANSWERS`, one error per question at `/answers/<id>`. The programme must be open (409 `PROFILE_PROGRAMME_NOT_OPEN`); one profile per email, role and programme (409 `PROFILE_DUPLICATE`). Open to anyone (the questionnaire page); integrators send an API key with `profiles:write` for the programme. The confirmation link is only ever emailed, never returned. `Idempotency-Key` makes retries safe.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry for 24 hours: the same key with the same body answers the first response again (header `idempotent-replayed: true`); with a different body it is a 409. */
                    "idempotency-key"?: string;
                };
                path: {
                    /** @description The programme id (`prg_…`) */
                    programmeId: string;
                };
                cookie?: never;
            };
            /** @description A person’s answers for a programme. `id`, `status` and the verification fields are the server’s. */
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "role": "mentee",
                     *       "displayName": "Priya Shah",
                     *       "email": "priya.shah@example.org",
                     *       "answers": {
                     *         "organisation": "Leeds Teaching Hospitals NHS Trust",
                     *         "sector": "nhs-acute",
                     *         "career-stage": "early-career",
                     *         "growth-areas": [
                     *           "evidence-synthesis",
                     *           "literature-searching"
                     *         ],
                     *         "hopes": "I am the only librarian supporting our trust’s research team and would like to get confident with systematic review searching.",
                     *         "meeting-format": "online",
                     *         "region": "yorkshire-humber",
                     *         "time-zone": "Europe/London",
                     *         "languages": [
                     *           "en"
                     *         ],
                     *         "hours-per-month": "about-2",
                     *         "consent": true
                     *       }
                     *     }
                     */
                    "application/json": {
                        /**
                         * Answers
                         * @description Question id → answer, for the questionnaire version. Each answer is checked against its question; every problem comes back at once, one error per question (`/answers/<id>`).
                         */
                        answers: {
                            [key: string]: string | string[] | number | boolean;
                        };
                        /** @description How the person would like to be addressed; shown to the people they are matched with */
                        displayName: string;
                        /**
                         * Format: email
                         * @description Where Belong writes to the person; confirmed by a link before any match email
                         */
                        email: string;
                        /** @description The questionnaire version the answers were given to (as shown with the questionnaire); default: the current version */
                        questionnaireVersion?: number;
                        /**
                         * Role
                         * @description Take part as a `mentee` or as a `mentor`
                         */
                        role: "mentee" | "mentor";
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Profile"];
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflict */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Payload Too Large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unsupported Media Type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Service Unavailable, for a moment: this instance already has `MAX_IN_FLIGHT_REQUESTS` requests in progress (code `<SERVICE>_OVERLOADED`), another request is changing the same record (`<SERVICE>_BUSY`), or a server it depends on cannot be reached (`<SERVICE>_UNAVAILABLE`). Send the same request again after `Retry-After` seconds (with the same `Idempotency-Key` where the route takes one), to this instance or another. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/programmes/{programmeId}/profiles/resend-verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a new confirmation link
         * @description For a person who did not get (or lost) the confirmation email. Always answers 202 with the same words, whether or not such a pending profile exists, so nobody can use it to find out who signed up; at most one new link per profile a minute.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The programme id (`prg_…`) */
                    programmeId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "role": "mentee",
                     *       "email": "priya.shah@example.org"
                     *     }
                     */
                    "application/json": {
                        /**
                         * Format: email
                         * @description Where Belong writes to the person; confirmed by a link before any match email
                         */
                        email: string;
                        /** Role */
                        role: "mentee" | "mentor";
                    };
                };
            };
            responses: {
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                        };
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Payload Too Large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unsupported Media Type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Service Unavailable, for a moment: this instance already has `MAX_IN_FLIGHT_REQUESTS` requests in progress (code `<SERVICE>_OVERLOADED`), another request is changing the same record (`<SERVICE>_BUSY`), or a server it depends on cannot be reached (`<SERVICE>_UNAVAILABLE`). Send the same request again after `Retry-After` seconds (with the same `Idempotency-Key` where the route takes one), to this instance or another. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/programmes/{programmeId}/questionnaires/{role}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the current questionnaire
         * @description The newest version of the programme’s questionnaire for the role: the one new answers are given to. Open to anyone for a programme that is open or closed, so the questionnaire page can be shown; a draft programme’s questionnaire needs an API key with `programmes:read` (bound to the programme, or admin).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The programme id (`prg_…`) */
                    programmeId: string;
                    /** @description Whose questionnaire: `mentee` or `mentor` */
                    role: "mentee" | "mentor";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One published version of a programme’s questionnaire for a role. It never changes: answers are stored with the version they were given to and always read against it. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            definition: components["schemas"]["Questionnaire"];
                            programmeId: string;
                            /** Format: date-time */
                            publishedAt: string;
                            /** Role */
                            role: "mentee" | "mentor";
                            version: number;
                        };
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Service Unavailable, for a moment: this instance already has `MAX_IN_FLIGHT_REQUESTS` requests in progress (code `<SERVICE>_OVERLOADED`), another request is changing the same record (`<SERVICE>_BUSY`), or a server it depends on cannot be reached (`<SERVICE>_UNAVAILABLE`). Send the same request again after `Retry-After` seconds (with the same `Idempotency-Key` where the route takes one), to this instance or another. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/programmes/{programmeId}/questionnaires/{role}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the versions of a questionnaire
         * @description Every published version, newest first. Needs `programmes:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The programme id (`prg_…`) */
                    programmeId: string;
                    /** @description Whose questionnaire: `mentee` or `mentor` */
                    role: "mentee" | "mentor";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                key: string;
                                /** Format: date-time */
                                publishedAt: string;
                                title: string;
                                version: number;
                            }[];
                        };
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Service Unavailable, for a moment: this instance already has `MAX_IN_FLIGHT_REQUESTS` requests in progress (code `<SERVICE>_OVERLOADED`), another request is changing the same record (`<SERVICE>_BUSY`), or a server it depends on cannot be reached (`<SERVICE>_UNAVAILABLE`). Send the same request again after `Retry-After` seconds (with the same `Idempotency-Key` where the route takes one), to this instance or another. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Publish a new questionnaire version
         * @description Publishes the definition as the next version for the role; from now on new answers are given to it. Answers given to earlier versions keep their meaning: they stay with their version. The definition is checked as a whole (400 `PROFILE_INVALID_QUESTIONNAIRE`, one error per problem with a JSON pointer into the body): ids unique, options unique, every attribute matching needs filled by a required question, a required consent question. Needs `programmes:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The programme id (`prg_…`) */
                    programmeId: string;
                    /** @description Whose questionnaire: `mentee` or `mentor` */
                    role: "mentee" | "mentor";
                };
                cookie?: never;
            };
            /** @description A whole questionnaire definition; the server gives it the next version number and the role from the path. Every question maps to a matching attribute or is informational (`maps: null`). */
            requestBody: {
                content: {
                    "application/json": {
                        intro: string;
                        key: string;
                        sections: {
                            description?: string;
                            id: string;
                            questions: ({
                                help?: string;
                                id: string;
                                label: string;
                                /** @description The MatchingAttributes field this answer fills, or null (informational, consent) */
                                maps: ("organisation" | "sector" | "specialisms" | "careerStage" | "region" | "meetingFormats" | "timeZone" | "languages" | "hoursPerMonth" | "topics" | "text" | "exclusions" | "capacity") | null;
                                options: {
                                    help?: string;
                                    label: string;
                                    /** @description What this choice stands for when the question fills a numeric attribute (careerStage, hoursPerMonth, capacity) */
                                    number?: number;
                                    value: string;
                                }[];
                                required: boolean;
                                /** @enum {string} */
                                type: "single_choice";
                            } | {
                                help?: string;
                                id: string;
                                label: string;
                                /** @description The MatchingAttributes field this answer fills, or null (informational, consent) */
                                maps: ("organisation" | "sector" | "specialisms" | "careerStage" | "region" | "meetingFormats" | "timeZone" | "languages" | "hoursPerMonth" | "topics" | "text" | "exclusions" | "capacity") | null;
                                maxPicks: number;
                                options: {
                                    help?: string;
                                    label: string;
                                    /** @description What this choice stands for when the question fills a numeric attribute (careerStage, hoursPerMonth, capacity) */
                                    number?: number;
                                    value: string;
                                }[];
                                /** @description The order of the answer is the person’s priority, first = most */
                                ranked: boolean;
                                required: boolean;
                                /** @enum {string} */
                                type: "multiple_choice";
                            } | {
                                help?: string;
                                id: string;
                                label: string;
                                /** @description The MatchingAttributes field this answer fills, or null (informational, consent) */
                                maps: ("organisation" | "sector" | "specialisms" | "careerStage" | "region" | "meetingFormats" | "timeZone" | "languages" | "hoursPerMonth" | "topics" | "text" | "exclusions" | "capacity") | null;
                                max: number;
                                maxLabel: string;
                                min: number;
                                minLabel: string;
                                required: boolean;
                                /** @enum {string} */
                                type: "scale";
                            } | {
                                help?: string;
                                id: string;
                                label: string;
                                /** @description The MatchingAttributes field this answer fills, or null (informational, consent) */
                                maps: ("organisation" | "sector" | "specialisms" | "careerStage" | "region" | "meetingFormats" | "timeZone" | "languages" | "hoursPerMonth" | "topics" | "text" | "exclusions" | "capacity") | null;
                                maxLength: number;
                                required: boolean;
                                /** @enum {string} */
                                type: "short_text";
                            } | {
                                help?: string;
                                id: string;
                                label: string;
                                /** @description The MatchingAttributes field this answer fills, or null (informational, consent) */
                                maps: ("organisation" | "sector" | "specialisms" | "careerStage" | "region" | "meetingFormats" | "timeZone" | "languages" | "hoursPerMonth" | "topics" | "text" | "exclusions" | "capacity") | null;
                                maxLength: number;
                                required: boolean;
                                /** @enum {string} */
                                type: "long_text";
                            } | {
                                help?: string;
                                id: string;
                                label: string;
                                /** @description The MatchingAttributes field this answer fills, or null (informational, consent) */
                                maps: ("organisation" | "sector" | "specialisms" | "careerStage" | "region" | "meetingFormats" | "timeZone" | "languages" | "hoursPerMonth" | "topics" | "text" | "exclusions" | "capacity") | null;
                                options: {
                                    help?: string;
                                    label: string;
                                    /** @description What this choice stands for when the question fills a numeric attribute (careerStage, hoursPerMonth, capacity) */
                                    number?: number;
                                    value: string;
                                }[];
                                required: boolean;
                                /** @enum {string} */
                                type: "region";
                            } | {
                                help?: string;
                                id: string;
                                label: string;
                                /** @description The MatchingAttributes field this answer fills, or null (informational, consent) */
                                maps: ("organisation" | "sector" | "specialisms" | "careerStage" | "region" | "meetingFormats" | "timeZone" | "languages" | "hoursPerMonth" | "topics" | "text" | "exclusions" | "capacity") | null;
                                maxPicks: number;
                                options: {
                                    help?: string;
                                    label: string;
                                    /** @description ISO 639-1 code, or ISO 639-3 if none */
                                    value: string;
                                }[];
                                required: boolean;
                                /** @enum {string} */
                                type: "languages";
                            } | {
                                help?: string;
                                id: string;
                                label: string;
                                /** @description The MatchingAttributes field this answer fills, or null (informational, consent) */
                                maps: ("organisation" | "sector" | "specialisms" | "careerStage" | "region" | "meetingFormats" | "timeZone" | "languages" | "hoursPerMonth" | "topics" | "text" | "exclusions" | "capacity") | null;
                                required: boolean;
                                /** @enum {string} */
                                type: "time_zone";
                            } | {
                                help?: string;
                                id: string;
                                label: string;
                                /** @description The MatchingAttributes field this answer fills, or null (informational, consent) */
                                maps: ("organisation" | "sector" | "specialisms" | "careerStage" | "region" | "meetingFormats" | "timeZone" | "languages" | "hoursPerMonth" | "topics" | "text" | "exclusions" | "capacity") | null;
                                maxPicks: number;
                                options: {
                                    help?: string;
                                    label: string;
                                    /** @description What this choice stands for when the question fills a numeric attribute (careerStage, hoursPerMonth, capacity) */
                                    number?: number;
                                    value: string;
                                }[];
                                /** @description The order of the answer is the person’s priority, first = most */
                                ranked: boolean;
                                required: boolean;
                                /** @description The topic list the options come from; mentee and mentor questions must share it */
                                taxonomy: string;
                                /** @enum {string} */
                                type: "topics";
                            } | {
                                help?: string;
                                id: string;
                                label: string;
                                /** @description The MatchingAttributes field this answer fills, or null (informational, consent) */
                                maps: ("organisation" | "sector" | "specialisms" | "careerStage" | "region" | "meetingFormats" | "timeZone" | "languages" | "hoursPerMonth" | "topics" | "text" | "exclusions" | "capacity") | null;
                                required: boolean;
                                /** @enum {string} */
                                type: "yes_no";
                            } | {
                                help?: string;
                                id: string;
                                label: string;
                                /** @description The MatchingAttributes field this answer fills, or null (informational, consent) */
                                maps: ("organisation" | "sector" | "specialisms" | "careerStage" | "region" | "meetingFormats" | "timeZone" | "languages" | "hoursPerMonth" | "topics" | "text" | "exclusions" | "capacity") | null;
                                required: boolean;
                                /** @description What the person agrees to; recorded with their consent. The only valid answer is true. */
                                statement: string;
                                /** @enum {string} */
                                type: "consent";
                            } | {
                                help?: string;
                                id: string;
                                label: string;
                                /** @description The MatchingAttributes field this answer fills, or null (informational, consent) */
                                maps: ("organisation" | "sector" | "specialisms" | "careerStage" | "region" | "meetingFormats" | "timeZone" | "languages" | "hoursPerMonth" | "topics" | "text" | "exclusions" | "capacity") | null;
                                maxItems: number;
                                required: boolean;
                                /** @enum {string} */
                                type: "people";
                            })[];
                            title: string;
                        }[];
                        title: string;
                    };
                };
            };
            responses: {
                /** @description One published version of a programme’s questionnaire for a role. It never changes: answers are stored with the version they were given to and always read against it. */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            definition: components["schemas"]["Questionnaire"];
                            programmeId: string;
                            /** Format: date-time */
                            publishedAt: string;
                            /** Role */
                            role: "mentee" | "mentor";
                            version: number;
                        };
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Payload Too Large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unsupported Media Type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Service Unavailable, for a moment: this instance already has `MAX_IN_FLIGHT_REQUESTS` requests in progress (code `<SERVICE>_OVERLOADED`), another request is changing the same record (`<SERVICE>_BUSY`), or a server it depends on cannot be reached (`<SERVICE>_UNAVAILABLE`). Send the same request again after `Retry-After` seconds (with the same `Idempotency-Key` where the route takes one), to this instance or another. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/programmes/{programmeId}/questionnaires/{role}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read one version of a questionnaire
         * @description A published version, exactly as it was given to people. Open to anyone for a programme that is open or closed, so the questionnaire page can be shown; a draft programme’s questionnaire needs an API key with `programmes:read` (bound to the programme, or admin).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The programme id (`prg_…`) */
                    programmeId: string;
                    /** @description Whose questionnaire: `mentee` or `mentor` */
                    role: "mentee" | "mentor";
                    /** @description The version number */
                    version: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One published version of a programme’s questionnaire for a role. It never changes: answers are stored with the version they were given to and always read against it. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            definition: components["schemas"]["Questionnaire"];
                            programmeId: string;
                            /** Format: date-time */
                            publishedAt: string;
                            /** Role */
                            role: "mentee" | "mentor";
                            version: number;
                        };
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Service Unavailable, for a moment: this instance already has `MAX_IN_FLIGHT_REQUESTS` requests in progress (code `<SERVICE>_OVERLOADED`), another request is changing the same record (`<SERVICE>_BUSY`), or a server it depends on cannot be reached (`<SERVICE>_UNAVAILABLE`). Send the same request again after `Retry-After` seconds (with the same `Idempotency-Key` where the route takes one), to this instance or another. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/programmes/by-slug/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a programme by its slug
         * @description Needs `programmes:read`; a key bound to a programme reads only that one (403 for any other slug, known or not, so a bound key cannot probe which slugs exist).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    slug: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Who runs the programme; mentees and mentors may write to them */
                            coordinator: {
                                /** Format: email */
                                email: string;
                                name: string;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /** @description What the programme is about (plain text) */
                            description: string;
                            /** @description Server-generated */
                            id: string;
                            /** @description `instant`: a match is proposed as soon as a mentee is verified; `mentee_choice`: the mentee picks from `policy.suggestions` mentors; `cohort_round`: everyone is matched at once in a round */
                            matchingMode: "instant" | "mentee_choice" | "cohort_round";
                            /** @description Shown to mentees and mentors */
                            name: string;
                            policy: {
                                hardRules: ("same_organisation" | "named_exclusions" | "previously_declined" | "same_region_for_in_person" | "shared_language")[];
                                proposalTtlDays: number;
                                suggestions: number;
                                weights: {
                                    availability: number;
                                    career_stage: number;
                                    languages: number;
                                    preferences: number;
                                    region_format: number;
                                    sector: number;
                                    text: number;
                                    topics: number;
                                };
                            };
                            /** @description Unique, for URLs */
                            slug: string;
                            /** @description `draft` (being set up, nobody can sign up), `open` (sign-ups and matching), `closed` (no new sign-ups). Transitions: draft → open, open → closed, closed → open. */
                            status: "draft" | "open" | "closed";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Bad Request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Forbidden */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not Found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Service Unavailable, for a moment: this instance already has `MAX_IN_FLIGHT_REQUESTS` requests in progress (code `<SERVICE>_OVERLOADED`), another request is changing the same record (`<SERVICE>_BUSY`), or a server it depends on cannot be reached (`<SERVICE>_UNAVAILABLE`). Send the same request again after `Retry-After` seconds (with the same `Idempotency-Key` where the route takes one), to this instance or another. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness: every dependency answers
         * @description Runs every readiness check (MongoDB ping, Redis ping, Kafka…), each with a timeout. 200 when all pass; 503 with the failing ones otherwise.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every dependency answered */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks: {
                                [key: string]: {
                                    /** @description Why the check failed */
                                    error?: string;
                                    /** @description How long the check took, in milliseconds */
                                    ms: number;
                                    ok: boolean;
                                };
                            };
                            /** @enum {string} */
                            status: "ready";
                        };
                    };
                };
                /** @description At least one dependency failed its check */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            checks: {
                                [key: string]: {
                                    /** @description Why the check failed */
                                    error?: string;
                                    /** @description How long the check took, in milliseconds */
                                    ms: number;
                                    ok: boolean;
                                };
                            };
                            code: string;
                            detail: string;
                            instance: string;
                            /** @enum {number} */
                            status: 503;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Problem: {
            /** @description Stable machine-readable code */
            code: string;
            /** @description What went wrong this time, for a person */
            detail?: string;
            errors?: {
                in: "body" | "query" | "params" | "headers";
                message: string;
                pointer: string;
            }[];
            /** @description The request id, to quote when asking for help */
            instance?: string;
            status: number;
            /** @description Short, human-readable summary of the kind of problem */
            title: string;
            /** @description A URI naming the kind of problem; `about:blank` when only the status matters */
            type: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Profile
         * @example {
         *       "id": "pfl_3hX9kQm2LpVa",
         *       "programmeId": "prg_Yk2mQ8vLr0Tz",
         *       "role": "mentee",
         *       "status": "active",
         *       "displayName": "Priya Shah",
         *       "email": "priya.shah@example.org",
         *       "questionnaire": {
         *         "key": "health-information-default",
         *         "role": "mentee",
         *         "version": 1,
         *         "programmeVersion": 1
         *       },
         *       "answers": {
         *         "organisation": "Leeds Teaching Hospitals NHS Trust",
         *         "sector": "nhs-acute",
         *         "career-stage": "early-career",
         *         "growth-areas": [
         *           "evidence-synthesis",
         *           "literature-searching"
         *         ],
         *         "hopes": "I am the only librarian supporting our trust’s research team and would like to get confident with systematic review searching.",
         *         "meeting-format": "online",
         *         "region": "yorkshire-humber",
         *         "time-zone": "Europe/London",
         *         "languages": [
         *           "en"
         *         ],
         *         "hours-per-month": "about-2",
         *         "consent": true
         *       },
         *       "attributes": {
         *         "organisation": "leeds teaching hospitals nhs trust",
         *         "sector": "nhs-acute",
         *         "specialisms": [],
         *         "careerStage": 2,
         *         "region": "yorkshire-humber",
         *         "meetingFormats": [
         *           "online"
         *         ],
         *         "timeZone": "Europe/London",
         *         "languages": [
         *           "en"
         *         ],
         *         "hoursPerMonth": 2,
         *         "topics": [
         *           "evidence-synthesis",
         *           "literature-searching"
         *         ],
         *         "text": "I am the only librarian supporting our trust’s research team and would like to get confident with systematic review searching.",
         *         "exclusions": []
         *       },
         *       "consent": [
         *         {
         *           "questionId": "consent",
         *           "statement": "I agree that the programme may use my answers to suggest a mentor for me. …",
         *           "givenAt": "2026-11-27T09:12:44.120Z",
         *           "questionnaire": {
         *             "key": "health-information-default",
         *             "role": "mentee",
         *             "version": 1
         *           }
         *         }
         *       ],
         *       "createdAt": "2026-11-27T09:12:44.120Z",
         *       "updatedAt": "2026-11-27T09:15:02.871Z",
         *       "verifiedAt": "2026-11-27T09:15:02.871Z",
         *       "withdrawnAt": null,
         *       "withdrawalReason": null
         *     }
         */
        Profile: {
            /** Answers */
            answers: {
                [key: string]: string | string[] | number | boolean;
            };
            /** @description What matching reads, derived from the answers; null once withdrawn */
            attributes: {
                /** @description Mentors only: mentees at once */
                capacity?: number;
                /** @description 1 student/new entrant … 6 head of service */
                careerStage: number;
                /** @description Normalised emails or names of people this person must not be matched with */
                exclusions: string[];
                hoursPerMonth: number;
                languages: string[];
                meetingFormats: ("online" | "in_person")[];
                /** @description Normalised; no pair from the same organisation */
                organisation: string;
                region: string;
                sector: string;
                specialisms: string[];
                /** @description Mentee: what they want from mentoring. Mentor: bio and what they can offer. */
                text: string;
                /** @description IANA name, e.g. Europe/London */
                timeZone: string;
                /** @description Ranked, most important first: goals for a mentee, expertise for a mentor */
                topics: string[];
            } | null;
            consent: {
                /** Format: date-time */
                givenAt: string;
                questionId: string;
                /** QuestionnaireRef */
                questionnaire: {
                    key: string;
                    /** Role */
                    role: "mentee" | "mentor";
                    version: number;
                };
                /** @description The exact words the person agreed to */
                statement: string;
            }[];
            /** Format: date-time */
            createdAt: string;
            /** @description How the person would like to be addressed; shown to the people they are matched with */
            displayName: string;
            /**
             * Format: email
             * @description Where Belong writes to the person; confirmed by a link before any match email
             */
            email: string;
            /** @description Server-generated */
            id: string;
            programmeId: string;
            questionnaire: {
                key: string;
                /** @description The programme’s version number of the questionnaire (what `questionnaireVersion` names) */
                programmeVersion: number;
                /** Role */
                role: "mentee" | "mentor";
                version: number;
            };
            /** Role */
            role: "mentee" | "mentor";
            /** @description `pending`: submitted, email not confirmed yet (nobody is matched with an unconfirmed address). `active`: confirmed and in the matching pool. `paused`: confirmed, out of the pool for now. `withdrawn`: left the programme; their answers are deleted. */
            status: "pending" | "active" | "paused" | "withdrawn";
            /** Format: date-time */
            updatedAt: string;
            verifiedAt: string | null;
            withdrawalReason: string | null;
            withdrawnAt: string | null;
        };
        /** Questionnaire */
        Questionnaire: {
            intro: string;
            key: string;
            /** Role */
            role: "mentee" | "mentor";
            sections: {
                description?: string;
                id: string;
                questions: ({
                    help?: string;
                    id: string;
                    label: string;
                    /** @description The MatchingAttributes field this answer fills, or null (informational, consent) */
                    maps: ("organisation" | "sector" | "specialisms" | "careerStage" | "region" | "meetingFormats" | "timeZone" | "languages" | "hoursPerMonth" | "topics" | "text" | "exclusions" | "capacity") | null;
                    options: {
                        help?: string;
                        label: string;
                        /** @description What this choice stands for when the question fills a numeric attribute (careerStage, hoursPerMonth, capacity) */
                        number?: number;
                        value: string;
                    }[];
                    required: boolean;
                    /** @enum {string} */
                    type: "single_choice";
                } | {
                    help?: string;
                    id: string;
                    label: string;
                    /** @description The MatchingAttributes field this answer fills, or null (informational, consent) */
                    maps: ("organisation" | "sector" | "specialisms" | "careerStage" | "region" | "meetingFormats" | "timeZone" | "languages" | "hoursPerMonth" | "topics" | "text" | "exclusions" | "capacity") | null;
                    maxPicks: number;
                    options: {
                        help?: string;
                        label: string;
                        /** @description What this choice stands for when the question fills a numeric attribute (careerStage, hoursPerMonth, capacity) */
                        number?: number;
                        value: string;
                    }[];
                    /** @description The order of the answer is the person’s priority, first = most */
                    ranked: boolean;
                    required: boolean;
                    /** @enum {string} */
                    type: "multiple_choice";
                } | {
                    help?: string;
                    id: string;
                    label: string;
                    /** @description The MatchingAttributes field this answer fills, or null (informational, consent) */
                    maps: ("organisation" | "sector" | "specialisms" | "careerStage" | "region" | "meetingFormats" | "timeZone" | "languages" | "hoursPerMonth" | "topics" | "text" | "exclusions" | "capacity") | null;
                    max: number;
                    maxLabel: string;
                    min: number;
                    minLabel: string;
                    required: boolean;
                    /** @enum {string} */
                    type: "scale";
                } | {
                    help?: string;
                    id: string;
                    label: string;
                    /** @description The MatchingAttributes field this answer fills, or null (informational, consent) */
                    maps: ("organisation" | "sector" | "specialisms" | "careerStage" | "region" | "meetingFormats" | "timeZone" | "languages" | "hoursPerMonth" | "topics" | "text" | "exclusions" | "capacity") | null;
                    maxLength: number;
                    required: boolean;
                    /** @enum {string} */
                    type: "short_text";
                } | {
                    help?: string;
                    id: string;
                    label: string;
                    /** @description The MatchingAttributes field this answer fills, or null (informational, consent) */
                    maps: ("organisation" | "sector" | "specialisms" | "careerStage" | "region" | "meetingFormats" | "timeZone" | "languages" | "hoursPerMonth" | "topics" | "text" | "exclusions" | "capacity") | null;
                    maxLength: number;
                    required: boolean;
                    /** @enum {string} */
                    type: "long_text";
                } | {
                    help?: string;
                    id: string;
                    label: string;
                    /** @description The MatchingAttributes field this answer fills, or null (informational, consent) */
                    maps: ("organisation" | "sector" | "specialisms" | "careerStage" | "region" | "meetingFormats" | "timeZone" | "languages" | "hoursPerMonth" | "topics" | "text" | "exclusions" | "capacity") | null;
                    options: {
                        help?: string;
                        label: string;
                        /** @description What this choice stands for when the question fills a numeric attribute (careerStage, hoursPerMonth, capacity) */
                        number?: number;
                        value: string;
                    }[];
                    required: boolean;
                    /** @enum {string} */
                    type: "region";
                } | {
                    help?: string;
                    id: string;
                    label: string;
                    /** @description The MatchingAttributes field this answer fills, or null (informational, consent) */
                    maps: ("organisation" | "sector" | "specialisms" | "careerStage" | "region" | "meetingFormats" | "timeZone" | "languages" | "hoursPerMonth" | "topics" | "text" | "exclusions" | "capacity") | null;
                    maxPicks: number;
                    options: {
                        help?: string;
                        label: string;
                        /** @description ISO 639-1 code, or ISO 639-3 if none */
                        value: string;
                    }[];
                    required: boolean;
                    /** @enum {string} */
                    type: "languages";
                } | {
                    help?: string;
                    id: string;
                    label: string;
                    /** @description The MatchingAttributes field this answer fills, or null (informational, consent) */
                    maps: ("organisation" | "sector" | "specialisms" | "careerStage" | "region" | "meetingFormats" | "timeZone" | "languages" | "hoursPerMonth" | "topics" | "text" | "exclusions" | "capacity") | null;
                    required: boolean;
                    /** @enum {string} */
                    type: "time_zone";
                } | {
                    help?: string;
                    id: string;
                    label: string;
                    /** @description The MatchingAttributes field this answer fills, or null (informational, consent) */
                    maps: ("organisation" | "sector" | "specialisms" | "careerStage" | "region" | "meetingFormats" | "timeZone" | "languages" | "hoursPerMonth" | "topics" | "text" | "exclusions" | "capacity") | null;
                    maxPicks: number;
                    options: {
                        help?: string;
                        label: string;
                        /** @description What this choice stands for when the question fills a numeric attribute (careerStage, hoursPerMonth, capacity) */
                        number?: number;
                        value: string;
                    }[];
                    /** @description The order of the answer is the person’s priority, first = most */
                    ranked: boolean;
                    required: boolean;
                    /** @description The topic list the options come from; mentee and mentor questions must share it */
                    taxonomy: string;
                    /** @enum {string} */
                    type: "topics";
                } | {
                    help?: string;
                    id: string;
                    label: string;
                    /** @description The MatchingAttributes field this answer fills, or null (informational, consent) */
                    maps: ("organisation" | "sector" | "specialisms" | "careerStage" | "region" | "meetingFormats" | "timeZone" | "languages" | "hoursPerMonth" | "topics" | "text" | "exclusions" | "capacity") | null;
                    required: boolean;
                    /** @enum {string} */
                    type: "yes_no";
                } | {
                    help?: string;
                    id: string;
                    label: string;
                    /** @description The MatchingAttributes field this answer fills, or null (informational, consent) */
                    maps: ("organisation" | "sector" | "specialisms" | "careerStage" | "region" | "meetingFormats" | "timeZone" | "languages" | "hoursPerMonth" | "topics" | "text" | "exclusions" | "capacity") | null;
                    required: boolean;
                    /** @description What the person agrees to; recorded with their consent. The only valid answer is true. */
                    statement: string;
                    /** @enum {string} */
                    type: "consent";
                } | {
                    help?: string;
                    id: string;
                    label: string;
                    /** @description The MatchingAttributes field this answer fills, or null (informational, consent) */
                    maps: ("organisation" | "sector" | "specialisms" | "careerStage" | "region" | "meetingFormats" | "timeZone" | "languages" | "hoursPerMonth" | "topics" | "text" | "exclusions" | "capacity") | null;
                    maxItems: number;
                    required: boolean;
                    /** @enum {string} */
                    type: "people";
                })[];
                title: string;
            }[];
            title: string;
            version: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
