// Generated from docs/api/notification.openapi.yaml by openapi-typescript: do not edit. Regenerate with
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
    "/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List notifications (the delivery log)
         * @description Newest first, with cursor pagination. Filter by `recipientId`, `eventId`, `status`, `template` or `programmeId`. A key bound to a programme sees only that programme’s emails (naming another is a 403 `AUTH_FORBIDDEN_PROGRAMME`). Needs `notifications:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    /** @description Only emails caused by this event */
                    eventId?: string;
                    /** @description Items per page */
                    limit?: number;
                    /** @description Only this programme (a bound key sees only its own) */
                    programmeId?: string;
                    /** @description Only emails to this person (profile id) */
                    recipientId?: string;
                    /** @description `pending`: waiting to be sent or retried (see `nextAttemptAt`). `sent`: the SMTP server accepted it. `failed`: refused for good (5xx) or given up after the retry window (see `failure`). `suppressed`: an optional email the person turned off. `erased`: the person was erased; nothing personal is left. */
                    status?: "pending" | "sent" | "failed" | "suppressed" | "erased";
                    /** @description Which email it is (see docs/notification.md) */
                    template?: "verification" | "match-proposed-mentee" | "match-proposed-mentor" | "match-waiting" | "match-introduction" | "match-declined" | "match-expired" | "match-ended" | "match-reminder" | "profile-withdrawn" | "profile-erased" | "round-summary";
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
                            items: components["schemas"]["Notification"][];
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
    "/notifications/{notificationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read one notification
         * @description With its attempts (SMTP replies) and failure reason. A key bound to another programme gets a 404. Needs `notifications:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    notificationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One email to one person, caused by one event, from one template, and what became of it. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Notification"];
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
    "/notifications/{notificationId}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a notification again (admin)
         * @description Queues a copy of a sent, failed or suppressed email with a new id and Message-ID (`resendOf` names the original) and answers it (202). Its links are the original’s: a link that has expired since stays expired. Optional emails still honour the person’s preferences. A pending one is already on its way and an erased one has no content left: 409 `NOTIF_CANNOT_RESEND`. Needs `admin`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    notificationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One email to one person, caused by one event, from one template, and what became of it. */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Notification"];
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
    "/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read my email choices (JSON)
         * @description For the person’s own pages: the optional emails they get from the programme of the link.
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
                        /**
                         * @example {
                         *       "reminders": false,
                         *       "summaries": true
                         *     }
                         */
                        "application/json": {
                            /** @description Reminders before a match suggestion expires */
                            reminders: boolean;
                            /** @description Round summaries (coordinators) */
                            summaries: boolean;
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
        /**
         * Change my email choices (JSON)
         * @description Only the fields sent change. Mandatory emails are not listed: they cannot be turned off.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reminders?: boolean;
                        summaries?: boolean;
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
                        /**
                         * @example {
                         *       "reminders": false,
                         *       "summaries": true
                         *     }
                         */
                        "application/json": {
                            /** @description Reminders before a match suggestion expires */
                            reminders: boolean;
                            /** @description Round summaries (coordinators) */
                            summaries: boolean;
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
    "/programmes/{programmeId}/people/{profileId}/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a person’s email choices
         * @description Needs `notifications:read` for the programme.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    profileId: string;
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
                        /**
                         * @example {
                         *       "reminders": false,
                         *       "summaries": true
                         *     }
                         */
                        "application/json": {
                            /** @description Reminders before a match suggestion expires */
                            reminders: boolean;
                            /** @description Round summaries (coordinators) */
                            summaries: boolean;
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
         * Change a person’s email choices
         * @description E.g. when someone asks the coordinator by phone. Needs `notifications:write` for the programme.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    profileId: string;
                    programmeId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reminders?: boolean;
                        summaries?: boolean;
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
                        /**
                         * @example {
                         *       "reminders": false,
                         *       "summaries": true
                         *     }
                         */
                        "application/json": {
                            /** @description Reminders before a match suggestion expires */
                            reminders: boolean;
                            /** @description Round summaries (coordinators) */
                            summaries: boolean;
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
        trace?: never;
    };
    "/programmes/{programmeId}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook endpoints
         * @description Newest first, with cursor pagination; secrets are never shown again. Needs `notifications:read`.
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
                            items: components["schemas"]["WebhookEndpoint"][];
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
         * Register a webhook endpoint
         * @description Deliveries of the chosen event types in this programme are POSTed to `url`, signed (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>`). The `secret` is in this answer only (`Cache-Control: no-store`). Needs `notifications:write` for the programme.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    programmeId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        /** @description The event types to receive (see docs/events.md). `belong.profile.submitted.v1` is not offered: it carries the single-use confirmation link. */
                        eventTypes: ("belong.programme.changed.v1" | "belong.profile.verified.v1" | "belong.profile.updated.v1" | "belong.profile.withdrawn.v1" | "belong.profile.erased.v1" | "belong.match.proposed.v1" | "belong.match.accepted.v1" | "belong.match.declined.v1" | "belong.match.expired.v1" | "belong.match.ended.v1" | "belong.round.completed.v1" | "belong.notification.sent.v1" | "belong.notification.failed.v1")[];
                        /** @description Where deliveries are POSTed; https (http only where the deployment allows it) */
                        url: string;
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
                            endpoint: components["schemas"]["WebhookEndpoint"];
                            /** @description Shown once: `whsec_` + base64 of 32 bytes. Verify every delivery with it (docs/notification.md). */
                            secret: string;
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
    "/programmes/{programmeId}/webhooks/{webhookId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a webhook endpoint
         * @description Including why it was disabled, if it was. Needs `notifications:read`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    programmeId: string;
                    webhookId: string;
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
                        "application/json": components["schemas"]["WebhookEndpoint"];
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
         * Delete a webhook endpoint
         * @description Pending deliveries are cancelled. Needs `notifications:write`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    programmeId: string;
                    webhookId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
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
         * Change, disable or re-enable a webhook endpoint
         * @description Only the fields sent change. Needs `notifications:write`.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    programmeId: string;
                    webhookId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        /** @description false disables; true re-enables (and clears the failure streak) */
                        enabled?: boolean;
                        /** @description The event types to receive (see docs/events.md). `belong.profile.submitted.v1` is not offered: it carries the single-use confirmation link. */
                        eventTypes?: ("belong.programme.changed.v1" | "belong.profile.verified.v1" | "belong.profile.updated.v1" | "belong.profile.withdrawn.v1" | "belong.profile.erased.v1" | "belong.match.proposed.v1" | "belong.match.accepted.v1" | "belong.match.declined.v1" | "belong.match.expired.v1" | "belong.match.ended.v1" | "belong.round.completed.v1" | "belong.notification.sent.v1" | "belong.notification.failed.v1")[];
                        /** @description Where deliveries are POSTed; https (http only where the deployment allows it) */
                        url?: string;
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
                        "application/json": components["schemas"]["WebhookEndpoint"];
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
        trace?: never;
    };
    "/programmes/{programmeId}/webhooks/{webhookId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The delivery log of an endpoint
         * @description Newest first, with each attempt’s HTTP status (or why there was none), duration and the next retry. Needs `notifications:read`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    /** @description Items per page */
                    limit?: number;
                    status?: "pending" | "delivered" | "failed" | "cancelled";
                };
                header?: never;
                path: {
                    programmeId: string;
                    webhookId: string;
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
                                attempts: number;
                                /** Format: date-time */
                                createdAt: string;
                                deliveredAt: string | null;
                                endpointId: string;
                                /** @description Also the `webhook-id` header: the same on every retry */
                                eventId: string;
                                eventType: string;
                                failedAt: string | null;
                                history: {
                                    /** Format: date-time */
                                    at: string;
                                    durationMs: number;
                                    error: string | null;
                                    status: number | null;
                                }[];
                                id: string;
                                nextAttemptAt: string | null;
                                reason: string | null;
                                status: "pending" | "delivered" | "failed" | "cancelled";
                            }[];
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
    "/unsubscribe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The email choices page (HTML)
         * @description The page the unsubscribe link in every email opens: which optional emails the person gets from this programme (reminders; summaries for coordinators), a button to turn them all off, and why some emails cannot be turned off. Server-rendered, works without JavaScript. Opening it changes nothing. An invalid or expired link answers an HTML page saying so (401/403).
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
                /** @description The email choices page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
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
                /** @description No link, or one that does not work or has expired: a page saying so */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
                /** @description A link for something else: a page saying so */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
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
         * One-click unsubscribe (RFC 8058), or save the choices page
         * @description A mail client’s one-click POST (`List-Unsubscribe=One-Click`, form-urlencoded or multipart) turns every optional email of the programme off and answers 200. The choices page posts `action=save` with the boxes ticked (`reminders=on`, `summaries=on`), or `action=unsubscribe-all`; it answers the page again.
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
                /** @description The email choices page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
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
                /** @description No link, or one that does not work or has expired: a page saying so */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
                /** @description A link for something else: a page saying so */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
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
        /**
         * Notification
         * @description One email to one person, caused by one event, from one template, and what became of it.
         * @example {
         *       "id": "ntf_q3b1H0yKc9Lx2mZs8TfA1w",
         *       "eventId": "6b1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
         *       "eventType": "belong.match.proposed.v1",
         *       "template": "match-proposed-mentee",
         *       "category": null,
         *       "programmeId": "prg_Yk2mQ8vLr0Tz",
         *       "recipient": {
         *         "profileId": "pfl_3hX9kQm2LpVa",
         *         "name": "Priya Shah",
         *         "email": "priya.shah@example.org"
         *       },
         *       "subject": "We have suggested a mentor for you: Dr Sam Okafor",
         *       "messageId": "<ntf_q3b1H0yKc9Lx2mZs8TfA1w@belong.example>",
         *       "status": "sent",
         *       "attempts": 2,
         *       "history": [
         *         {
         *           "at": "2026-11-27T09:17:42.010Z",
         *           "outcome": "temporary",
         *           "detail": "ECONNECTION: connect ECONNREFUSED 10.0.0.5:587"
         *         },
         *         {
         *           "at": "2026-11-27T09:17:44.300Z",
         *           "outcome": "sent",
         *           "detail": "250 2.0.0 Ok: queued"
         *         }
         *       ],
         *       "nextAttemptAt": null,
         *       "failure": null,
         *       "resendOf": null,
         *       "createdAt": "2026-11-27T09:17:42.000Z",
         *       "updatedAt": "2026-11-27T09:17:44.310Z",
         *       "sentAt": "2026-11-27T09:17:44.300Z",
         *       "failedAt": null
         *     }
         */
        Notification: {
            /** @description SMTP attempts so far */
            attempts: number;
            category: ("reminders" | "summaries") | null;
            /** Format: date-time */
            createdAt: string;
            /** @description The event that caused it (`reminder:<matchId>:…` for reminders) */
            eventId: string;
            eventType: string;
            failedAt: string | null;
            failure: {
                permanent: boolean;
                reason: string;
            } | null;
            /** @description The last 20 attempts */
            history: {
                /** Format: date-time */
                at: string;
                /** @description The SMTP server’s reply, or the connection error */
                detail: string;
                outcome: "sent" | "temporary" | "permanent" | "suppressed" | "expired";
            }[];
            /** @description Deterministic: a hash of the event id, the recipient and the template */
            id: string;
            /** @description The Message-ID header, `<id@domain>` */
            messageId?: string;
            nextAttemptAt: string | null;
            programmeId: string;
            recipient: {
                email?: string;
                name?: string;
                profileId: string | null;
            };
            resendOf: string | null;
            sentAt: string | null;
            /** @description `pending`: waiting to be sent or retried (see `nextAttemptAt`). `sent`: the SMTP server accepted it. `failed`: refused for good (5xx) or given up after the retry window (see `failure`). `suppressed`: an optional email the person turned off. `erased`: the person was erased; nothing personal is left. */
            status: "pending" | "sent" | "failed" | "suppressed" | "erased";
            subject?: string;
            /** @description Which email it is (see docs/notification.md) */
            template: "verification" | "match-proposed-mentee" | "match-proposed-mentor" | "match-waiting" | "match-introduction" | "match-declined" | "match-expired" | "match-ended" | "match-reminder" | "profile-withdrawn" | "profile-erased" | "round-summary";
            /** Format: date-time */
            updatedAt: string;
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
        /**
         * WebhookEndpoint
         * @example {
         *       "id": "whk_Qm2LpVa3hX9k",
         *       "programmeId": "prg_Yk2mQ8vLr0Tz",
         *       "url": "https://crm.example.org/hooks/belong",
         *       "description": "Our CRM",
         *       "eventTypes": [
         *         "belong.match.accepted.v1",
         *         "belong.notification.failed.v1"
         *       ],
         *       "status": "active",
         *       "disabledReason": null,
         *       "disabledAt": null,
         *       "failureStreak": 0,
         *       "failingSince": null,
         *       "lastFailure": null,
         *       "createdAt": "2026-11-27T09:00:00.000Z",
         *       "updatedAt": "2026-11-27T09:00:00.000Z"
         *     }
         */
        WebhookEndpoint: {
            /** Format: date-time */
            createdAt: string;
            description: string;
            disabledAt: string | null;
            disabledReason: string | null;
            eventTypes: string[];
            failingSince: string | null;
            /** @description Failed attempts in a row */
            failureStreak: number;
            id: string;
            lastFailure: string | null;
            programmeId: string;
            /** @description `disabled`: after a long run of failures (`disabledReason`) or by the integrator; PATCH `enabled: true` to resume */
            status: "active" | "disabled";
            /** Format: date-time */
            updatedAt: string;
            url: string;
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
