"""The OpenAPI 3.0 document for /api/v1/, and reading JSON into the forms it is written from.

The inputs are defined once, as the Django forms in forms.py (HoldRequestForm, SlotsQueryForm, DetailsForm):
api.py validates with them, and the request schemas here are written from their fields (types, lengths,
patterns, enums, formats, required), so the document cannot allow what the code refuses, nor the other way
round (it once allowed an 80-character `type` the code refused above 60). `bind_json` checks a body's JSON
types by the same mapping before the form sees it. The responses are written by hand next to the views;
tests/test_api_schema.py runs schemathesis against the live views with this document, statelessly and
through its links (therapists → slots → hold → confirm), so a drift between the two fails the suite.
"""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _

from .forms import DetailsForm, HoldRequestForm, SlotsQueryForm

MAX_RANGE_DAYS = 31
IDEMPOTENCY_MAX = 80

# Every `code` an error can carry. A new one must be added here, or the schema tests fail.
ERROR_CODES = [
    "validation_error",
    "not_found",
    "method_not_allowed",
    "payload_too_large",
    "slot_taken",
    "outside_availability",
    "hold_expired",
    "already_confirmed",
    "rate_limited",
    "server_error",
    "unavailable",
]

_SLUG_PATTERN = "^[-a-zA-Z0-9_]+$"  # Django's validate_slug
_TOKEN = {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$", "maxLength": 64}
_INSTANT = {"type": "string", "format": "date-time", "description": "UTC, e.g. 2026-03-03T09:00:00Z"}


# --- forms → JSON Schema ------------------------------------------------------------------------------------


def field_schema(field: forms.Field) -> dict:
    """The JSON Schema of one form field's value."""
    if isinstance(field, forms.BooleanField):
        # A required checkbox must be ticked: Django's BooleanField refuses False when required.
        return {"type": "boolean", "enum": [True]} if field.required else {"type": "boolean"}
    schema: dict[str, Any] = {"type": "string"}
    if isinstance(field, forms.ChoiceField):
        schema["enum"] = [str(value) for value, _label in list(field.choices) if value != ""]  # type: ignore[arg-type]
    if isinstance(field, forms.SlugField):
        schema["pattern"] = _SLUG_PATTERN
    if isinstance(field, forms.EmailField):
        schema["format"] = "email"
    elif isinstance(field, forms.DateField):
        schema["format"] = "date"
    elif getattr(field, "json_format", None):
        schema["format"] = field.json_format  # type: ignore[attr-defined]
    if getattr(field, "max_length", None):
        schema["maxLength"] = field.max_length  # type: ignore[attr-defined]
    if field.required and "enum" not in schema:
        schema["minLength"] = max(1, getattr(field, "min_length", None) or 0)
    return schema


def form_schema(form: forms.Form, descriptions: dict[str, str]) -> dict:
    """An object schema with one property per field of `form`."""
    properties = {
        name: {**field_schema(field), **({"description": descriptions[name]} if name in descriptions else {})}
        for name, field in form.fields.items()
    }
    required = [name for name, field in form.fields.items() if field.required]
    return {"type": "object", "required": required, "properties": properties}


def query_parameters(form: forms.Form, descriptions: dict[str, str]) -> list[dict]:
    return [
        {
            "name": name,
            "in": "query",
            "required": field.required,
            "schema": field_schema(field),
            **({"description": descriptions[name]} if name in descriptions else {}),
        }
        for name, field in form.fields.items()
    ]


def bind_json(form_class: type[forms.Form], data: dict) -> tuple[forms.Form, dict[str, list[str]]]:
    """`form_class` bound to a JSON object, and a message per value whose JSON type the schema refuses (a
    number where a text belongs). Members the form does not know are ignored, as the schema allows."""
    fields = form_class().fields
    values: dict[str, str] = {}
    wrong: dict[str, list[str]] = {}
    for name, field in fields.items():
        if name not in data:
            continue
        value = data[name]
        if field_schema(field)["type"] == "boolean":
            if not isinstance(value, bool):
                wrong[name] = [_("Feltet må være true eller false.")]
            elif value:
                values[name] = "on"
        elif isinstance(value, str):
            values[name] = value
        else:
            wrong[name] = [_("Feltet må være en tekst.")]
    return form_class(values), wrong


# --- the document -------------------------------------------------------------------------------------------


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error(description: str, schema: str = "Error") -> dict:
    return _json(_ref(schema), description)


_RETRY_AFTER = {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}}

_EVERY_OPERATION = {
    "405": _error("Method not allowed (code `method_not_allowed`); the `Allow` header lists the methods."),
    "429": {
        **_error("Too many requests from this address (code `rate_limited`)."),
        "headers": _RETRY_AFTER,
    },
    "500": _error(
        "A fault on our side (code `server_error`). Nothing was changed unless the answer says so."
    ),
    "503": {
        **_error(
            "The service cannot take this right now (code `unavailable`): nothing was stored; try again."
        ),
        "headers": _RETRY_AFTER,
    },
}

_WITH_BODY = {
    "400": _error("Bad input (code `validation_error`); `fields` says which, per field."),
    "413": _error("The body is larger than the API accepts (code `payload_too_large`)."),
}

_ERROR_BODY = {
    "type": "object",
    "required": ["code", "message"],
    "properties": {
        "code": {"type": "string", "enum": ERROR_CODES},
        "message": {"type": "string", "description": "Norwegian, for people."},
        "fields": {
            "type": "object",
            "description": "Per input field (body field, query parameter or header): messages.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
}

_BOOKING_STATE = {
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

_HOLD_DESCRIPTIONS = {
    "therapist": "The therapist's slug.",
    "type": "A consultation type's slug; the therapist must offer it (see listTherapists).",
    "start": "A slot's `start`, as returned by the slots endpoint.",
}
_CONFIRM_DESCRIPTIONS = {
    "phone": "Optional; Norwegian or +country.",
    "note": "Shown to the therapist only.",
    "consent": "The person agreed that the practice stores these details for the booking.",
}
_SLOTS_DESCRIPTIONS = {
    "type": "A consultation type's slug the therapist offers.",
    "from": "First Oslo date (default today).",
    "to": f"Last Oslo date, inclusive (default from + 6 days; at most {MAX_RANGE_DAYS} days in all).",
}


def _schemas() -> dict:
    return {
        "Error": {
            "type": "object",
            "description": "Every error, on every path under /api/v1/ (unknown ones included), has this shape.",
            "required": ["error"],
            "properties": {"error": _ERROR_BODY},
        },
        "Conflict": {
            "type": "object",
            "description": "An error together with the booking as it stands.",
            "required": ["error", "booking"],
            "properties": {"error": _ERROR_BODY, "booking": _BOOKING_STATE},
        },
        "ConsultationType": {
            "type": "object",
            "required": ["slug", "name", "description", "duration_minutes", "price_ore", "mode"],
            "properties": {
                "slug": {"type": "string"},
                "name": {"type": "string"},
                "description": {"type": "string"},
                "duration_minutes": {"type": "integer", "minimum": 1},
                "price_ore": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "This therapist's price, in øre.",
                },
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
        "HoldRequest": form_schema(HoldRequestForm(), _HOLD_DESCRIPTIONS),
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
        "ConfirmRequest": form_schema(DetailsForm(), _CONFIRM_DESCRIPTIONS),
        "Booking": {"type": "object", "required": ["booking"], "properties": {"booking": _BOOKING_STATE}},
    }


_DESCRIPTION = f"""Book consultations with Forløp's therapists.

1. `GET /api/v1/therapists` lists therapists and the consultation types each offers.
2. `GET /api/v1/therapists/{{slug}}/slots?type=…&from=…&to=…` lists free times (at most {MAX_RANGE_DAYS} days).
3. `POST /api/v1/holds` holds one of those times for a few minutes and returns a token.
4. `POST /api/v1/holds/{{token}}/confirm` with the person's details books it; the confirmation, calendar
   invitation and the link to move or cancel go to the person's email.

No double booking is possible: a lost race answers 409 `slot_taken`. Every error, on every path under
/api/v1/ (unknown ones included), is a JSON `Error` with a stable `code`. Requests are rate-limited per address
(429 `rate_limited`). No cookies or API keys are used. Request bodies are JSON objects of at most 64 kB and
32 levels of nesting."""


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
                        "200": {
                            **_json(
                                {
                                    "type": "object",
                                    "required": ["therapists"],
                                    "properties": {
                                        "therapists": {"type": "array", "items": _ref("Therapist")}
                                    },
                                },
                                "The therapists.",
                            ),
                            "links": {
                                "ListSlots": {
                                    "operationId": "listSlots",
                                    "description": "Free times of the first therapist's first type.",
                                    "parameters": {
                                        "slug": "$response.body#/therapists/0/slug",
                                        "type": "$response.body#/therapists/0/consultation_types/0/slug",
                                    },
                                }
                            },
                        },
                        **_EVERY_OPERATION,
                    },
                }
            },
            "/api/v1/therapists/{slug}/slots": {
                "get": {
                    "operationId": "listSlots",
                    "summary": "Free times of one therapist for one consultation type",
                    "parameters": [
                        {
                            "name": "slug",
                            "in": "path",
                            "required": True,
                            "schema": field_schema(HoldRequestForm.base_fields["therapist"]),
                        },
                        *query_parameters(SlotsQueryForm(), _SLOTS_DESCRIPTIONS),
                    ],
                    "responses": {
                        "200": {
                            **_json(_ref("Slots"), "Free slots, earliest first."),
                            "links": {
                                "HoldFirstSlot": {
                                    "operationId": "createHold",
                                    "description": "Hold the first free time.",
                                    "requestBody": {
                                        "therapist": "$request.path.slug",
                                        "type": "$request.query.type",
                                        "start": "$response.body#/slots/0/start",
                                    },
                                }
                            },
                        },
                        "400": _error("Bad parameters (code `validation_error`)."),
                        "404": _error("No published therapist with this slug (code `not_found`)."),
                        **_EVERY_OPERATION,
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
                            "schema": {"type": "string", "maxLength": IDEMPOTENCY_MAX},
                            "description": "Repeating a request with the same key returns the same hold, "
                            "also when the repeats arrive at the same time.",
                        }
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("HoldRequest")}},
                    },
                    "responses": {
                        "201": {
                            **_json(_ref("Hold"), "The time is held."),
                            "links": {
                                "ConfirmHold": {
                                    "operationId": "confirmHold",
                                    "description": "Book the held time.",
                                    "parameters": {"token": "$response.body#/hold/token"},
                                }
                            },
                        },
                        **_WITH_BODY,
                        "404": _error("No published therapist with this slug (code `not_found`)."),
                        "409": _error("Someone else has this time (code `slot_taken`)."),
                        "422": _error("Not a bookable time (code `outside_availability`)."),
                        **_EVERY_OPERATION,
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
                        "201": {
                            **_json(_ref("Booking"), "Booked; emails are on their way."),
                            "links": {
                                "ConfirmAgain": {
                                    "operationId": "confirmHold",
                                    "description": "A retry: the same details answer 200, other details 409.",
                                    "parameters": {"token": "$request.path.token"},
                                }
                            },
                        },
                        "200": _json(
                            _ref("Booking"), "Already booked by an earlier request with the same details."
                        ),
                        **_WITH_BODY,
                        "404": _error("No hold with this token (code `not_found`)."),
                        "409": _error(
                            "Already booked with other details (code `already_confirmed`); nothing was changed. "
                            "`booking` is the booking as it stands.",
                            "Conflict",
                        ),
                        "410": _error("The hold ran out (code `hold_expired`): hold the time again."),
                        **_EVERY_OPERATION,
                    },
                }
            },
            "/api/v1/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document",
                    "responses": {
                        "200": {"description": "OpenAPI 3.0 document.", "content": {"application/json": {}}},
                        **_EVERY_OPERATION,
                    },
                }
            },
        },
        "components": {"schemas": _schemas()},
    }
