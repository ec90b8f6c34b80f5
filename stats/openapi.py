"""The OpenAPI 3.1 description of the statistics API, kept beside the code
that answers (stats.api, stats.export.report_json) and checked by the tests:
the document is valid, and real answers match it."""

FIGURE_NAMES = ("enrolments", "active", "completed", "completion_rate", "quiz_takers", "pass_rate", "average_score")

_FILTER_PARAMETERS = [
    ("course", "string", "uuid", "A course's translation key (the same course in every language)."),
    ("country", "string", None, "ISO 3166 alpha-2 code, within the token's scope."),
    ("age_band", "string", None, "u13, 13-17, 18-24, 25-59 or 60+."),
    ("language", "string", None, "Interface language code, e.g. ms, th, km."),
    ("start", "string", "date", "First day (widened to the start of its period: a week, cut at month ends)."),
    ("end", "string", "date", "Last day (widened to the end of its period)."),
    ("interval", "string", None, "week (default) or month, for over_time."),
]


def schema(server_url="/api/stats/v1/"):
    parameters = []
    for name, kind, fmt, description in _FILTER_PARAMETERS:
        param_schema = {"type": kind}
        if fmt:
            param_schema["format"] = fmt
        if name == "interval":
            param_schema["enum"] = ["week", "month"]
        parameters.append({"name": name, "in": "query", "required": False, "description": description, "schema": param_schema})
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Celik statistics API",
            "version": "1.0.0",
            "description": (
                "Completion and competence statistics for ministry reviewers, read-only. "
                "Figures built from fewer than `min_cell` learners, and figures withheld so that "
                "such a figure cannot be worked out, have `value: null` and a `status` saying why. "
                "No learner identity is ever returned. Labels follow the Accept-Language header."
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
                        "400": _error_response("A filter value is not valid"),
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
                            "enum": ["shown", "small", "withheld"],
                            "description": "small: fewer than min_cell learners; withheld: hidden so a small figure cannot be worked out.",
                        },
                    },
                    "additionalProperties": False,
                },
                "Figures": {
                    "type": "object",
                    "required": list(FIGURE_NAMES),
                    "properties": {name: {"$ref": "#/components/schemas/Figure"} for name in FIGURE_NAMES},
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
                        "scope", "filters", "counted_at", "min_cell", "summary", "over_time",
                        "completions_in_range", "breakdowns", "competences",
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
                                    "completions": {"$ref": "#/components/schemas/Figure"},
                                },
                            },
                        },
                        "completions_in_range": {"$ref": "#/components/schemas/Figure"},
                        "breakdowns": {
                            "type": "object",
                            "description": "One table per dimension not filtered on: course, country, age_band, language.",
                            "additionalProperties": {"type": "array", "items": {"$ref": "#/components/schemas/BreakdownRow"}},
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
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
