"""Property-based check of the whole API against its own OpenAPI schema.

Schemathesis generates requests from /api/v1/openapi.json — valid ones and
deliberately broken ones — and checks every answer: never a server error,
every status and body as the schema documents them. It runs in process
against the WSGI application, with a demo coordinator's token, inside the
test's transaction (so it runs the same on SQLite and PostgreSQL).
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.core.parameters import ParameterLocation

from lifelong_week.accounts.models import User
from lifelong_week.reports.domain import open_report, submit_report
from tests.api.conftest import bearer
from tests.reports.conftest import fill_all_figures

# A figure outside its indicator's bounds, or a submit with figures still
# missing, is valid JSON for the schema and still refused (422) by the
# report's rules: for this operation that is a correct answer to valid data.
CONFIG = SchemathesisConfig.from_dict(
    {
        "operations": [
            {
                "include-path": "/api/v1/reports/{report_id}/figures",
                "checks": {
                    "positive_data_acceptance": {
                        "expected-statuses": ["2xx", "401", "403", "404", "409", "422"]
                    }
                },
            }
        ]
    }
)
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", get_wsgi_application(), config=CONFIG
)


@pytest.fixture
def in_test_transaction():
    """Requests go straight to the WSGI handler, which would close the test's
    database connection after each one; Django's own test client avoids that
    the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def real(demo, key_for, in_test_transaction):
    """A coordinator's token, and objects it may read and write, so that valid
    requests reach past the 404s into the real code paths."""
    coordinator = User.objects.get(username="sogd.dieuphoi")
    tanan = User.objects.get(username="tanan.baocao")
    step1, step2 = demo.campaign.steps.order_by("order")
    sent = open_report(step1, demo.units["794"], by=tanan)
    fill_all_figures(sent, tanan)
    submit_report(sent, by=tanan)
    own = open_report(step2, demo.units["80-SGDDT"], by=coordinator)
    return {
        "headers": bearer(key_for(coordinator)),
        "path": {
            "slug": "long-an-2021",
            "step_id": step1.pk,
            "code": "80-SGDDT",
            "report_id": own.pk,
        },
        "step2": step2.pk,
        "sent": sent.pk,
    }


def _use_real_objects(case, real) -> None:
    """Valid generated path parameters point at objects that exist."""
    if case.meta is not None and case.meta.is_negative_at(ParameterLocation.PATH):
        return
    path = dict(real["path"])
    if case.path.endswith("/report"):  # open the coordinator's own report
        path["step_id"] = real["step2"]
    elif case.method == "GET" and case.path == "/api/v1/reports/{report_id}":
        path["report_id"] = real["sent"]
    for name in case.path_parameters:
        case.path_parameters[name] = path[name]


@schema.parametrize()
@settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_conforms_to_its_schema(case, real):
    _use_real_objects(case, real)
    case.call_and_validate(headers=real["headers"])
