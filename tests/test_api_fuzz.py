"""The JSON API against its own OpenAPI description (schemathesis): generated paths and parameters, valid and
invalid, never make the server fail, and every answer matches the status codes and schemas it declares."""
import tempfile
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from serve_fixtures import build_store

schemathesis = pytest.importorskip("schemathesis")
warnings.filterwarnings("ignore", category=DeprecationWarning)


def _app():
    from rasd.serve.app import create_app

    return create_app(build_store(Path(tempfile.mkdtemp(prefix="rasd-fuzz-"))))


# built at collection: schemathesis generates one test per operation from the live description
schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_description(case):
    case.call_and_validate()
