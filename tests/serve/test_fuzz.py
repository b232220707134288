"""Property-based requests from the OpenAPI document (schemathesis): valid and malformed input
alike gets an answer below 500, malformed input a 4xx, and every 4xx carries {"error": ...}.

Cases are drawn with each operation's hypothesis strategy (schemathesis' pytest plugin loader
does not run under pytest 9), one test per operation and mode.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.routing import APIRoute
from hypothesis import HealthCheck, given, settings

schemathesis = pytest.importorskip("schemathesis")

from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.generation import GenerationMode  # noqa: E402
from schemathesis.specs.openapi.checks import negative_data_rejection  # noqa: E402

from blocwatch.serve import api  # noqa: E402

# POST /api/ingest takes JSON Lines: send generated bodies as plain text.
schemathesis.serializer.alias("application/x-ndjson", "text/plain")

OPERATIONS = sorted(
    (route.path, method) for route in api.router.routes if isinstance(route, APIRoute)
    for method in route.methods
)


def error_message(ctx: Any, response: Any, case: Any) -> bool | None:
    """Errors are JSON objects {"error": "..."}."""
    if 400 <= response.status_code < 500:
        body = response.json()
        assert isinstance(body, dict) and isinstance(body.get("error"), str) and body["error"]
    return None


@pytest.fixture(scope="session")
def api_schema(app: Any) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.slow
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_no_server_errors(api_schema: Any, path: str, method: str,
                          mode: GenerationMode) -> None:
    operation = api_schema[path][method]
    checks = [not_a_server_error, error_message]
    if mode == GenerationMode.NEGATIVE:
        checks.append(negative_data_rejection)

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=12, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        case.call_and_validate(checks=checks)

    run()
