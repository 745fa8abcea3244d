// Generated from docs/api/matching.openapi.yaml by openapi-typescript: do not edit. Regenerate with
// `pnpm --filter @belong/api-client generate`.
export interface paths {
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
    "/matches/{matchId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a match with its explanation
         * @description With the link from a match email (`respond-match`, for this match only) or a key with `matches:read` (a key of another programme gets a 404).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The match id (`mtc_…`) */
                    matchId: string;
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
                        "application/json": components["schemas"]["Match"];
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
    "/matches/{matchId}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept a proposed match
         * @description Records this side’s yes (`match.accepted`); when both sides have said yes the match is `active` and contact details may be shared. Saying yes twice changes nothing. With the link from the email (the side is the person’s) or a key with `matches:write` answering `as` a side. A closed match answers 409 `MATCH_NOT_OPEN`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The match id (`mtc_…`) */
                    matchId: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @description With an API key only: which side the coordinator or integrator answers for */
                        as?: "mentee" | "mentor";
                        /** @description Why (declining only); shared with the coordinator only */
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
                        "application/json": components["schemas"]["Match"];
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
    "/matches/{matchId}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decline a proposed match
         * @description Closes the match (`match.declined`); this pair is never proposed again, and in instant mode the mentee is matched again straight away. Declining twice changes nothing. With the link from the email (the side is the person’s) or a key with `matches:write` answering `as` a side. A closed match answers 409 `MATCH_NOT_OPEN`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The match id (`mtc_…`) */
                    matchId: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @description With an API key only: which side the coordinator or integrator answers for */
                        as?: "mentee" | "mentor";
                        /** @description Why (declining only); shared with the coordinator only */
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
                        "application/json": components["schemas"]["Match"];
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
    "/matches/{matchId}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End a match (coordinator)
         * @description Ends a proposed or active match with a reason (`match.ended`, by `coordinator`), frees the mentor’s place and writes the audit log. Ending an ended match changes nothing. Needs `matches:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The match id (`mtc_…`) */
                    matchId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "reason": "The mentee asked for a mentor nearer home."
                     *     }
                     */
                    "application/json": {
                        /** @description Kept in the audit log */
                        reason: string;
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
                        "application/json": components["schemas"]["Match"];
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
    "/programmes/{programmeId}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The coordinators’ audit log
         * @description Every match made or ended by hand, newest first, with who (API key id) and why.
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
                            items: {
                                action: "create_match" | "end_match";
                                /** Format: date-time */
                                at: string;
                                /** @description The API key id that acted */
                                by: string;
                                id: string;
                                matchId: string;
                                programmeId: string;
                                reason: string;
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
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/programmes/{programmeId}/matches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a programme’s matches
         * @description In id order, filtered by status, mentee, mentor or round; `nextCursor` for the next page. Needs `matches:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    /** @description Items per page */
                    limit?: number;
                    menteeId?: string;
                    mentorId?: string;
                    roundId?: string;
                    /** @description `proposed` (nobody answered), `awaiting_mentee` / `awaiting_mentor` (one side accepted), `active` (both accepted: contact details shared), `declined`, `expired` (nobody answered in time), `ended` (by a person, a coordinator, or withdrawal/erasure). */
                    status?: "proposed" | "awaiting_mentee" | "awaiting_mentor" | "active" | "declined" | "expired" | "ended";
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
                            items: components["schemas"]["Match"][];
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
         * Match two people by hand (coordinator)
         * @description Proposes this pair (`mode: manual`, `match.proposed`) with its score and explanation, whatever the optional rules say. Still required: both active in this programme, the right roles, a free place with the mentor, no open match for the mentee (409 otherwise). The reason goes to the audit log. Needs `matches:write`.
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
                     *       "menteeId": "pfl_3hX9kQm2LpVa",
                     *       "mentorId": "pfl_Qm7x2LkPa9Zw",
                     *       "reason": "They met at the conference and asked."
                     *     }
                     */
                    "application/json": {
                        menteeId: string;
                        mentorId: string;
                        /** @description Kept in the audit log */
                        reason: string;
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
                        "application/json": components["schemas"]["Match"];
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
    "/programmes/{programmeId}/matches.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export a programme’s matches as CSV
         * @description One row per match: ids, status, mode, score, the summary of the explanation and the dates. Fields that a spreadsheet would run as a formula are defused. Needs `matches:read`.
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
                /** @description The matches as CSV, header row first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
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
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/programmes/{programmeId}/mentees/{menteeId}/choose": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Choose a suggested mentor (mentee choice)
         * @description Proposes the chosen mentor (`mode: mentee_choice`): the mentee has said yes by choosing, so the match waits for the mentor. The mentor must be among the current suggestions (409 otherwise).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    menteeId: string;
                    /** @description The programme id (`prg_…`) */
                    programmeId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "mentorId": "pfl_Qm7x2LkPa9Zw"
                     *     }
                     */
                    "application/json": {
                        /** @description One of the suggested mentors */
                        mentorId: string;
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
                        "application/json": components["schemas"]["Match"];
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
    "/programmes/{programmeId}/mentees/{menteeId}/suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Suggested mentors for a mentee (mentee choice)
         * @description The programme’s `policy.suggestions` best eligible mentors with a free place, each with the reasons. With the mentee’s own link (`manage-profile`) or a key with `matches:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    menteeId: string;
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
                            menteeId: string;
                            /** @description Why there are no (or fewer) suggestions, in words */
                            reason: string | null;
                            suggestions: {
                                /** @description The mentor’s name as they gave it */
                                displayName: string;
                                /** MatchExplanation */
                                explanation: {
                                    criteria: {
                                        /** @description weight × similarity, normalised; they add up to score */
                                        contribution: number;
                                        /** @description e.g. topics, sector, career_stage */
                                        criterion: string;
                                        forMentee: string;
                                        forMentor: string;
                                        label: string;
                                        similarity: number;
                                        weight: number;
                                    }[];
                                    summary: string;
                                };
                                mentorId: string;
                                score: number;
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
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/programmes/{programmeId}/rounds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a cohort round (preview)
         * @description Matches every active mentee without an open match at once: the provably optimal total score under mentor capacities (or the stable variant), with its quality report. Nothing is proposed until you publish. One round per programme at a time (409 `MATCH_ROUND_IN_PROGRESS`). Needs `matches:write`.
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
                    "application/json": {
                        /**
                         * @description First match as many mentees as possible, then the best total
                         * @default false
                         */
                        maximiseMatched?: boolean;
                        /**
                         * @description A stable matching (no blocking pair) instead of the optimum
                         * @default false
                         */
                        stable?: boolean;
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
                        "application/json": components["schemas"]["Round"];
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
    "/rounds/{roundId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a round: report, proposals, publishing progress */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The round id (`rnd_…`) */
                    roundId: string;
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
                        "application/json": components["schemas"]["Round"];
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
    "/rounds/{roundId}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish a previewed round
         * @description Proposes every pair of the preview (`match.proposed` each, then `round.completed` with `published: true`). A pair that can no longer be made is skipped with the reason (`progress.skipped`). Only a round in `preview` can be published (409). Needs `matches:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The round id (`rnd_…`) */
                    roundId: string;
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
                        "application/json": components["schemas"]["Round"];
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
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** Match */
        Match: {
            closedAt: string | null;
            closedBy: ("mentee" | "mentor" | "coordinator" | "system") | null;
            closeReason: string | null;
            /** Format: date-time */
            expiresAt: string;
            /** MatchExplanation */
            explanation: {
                criteria: {
                    /** @description weight × similarity, normalised; they add up to score */
                    contribution: number;
                    /** @description e.g. topics, sector, career_stage */
                    criterion: string;
                    forMentee: string;
                    forMentor: string;
                    label: string;
                    similarity: number;
                    weight: number;
                }[];
                summary: string;
            };
            /** @description Server-generated (`mtc_…`) */
            id: string;
            menteeAcceptedAt: string | null;
            menteeId: string;
            mentorAcceptedAt: string | null;
            mentorId: string;
            /** @description How it was made; `manual` by a coordinator */
            mode: "instant" | "mentee_choice" | "cohort_round" | "manual";
            programmeId: string;
            /** Format: date-time */
            proposedAt: string;
            roundId: string | null;
            score: number;
            /** @description `proposed` (nobody answered), `awaiting_mentee` / `awaiting_mentor` (one side accepted), `active` (both accepted: contact details shared), `declined`, `expired` (nobody answered in time), `ended` (by a person, a coordinator, or withdrawal/erasure). */
            status: "proposed" | "awaiting_mentee" | "awaiting_mentor" | "active" | "declined" | "expired" | "ended";
        };
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
        /** Round */
        Round: {
            /** Format: date-time */
            createdAt: string;
            id: string;
            /** @description `optimal`: the highest total score (min-cost flow, provably optimal); `optimal_max_matched`: first the most mentees matched, then the highest total; `stable`: mentee-proposing deferred acceptance (no blocking pair) */
            method: "optimal" | "optimal_max_matched" | "stable";
            options: {
                maximiseMatched: boolean;
                stable: boolean;
            };
            programmeId: string;
            progress: {
                done: number;
                proposed: number;
                skipped: {
                    menteeId: string;
                    reason: string;
                }[];
                total: number;
            } | null;
            proposals: {
                menteeId: string;
                mentorId: string;
                score: number;
            }[];
            publishedAt: string | null;
            rates: {
                matchedPercent: number;
                mentorsUsedPercent: number;
            };
            /** @description The quality report: how many matched, mentor load, scores, and who is unmatched and why */
            report: {
                /** @description Pairs who would both rather have each other than what they got */
                blockingPairs: number;
                load: {
                    max: number;
                    mean: number;
                    min: number;
                    stdev: number;
                };
                mentees: number;
                menteesMatched: number;
                mentors: number;
                mentorsUsed: number;
                score: {
                    mean: number;
                    median: number;
                    min: number;
                };
                unmatched: {
                    menteeId: string;
                    reason: string;
                }[];
            };
            /** @description `preview`: computed, nothing proposed; `publishing`: proposing (see `progress`); `published` */
            status: "preview" | "publishing" | "published";
            totalScore: number;
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
