"""PostgreSQL keeps the plans of the queries a connection repeats."""

from __future__ import annotations

import pytest
from django.db import connection

from lifelong_week.orgs.models import OrgUnit


@pytest.mark.django_db
def test_a_query_run_again_and_again_is_planned_once():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's (run with DATABASE_URL=postgres://…)")
    for code in range(6):  # psycopg prepares a query the fifth time it runs
        list(OrgUnit.objects.filter(code=f"unit-{code}"))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans + custom_plans FROM pg_prepared_statements"
            " WHERE statement LIKE %s",
            ['%FROM "orgs_orgunit" WHERE "orgs_orgunit"."code" = $1%'],
        )
        (executions,) = cursor.fetchone()
    assert executions >= 1
