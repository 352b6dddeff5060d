"""Responses that carry a person's data are never stored by a browser or a
proxy: a shared office computer's back button, a proxy cache or the disk of a
laptop must not keep a report, a new API key or the API's JSON."""

from __future__ import annotations

from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import empty


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every answer to a signed-in user and on
    every API answer, unless the view chose its own caching (a photo says
    ``private``; a published one ``public``). Public pages for visitors stay
    cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if request.path.startswith("/api/") or _signed_in(request):
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response


def _signed_in(request) -> bool:
    """Whether the answer was made for a signed-in user. Only asked when the
    view has already read the user: a page that never did shows nothing of
    theirs, and an error page must not reach the database (it may be down)."""
    user = request.__dict__.get("user")
    if user is None or getattr(user, "_wrapped", None) is empty:
        return False
    return user.is_authenticated
