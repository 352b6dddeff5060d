"""Responses that carry a person's data are never stored by a browser or a
proxy: a shared office computer's back button, a proxy cache or the disk of a
laptop must not keep a report, a new API key or the API's JSON."""

from __future__ import annotations

from django.utils.cache import add_never_cache_headers, patch_cache_control


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
        user = getattr(request, "user", None)
        if request.path.startswith("/api/") or (user is not None and user.is_authenticated):
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response
