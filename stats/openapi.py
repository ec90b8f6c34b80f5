"""The OpenAPI 3.1 description of the statistics API, kept beside the code
that answers (stats.api, stats.export.report_json) and checked by the tests:
the document is valid, real answers match it, and every parameter value it
allows is accepted while every value it forbids is refused with a 400."""

from django.conf import settings

from accounts.models import AgeBand, Country

from .export import SUMMARY_FIGURES
from .forms import date_window


def _parameters():
    """The query parameters, exactly as stats.forms.ApiFilterForm accepts
    them: every value the document allows is answered with 200 (or 403 for
    a country outside the token's scope), every other value with 400. An
    empty value means "all" (or the default)."""
    first, last = date_window()
    years = "|".join(str(year) for year in range(first.year, last.year + 1))
    date_schema = {
        "anyOf": [
            {"type": "string", "const": ""},
            {"type": "string", "format": "date", "pattern": f"^({years})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"},
        ]
    }

    def choice(values):
        return {"type": "string", "enum": ["", *values]}

    window = f"{first.isoformat()} to {last.isoformat()}"
    return [
        (
            "course",
            {"anyOf": [{"type": "string", "const": ""}, {"type": "string", "format": "uuid"}]},
            "A course's translation key (the same course in every language). A course that is not live has no figures.",
        ),
        (
            "country",
            choice([code for code, _name in Country.choices]),
            "ISO 3166 alpha-2 code, within the token's scope (else 403).",
        ),
        ("age_band", choice(AgeBand.values), "Age group."),
        ("language", choice([code for code, _name in settings.LANGUAGES]), "Interface language code."),
        (
            "start",
            date_schema,
            f"First day, from {window} (widened to the start of its period: a week, cut at month ends).",
        ),
        (
            "end",
            date_schema,
            f"Last day, from {window} (widened to the end of its period). An end before the start is a 400.",
        ),
        ("interval", choice(["week", "month"]), "week (the default) or month, for over_time."),
    ]


def schema(server_url="/api/stats/v1/"):
    parameters = [
        {"name": name, "in": "query", "required": False, "description": description, "schema": param_schema}
        for name, param_schema, description in _parameters()
    ]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Celik statistics API",
            "version": "1.0.0",
            "description": (
                "Completion and competence statistics for ministry reviewers, read-only. "
                "Every count is altered by the cell key method (each counted cell moved by -3 to +3, "
                "always the same way; every figure is a sum of altered cells, so totals equal the sum "
                "of their parts). Figures whose altered value is under `min_cell` have `value: null` "
                "and `status: small`. No learner identity is ever returned. Labels follow the "
                "Accept-Language header. Dates must lie within the window given in the parameters. "
                "Learning gain: `gain` is the mean normalised gain (after - before) / (100 - before) of "
                "the `gain_learners` who took the before check and the quiz (-1 to 1; learners with "
                "100 % before are left out), with its 95 % interval `gain_low` to `gain_high` "
                "(mean +- t * sd / sqrt(n)); `before_score` and `after_score` are their mean scores."
            ),
        },
        "servers": [{"url": server_url}],
        "security": [{"bearerToken": []}],
        "paths": {
            "/report": {
                "get": {
                    "operationId": "getReport",
                    "summary": "Every figure of the dashboard for a filter",
                    "parameters": parameters,
                    "responses": {
                        "200": {
                            "description": "The report",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}},
                        },
                        "400": _error_response("A filter value is not valid (the message names the limit)"),
                        "401": _error_response("No valid token"),
                        "403": _error_response("The country is outside the token's scope"),
                        "429": _error_response("Too many requests"),
                    },
                }
            }
        },
        "components": {
            "securitySchemes": {
                "bearerToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A token made by a reviewer in the statistics area (API tokens).",
                }
            },
            "schemas": {
                "Figure": {
                    "type": "object",
                    "required": ["value", "status"],
                    "properties": {
                        "value": {"type": ["number", "null"]},
                        "status": {
                            "type": "string",
                            "enum": ["shown", "small"],
                            "description": "small: under min_cell, so not shown.",
                        },
                    },
                    "additionalProperties": False,
                },
                "Figures": {
                    "type": "object",
                    "required": list(SUMMARY_FIGURES),
                    "properties": {name: {"$ref": "#/components/schemas/Figure"} for name in SUMMARY_FIGURES},
                },
                "BreakdownRow": {
                    "allOf": [
                        {"$ref": "#/components/schemas/Figures"},
                        {
                            "type": "object",
                            "required": ["key", "label"],
                            "properties": {"key": {"type": "string"}, "label": {"type": "string"}},
                        },
                    ]
                },
                "Report": {
                    "type": "object",
                    "required": [
                        "scope",
                        "filters",
                        "counted_at",
                        "min_cell",
                        "summary",
                        "over_time",
                        "completions_in_range",
                        "breakdowns",
                        "competences",
                    ],
                    "properties": {
                        "scope": {
                            "oneOf": [
                                {"type": "string", "const": "ASEAN"},
                                {"type": "array", "items": {"type": "string"}},
                            ]
                        },
                        "filters": {
                            "type": "object",
                            "properties": {
                                "course": {"type": ["string", "null"]},
                                "country": {"type": ["string", "null"]},
                                "age_band": {"type": ["string", "null"]},
                                "language": {"type": ["string", "null"]},
                                "start": {"type": ["string", "null"], "format": "date"},
                                "end": {"type": ["string", "null"], "format": "date"},
                                "interval": {"type": "string", "enum": ["week", "month"]},
                            },
                        },
                        "counted_at": {"type": ["string", "null"], "format": "date-time"},
                        "min_cell": {"type": "integer"},
                        "summary": {"$ref": "#/components/schemas/Figures"},
                        "over_time": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["start", "enrolments", "completions"],
                                "properties": {
                                    "start": {"type": "string", "format": "date"},
                                    "enrolments": {"$ref": "#/components/schemas/Figure"},
                                    "completions": {
                                        "$ref": "#/components/schemas/Figure",
                                        "description": "Of the enrolments that began in this week or month, how many have completed since.",
                                    },
                                },
                            },
                        },
                        "completions_in_range": {"$ref": "#/components/schemas/Figure"},
                        "breakdowns": {
                            "type": "object",
                            "description": "One table per dimension not filtered on: course, country, age_band, language.",
                            "additionalProperties": {
                                "type": "array",
                                "items": {"$ref": "#/components/schemas/BreakdownRow"},
                            },
                        },
                        "competences": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["pillar", "code", "name", "learners", "mastered", "mastery"],
                                "properties": {
                                    "pillar": {"type": "string"},
                                    "code": {"type": "string"},
                                    "name": {"type": "string"},
                                    "learners": {"$ref": "#/components/schemas/Figure"},
                                    "mastered": {"$ref": "#/components/schemas/Figure"},
                                    "mastery": {"$ref": "#/components/schemas/Figure"},
                                },
                            },
                        },
                    },
                },
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {"type": "string"}, "fields": {"type": "object"}},
                },
            },
        },
    }


def _error_response(description):
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
