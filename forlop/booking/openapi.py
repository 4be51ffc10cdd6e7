"""The OpenAPI 3.0 document for /api/v1/, written by hand next to the views in api.py.

Hand-written because the API is four plain Django views; tests/test_api_schema.py runs schemathesis against
the live views with this document, so a drift between the two fails the suite.
"""

from django.conf import settings

MAX_RANGE_DAYS = 31

_SLUG = {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$", "maxLength": 80}
_TOKEN = {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$", "maxLength": 64}
_INSTANT = {"type": "string", "format": "date-time", "description": "UTC, e.g. 2026-03-03T09:00:00Z"}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error(description: str) -> dict:
    return _json(_ref("Error"), description)


_COMMON_ERRORS = {
    "405": _error("Method not allowed (code `method_not_allowed`)."),
    "429": {
        **_error("Too many requests from this address (code `rate_limited`)."),
        "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}},
    },
}

SCHEMAS: dict = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {
                        "type": "string",
                        "enum": [
                            "validation_error",
                            "not_found",
                            "slot_taken",
                            "outside_availability",
                            "hold_expired",
                            "rate_limited",
                            "method_not_allowed",
                        ],
                    },
                    "message": {"type": "string", "description": "Norwegian, for people."},
                    "fields": {
                        "type": "object",
                        "description": "Per input field (body field, query parameter or header): messages.",
                        "additionalProperties": {"type": "array", "items": {"type": "string"}},
                    },
                },
            }
        },
    },
    "ConsultationType": {
        "type": "object",
        "required": ["slug", "name", "description", "duration_minutes", "price_ore", "mode"],
        "properties": {
            "slug": {"type": "string"},
            "name": {"type": "string"},
            "description": {"type": "string"},
            "duration_minutes": {"type": "integer", "minimum": 1},
            "price_ore": {"type": "integer", "minimum": 0, "description": "This therapist's price, in øre."},
            "mode": {"type": "string", "enum": ["video", "in_person"]},
        },
    },
    "Therapist": {
        "type": "object",
        "required": [
            "slug",
            "name",
            "title",
            "profession",
            "languages",
            "meeting_modes",
            "place",
            "profile_url",
            "booking_url",
            "consultation_types",
        ],
        "properties": {
            "slug": {"type": "string"},
            "name": {"type": "string"},
            "title": {"type": "string"},
            "profession": {"type": "string"},
            "languages": {"type": "array", "items": {"type": "string"}},
            "meeting_modes": {"type": "array", "items": {"type": "string"}},
            "place": {"type": "string"},
            "profile_url": {"type": "string"},
            "booking_url": {"type": "string"},
            "consultation_types": {"type": "array", "items": _ref("ConsultationType")},
        },
    },
    "Slot": {
        "type": "object",
        "required": ["start", "end", "local_start"],
        "properties": {
            "start": _INSTANT,
            "end": _INSTANT,
            "local_start": {
                "type": "string",
                "format": "date-time",
                "description": "Europe/Oslo wall clock.",
            },
        },
    },
    "Slots": {
        "type": "object",
        "required": ["therapist", "type", "from", "to", "time_zone", "slots"],
        "properties": {
            "therapist": {"type": "string"},
            "type": {"type": "string"},
            "from": {"type": "string", "format": "date"},
            "to": {"type": "string", "format": "date"},
            "time_zone": {"type": "string", "enum": ["Europe/Oslo"]},
            "slots": {"type": "array", "items": _ref("Slot")},
        },
    },
    "HoldRequest": {
        "type": "object",
        "required": ["therapist", "type", "start"],
        "properties": {
            "therapist": {**_SLUG, "description": "The therapist's slug."},
            "type": {**_SLUG, "description": "A consultation type's slug the therapist offers."},
            "start": {**_INSTANT, "description": "A slot's `start`, as returned by the slots endpoint."},
        },
    },
    "Hold": {
        "type": "object",
        "required": ["hold"],
        "properties": {
            "hold": {
                "type": "object",
                "required": ["token", "therapist", "type", "start", "end", "expires_at", "price_ore"],
                "properties": {
                    "token": {"type": "string", "description": "Pass to the confirm endpoint."},
                    "therapist": {"type": "string"},
                    "type": {"type": "string"},
                    "start": _INSTANT,
                    "end": _INSTANT,
                    "expires_at": {**_INSTANT, "nullable": True},
                    "price_ore": {"type": "integer", "minimum": 0},
                },
            }
        },
    },
    "ConfirmRequest": {
        "type": "object",
        "required": ["name", "email", "consent"],
        "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": 120},
            "email": {"type": "string", "format": "email", "maxLength": 254},
            "phone": {"type": "string", "maxLength": 30, "description": "Optional; Norwegian or +country."},
            "note": {"type": "string", "maxLength": 1000, "description": "Shown to the therapist only."},
            "consent": {
                "type": "boolean",
                "enum": [True],
                "description": "The person agreed that the practice stores these details for the booking.",
            },
        },
    },
    "Booking": {
        "type": "object",
        "required": ["booking"],
        "properties": {
            "booking": {
                "type": "object",
                "required": ["status", "therapist", "type", "start", "end", "price_ore"],
                "properties": {
                    "status": {"type": "string", "enum": ["confirmed"]},
                    "therapist": {"type": "string"},
                    "type": {"type": "string"},
                    "start": _INSTANT,
                    "end": _INSTANT,
                    "price_ore": {"type": "integer", "minimum": 0},
                },
            }
        },
    },
}

_DESCRIPTION = f"""Book consultations with Forløp's therapists.

1. `GET /api/v1/therapists` lists therapists and the consultation types each offers.
2. `GET /api/v1/therapists/{{slug}}/slots?type=…&from=…&to=…` lists free times (at most {MAX_RANGE_DAYS} days).
3. `POST /api/v1/holds` holds one of those times for a few minutes and returns a token.
4. `POST /api/v1/holds/{{token}}/confirm` with the person's details books it; the confirmation, calendar
   invitation and the link to move or cancel go to the person's email.

No double booking is possible: a lost race answers 409 `slot_taken`. Errors always have a stable `code`.
Requests are rate-limited per address (429 `rate_limited`). No cookies or API keys are used."""


def document() -> dict:
    return {
        "openapi": "3.0.3",
        "info": {"title": "Forløp timebestilling", "version": "1.0.0", "description": _DESCRIPTION},
        "servers": [{"url": "/"}],
        "paths": {
            "/api/v1/therapists": {
                "get": {
                    "operationId": "listTherapists",
                    "summary": "Published therapists and the consultation types they offer",
                    "responses": {
                        "200": _json(
                            {
                                "type": "object",
                                "required": ["therapists"],
                                "properties": {"therapists": {"type": "array", "items": _ref("Therapist")}},
                            },
                            "The therapists.",
                        ),
                        **_COMMON_ERRORS,
                    },
                }
            },
            "/api/v1/therapists/{slug}/slots": {
                "get": {
                    "operationId": "listSlots",
                    "summary": "Free times of one therapist for one consultation type",
                    "parameters": [
                        {"name": "slug", "in": "path", "required": True, "schema": _SLUG},
                        {"name": "type", "in": "query", "required": True, "schema": _SLUG},
                        {
                            "name": "from",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "format": "date"},
                            "description": "First Oslo date (default today).",
                        },
                        {
                            "name": "to",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "format": "date"},
                            "description": f"Last Oslo date, inclusive (default from + 6 days; at most "
                            f"{MAX_RANGE_DAYS} days in all).",
                        },
                    ],
                    "responses": {
                        "200": _json(_ref("Slots"), "Free slots, earliest first."),
                        "400": _error("Bad parameters (code `validation_error`)."),
                        "404": _error("No published therapist with this slug (code `not_found`)."),
                        **_COMMON_ERRORS,
                    },
                }
            },
            "/api/v1/holds": {
                "post": {
                    "operationId": "createHold",
                    "summary": f"Hold a free time for {settings.BOOKING_HOLD_MINUTES} minutes",
                    "parameters": [
                        {
                            "name": "Idempotency-Key",
                            "in": "header",
                            "required": False,
                            "schema": {"type": "string", "maxLength": 80},
                            "description": "Repeating a request with the same key returns the same hold.",
                        }
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("HoldRequest")}},
                    },
                    "responses": {
                        "201": _json(_ref("Hold"), "The time is held."),
                        "400": _error("Bad input (code `validation_error`)."),
                        "404": _error("No published therapist with this slug (code `not_found`)."),
                        "409": _error("Someone else has this time (code `slot_taken`)."),
                        "422": _error("Not a bookable time (code `outside_availability`)."),
                        **_COMMON_ERRORS,
                    },
                }
            },
            "/api/v1/holds/{token}/confirm": {
                "post": {
                    "operationId": "confirmHold",
                    "summary": "Book the held time",
                    "parameters": [{"name": "token", "in": "path", "required": True, "schema": _TOKEN}],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("ConfirmRequest")}},
                    },
                    "responses": {
                        "201": _json(_ref("Booking"), "Booked; emails are on their way."),
                        "200": _json(_ref("Booking"), "Already booked by an earlier request (same hold)."),
                        "400": _error("Bad input (code `validation_error`)."),
                        "404": _error("No hold with this token (code `not_found`)."),
                        "410": _error("The hold ran out (code `hold_expired`): hold the time again."),
                        **_COMMON_ERRORS,
                    },
                }
            },
            "/api/v1/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document",
                    "responses": {
                        "200": {"description": "OpenAPI 3.0 document.", "content": {"application/json": {}}},
                        **_COMMON_ERRORS,
                    },
                }
            },
        },
        "components": {"schemas": SCHEMAS},
    }
