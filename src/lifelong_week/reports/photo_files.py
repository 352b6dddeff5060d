"""A report's photos and their thumbnails, to whoever may see them.

Those who may open the report (``scope_reports``) fetch its photos; a photo
published with consent, of a report that has been sent, is anyone's (the
public gallery). Anyone else — signed in or not — gets 404, never 403 and
never a sign-in page, so an address reveals nothing. The bytes are delivered
by ``core.files.send_stored_file`` (the application, nginx or a signed link).
"""

from __future__ import annotations

from django.utils.text import slugify
from django.views.decorators.http import require_safe

from lifelong_week.accounts.access import get_or_404, is_public_photo, scope_photos
from lifelong_week.core.files import send_stored_file
from lifelong_week.core.text import fold
from lifelong_week.reports.models import Photo


def _photo(request, photo_id: int) -> Photo:
    queryset = Photo.objects.select_related("report").only(
        "image", "thumbnail", "caption", "may_publish", "report__status"
    )
    return get_or_404(scope_photos(request.user, queryset), pk=photo_id)


def _name(photo: Photo, stored: str, suffix: str = "") -> str:
    """The caption without diacritics ("le-khai-mac-tuan-le.jpg"), safe anywhere."""
    stem = slugify(fold(photo.caption))[:60].strip("-") or "anh"
    extension = stored.rsplit(".", 1)[-1].lower() if "." in stored else "jpg"
    return f"{stem}{suffix}.{extension}"


@require_safe
def photo_image(request, photo_id: int):
    photo = _photo(request, photo_id)
    return send_stored_file(
        photo.image,
        filename=_name(photo, photo.image.name),
        inline=True,
        public=is_public_photo(photo),
    )


@require_safe
def photo_thumbnail(request, photo_id: int):
    photo = _photo(request, photo_id)
    return send_stored_file(
        photo.thumbnail,
        filename=_name(photo, photo.thumbnail.name, "-nho"),
        inline=True,
        public=is_public_photo(photo),
    )
