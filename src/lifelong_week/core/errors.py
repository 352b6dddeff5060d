"""Error pages: Vietnamese, in the site's layout, each with a way back.

404 and 403 use Django's own handlers with the ``404.html`` and ``403.html``
templates (they render with the request, so the navigation knows who is
signed in). The others need views of their own:

- ``bad_request`` (400): Django renders its template without the request;
  here it gets the request, like the 404 page.
- ``server_error`` (500): rendered without the request and without context
  processors — nothing that reads the session, the user or the database,
  which may be what failed.
- ``csrf_failure`` (403, ``CSRF_FAILURE_VIEW``): a form that could not be
  trusted, with what to do about it.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseServerError
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def _page_before(request) -> str:
    """The page a request came from, when it is one of this site's; else ""."""
    referer = request.headers.get("Referer", "")
    safe = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return referer if safe else ""


def server_error(request):
    """No request context: a failed database must not stop the page itself.
    "Thử lại" reopens the page, or after a form the page the form was on."""
    retry = request.get_full_path() if request.method == "GET" else _page_before(request)
    template = loader.get_template("500.html")
    return HttpResponseServerError(
        template.render({"SITE_NAME": settings.SITE_NAME, "retry_path": retry})
    )


def csrf_failure(request, reason: str = ""):
    """A form post refused by the CSRF check: the page it came from had been
    open too long (its token no longer matches the session), or the browser
    sends no cookies. The way back is the page the form came from."""
    context = {"back": _page_before(request), "no_cookie": reason == REASON_NO_CSRF_COOKIE}
    return render(request, "403_csrf.html", context, status=403)
