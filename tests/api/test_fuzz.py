"""Schemathesis over the whole API, in process: whatever it sends, no answer is a 5xx.

Runs against a database with consultations, proposals, comments and a published result,
once anonymously and once with a resident's token (so writes reach the services too).
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

EXAMPLES = 12


@pytest.fixture
def api_schema(api_data, resident):
    from config.wsgi import application

    # As Django's test client does: a request must not close the test's connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)


@schema.parametrize()
@FUZZ
def test_anonymous_requests_never_meet_a_server_error(case):
    case.call_and_validate(checks=[not_a_server_error])


@schema.parametrize()
@FUZZ
def test_token_requests_never_meet_a_server_error(case, resident):
    token, _created = Token.objects.get_or_create(user=resident)
    case.call_and_validate(
        headers={"Authorization": f"Token {token.key}"}, checks=[not_a_server_error]
    )
