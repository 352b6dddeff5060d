from __future__ import annotations

import functools

from django.urls import path, re_path

from lifelong_week.api.errors import error_response, json_not_found, status_detail
from lifelong_week.api.v1 import api


def _json_405(view):
    """ninja answers a method an address does not take with an empty 405;
    answer it like every other error, keeping the ``Allow`` header."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code != 405 or response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return response
        answer = error_response(api, request, 405, status_detail(405))
        answer["Allow"] = response["Allow"]
        return answer

    return wrapped


_patterns, _app_name, _namespace = api.urls
for pattern in _patterns:
    pattern.callback = _json_405(pattern.callback)

urlpatterns = [
    path("", (_patterns, _app_name, _namespace)),
    # Anything else under /api/v1/ answers the API's JSON 404, not an HTML page.
    re_path(r"^.*$", json_not_found),
]
