from __future__ import annotations

import pytest

from lifelong_week.accounts.enums import Role
from lifelong_week.accounts.models import User
from lifelong_week.api.tokens import create_token
from lifelong_week.orgs.enums import AdminLevel, UnitKind
from tests.factories import OrgUnitFactory, member


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def key_for():
    """A fresh API key acting as the named demo user (or a given user)."""

    def _key_for(user: str | User) -> str:
        if isinstance(user, str):
            user = User.objects.get(username=user)
        _token, key = create_token(user, name="thử nghiệm")
        return key

    return _key_for


@pytest.fixture
def api(client, key_for):
    """GET/PUT/POST on /api/v1/ as a user: ``api("sogd.dieuphoi").get("/campaigns")``."""

    class _As:
        def __init__(self, user):
            self.headers = bearer(key_for(user))

        def get(self, path, **params):
            return client.get(f"/api/v1{path}", params, headers=self.headers)

        def put(self, path, body):
            return client.put(
                f"/api/v1{path}", body, content_type="application/json", headers=self.headers
            )

        def post(self, path, body=None):
            return client.post(
                f"/api/v1{path}", body or {}, content_type="application/json", headers=self.headers
            )

    return _As


@pytest.fixture
def outsider(demo):
    """The coordinator of another province (Tây Ninh), as in the permission matrix."""
    other_province = OrgUnitFactory(
        code="72",
        name="Ủy ban nhân dân tỉnh Tây Ninh",
        kind=UnitKind.PEOPLES_COMMITTEE,
        admin_level=AdminLevel.PROVINCE,
        parent=demo.units["BGDDT"],
    )
    return member(other_province, Role.COORDINATOR, user__username="outsider")
