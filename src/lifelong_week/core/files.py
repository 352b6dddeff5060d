"""Hand a stored file to the browser, once a view has decided who may have it.

No uploaded or generated file has a public address: there is no ``/media/``
route, and the storage folder (or bucket) is never published. A view finds
the object through the access helper, answers 404 to anyone else, and calls
:func:`send_stored_file`, which delivers the bytes as ``settings.FILE_DELIVERY``
says:

- ``app``: the application streams the file (``FileResponse``);
- ``nginx``: an empty answer with ``X-Accel-Redirect`` pointing into an
  ``internal;`` nginx location (``settings.FILE_NGINX_LOCATION``) that
  aliases ``MEDIA_ROOT``, so nginx sends the bytes and nobody can ask for
  that location directly;
- ``s3``: a redirect to the bucket's signed link, which expires after
  ``LIFELONG_WEEK_S3_LINK_SECONDS``; the type, disposition and caching the
  browser must see travel inside the signed link.

Every answer carries the content type, ``X-Content-Type-Options: nosniff``, a
``Content-Disposition`` with a safe name, and ``Cache-Control: private``
unless the caller says the file is public (a photo published with consent).
"""

from __future__ import annotations

import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header

# A file behind a given address never changes (a new photo is a new address),
# so the browser may keep it for a while; who may see it can change, hence not
# for long.
MAX_AGE = 3600


def send_stored_file(
    file: FieldFile, *, filename: str, inline: bool, public: bool = False
) -> HttpResponseBase:
    """The answer that delivers ``file`` (see the module docstring).

    ``filename`` is the name the browser saves it as; ``inline`` shows it in
    the page (images) rather than downloading it; ``public`` allows shared
    caches to keep it. Raises ``Http404`` if there is no file. Reads the file
    only in the ``app`` mode.
    """
    if not file:
        raise Http404
    content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    disposition = content_disposition_header(not inline, filename)
    mode = settings.FILE_DELIVERY
    if mode == "s3":
        lifetime = getattr(file.storage, "querystring_expire", MAX_AGE)
        # The redirect must not outlive the link it points to.
        cache = _cache_control(public, min(MAX_AGE, lifetime // 2))
        link = file.storage.url(
            file.name,
            parameters={
                "ResponseContentType": content_type,
                "ResponseContentDisposition": disposition,
                "ResponseCacheControl": cache,
            },
        )
        response: HttpResponseBase = HttpResponseRedirect(link)
    elif mode == "nginx":
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.FILE_NGINX_LOCATION + quote(file.name)
        cache = _cache_control(public, MAX_AGE)
    else:
        try:
            handle = file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, content_type=content_type)
        cache = _cache_control(public, MAX_AGE)
    response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache
    return response


def _cache_control(public: bool, max_age: int) -> str:
    return f"{'public' if public else 'private'}, max-age={max_age}"
