"""The upload pipeline for report photos: refuse what is unsafe, keep only pixels.

Units attach photos of their activities to their reports and some of them are
later published on the public portal, so every photo goes through
:func:`process_photo` before it is stored. The pipeline is strict because the
file comes from a browser and ends up on a public page:

1. **Size in bytes first.** At most ``max_bytes + 1`` bytes are ever read, so a
   huge or endless stream cannot fill the memory.
2. **Format from the content.** The first bytes decide, never the file name or
   the content type the browser sent; only JPEG, PNG and WebP are accepted.
   Well-known formats we refuse (GIF, BMP, TIFF, HEIC, SVG…) get a message
   naming them.
3. **Pixels counted before decoding.** The image size is read from the header
   and anything above ``max_pixels`` is refused before a single pixel is
   decompressed: a 100 KB PNG can claim 20.000 × 20.000 points and expand to
   1,6 GB (a "decompression bomb").
4. **Decoded, turned upright, re-encoded from pixels.** The EXIF orientation is
   applied so phone photos stand upright, the colours are converted to sRGB,
   the photo is scaled down to ``max_side``, and a brand-new image is built from
   the pixels alone. Nothing of the original file survives: no EXIF (above all
   no GPS position of where the photo was taken), no XMP, no IPTC, no ICC
   profile, no PNG text chunks, no trailing data.

Stored format: **JPEG** (RGB, ``jpeg_quality``) unless the source has real
transparency (at least one pixel that is not fully opaque), then **PNG**
(RGBA), because JPEG would paint the transparent parts black. A PNG whose alpha
channel is fully opaque, a screenshot for instance, becomes a much smaller
JPEG. The thumbnail is always JPEG, transparent parts laid on white. WebP is
accepted on upload but never produced, so every stored file opens anywhere,
including in the Word and PDF reports built from them.

Animated WebP and PNG (APNG) keep their first frame. A JPEG with extra
pictures appended (MPO, written by some phone cameras) keeps its main picture.

Every failure is a :class:`PhotoError` whose ``message`` is a Vietnamese
sentence for the photo field; no raw Pillow exception gets out.

Thread safety: nothing global is changed. Pillow's ``Image.MAX_IMAGE_PIXELS``
is read (a lower global limit wins over ``max_pixels``), never written, and no
warning filter is touched. ``ImageFile.LOAD_TRUNCATED_IMAGES`` must stay at its
default ``False``, or truncated images would be accepted with grey areas.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import struct
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from django.utils.translation import gettext as _
from PIL import (
    ExifTags,
    Image,
    ImageFile,
    JpegImagePlugin,
    PngImagePlugin,
    WebPImagePlugin,
)

try:  # Pillow wheels ship LittleCMS; a source build may not have it.
    from PIL import ImageCms
except ImportError:  # pragma: no cover - depends on how Pillow was built
    ImageCms = None

MEGABYTE = 1024 * 1024
_READ_CHUNK = MEGABYTE

JPEG = "image/jpeg"
PNG = "image/png"


@dataclass(frozen=True)
class PhotoLimits:
    """What an uploaded photo may be, and how it is stored.

    ``max_bytes`` and ``max_pixels`` decide what is refused; ``max_side`` (the
    longest side of the stored photo, in pixels), ``thumb_side`` (the same for
    the thumbnail) and ``jpeg_quality`` decide what is kept.
    """

    max_bytes: int = 15 * MEGABYTE
    max_pixels: int = 40_000_000
    max_side: int = 2000
    thumb_side: int = 400
    jpeg_quality: int = 85

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_pixels", "max_side", "thumb_side"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"PhotoLimits.{name} must be a positive integer, not {value!r}")
        if not 1 <= self.jpeg_quality <= 95:
            # Above 95 libjpeg disables optimisations for no visible gain.
            raise ValueError(f"PhotoLimits.jpeg_quality must be 1–95, not {self.jpeg_quality!r}")


DEFAULT_LIMITS = PhotoLimits()


@dataclass(frozen=True)
class ProcessedPhoto:
    """A photo ready to store: re-encoded bytes and what to record about it.

    ``width``/``height`` are those of the stored ``image`` (upright, scaled
    down); ``original_width``/``original_height`` those of the uploaded file as
    its header states them (before the EXIF orientation is applied).
    ``extension`` starts with a dot (".jpg", ".png"). ``taken_at`` is the EXIF
    DateTimeOriginal, naive (cameras record local time without a zone), or
    ``None``. ``sha256`` is the hex digest of ``image``, to spot the same photo
    attached twice.
    """

    image: bytes
    thumbnail: bytes
    content_type: str
    extension: str
    width: int
    height: int
    thumbnail_width: int
    thumbnail_height: int
    original_width: int
    original_height: int
    taken_at: datetime | None
    sha256: str

    thumbnail_content_type = JPEG
    thumbnail_extension = ".jpg"


class PhotoError(Exception):
    """The upload was refused; ``message`` says why, in Vietnamese, for the field.

    ``code`` names the reason for code that needs it (a Django
    ``ValidationError(code=…)``, a log line): ``empty``, ``too_large``,
    ``not_image``, ``unsupported_format``, ``too_many_pixels``, ``corrupt``.
    """

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


# Pillow's exceptions for a file that is damaged or hostile. They are raised
# from C decoders and from parsers of untrusted metadata alike; every one of
# them means "this file cannot be used" and becomes the corrupt-image message.
_DECODE_ERRORS = (
    OSError,  # includes UnidentifiedImageError and "image file is truncated"
    SyntaxError,  # Pillow's "not a … file" while parsing a header
    ValueError,
    TypeError,
    IndexError,
    KeyError,
    EOFError,
    ZeroDivisionError,
    OverflowError,
    RecursionError,
    MemoryError,
    struct.error,
    Image.DecompressionBombError,
    # Pillow warns about damaged EXIF and oversized images; those warnings are
    # exceptions only in a process run with warnings as errors (-W error).
    Warning,
)

# Decoders for the accepted formats, keyed by what _sniff() returns. The plugin
# classes are used directly rather than through Image.open(): Image.open()
# refuses images above twice Image.MAX_IMAGE_PIXELS before it tells us their
# size, and the message must say how big the image is. Our own check, which is
# stricter, runs on the header size before anything is decoded. (Image.open()
# would also call a phone's multi-picture JPEG "MPO"; the JPEG class reads its
# main picture like any JPEG.)
_DECODERS: dict[str, type[ImageFile.ImageFile]] = {
    "JPEG": JpegImagePlugin.JpegImageFile,
    "PNG": PngImagePlugin.PngImageFile,
    "WEBP": WebPImagePlugin.WebPImageFile,
}

# EXIF orientation → the transposition that makes the photo upright. The same
# table as ImageOps.exif_transpose(), applied here to the pixels only:
# exif_transpose() also rewrites the EXIF and XMP it leaves behind, which can
# fail on a damaged EXIF block, and we discard all metadata anyway.
_ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_SWAPS_SIDES = {
    Image.Transpose.TRANSPOSE,
    Image.Transpose.ROTATE_270,
    Image.Transpose.TRANSVERSE,
    Image.Transpose.ROTATE_90,
}

_BMP_DIB_SIZES = {size.to_bytes(4, "little") for size in (12, 16, 40, 52, 56, 64, 108, 124)}

_EXIF_DATETIME = re.compile(r"(\d{4})[:\-](\d{2})[:\-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})")


def process_photo(
    data: bytes | bytearray | memoryview | BinaryIO,
    *,
    filename: str,
    limits: PhotoLimits = DEFAULT_LIMITS,
) -> ProcessedPhoto:
    """Check an uploaded photo and re-encode it for storage; see the module docstring.

    ``data`` is the file's bytes or a binary file-like object (a Django
    ``UploadedFile``), read from its current position. ``filename`` is only
    used in messages. Raises :class:`PhotoError` and nothing else for any bad
    file; a ``TypeError`` for a text stream is a programming error.
    """
    name = _display_name(filename)
    raw = _read_bounded(data, limits=limits)
    if not raw:
        raise PhotoError(
            _("Tệp “%(name)s” trống (0 byte). Vui lòng chọn lại ảnh.") % {"name": name},
            code="empty",
        )
    kind = _sniff(raw)
    if kind not in _DECODERS:
        raise _not_accepted(kind, name)
    pixel_limit = _pixel_limit(limits)
    if kind == "WEBP":
        # libwebp allocates the whole canvas as soon as its decoder is created,
        # that is inside the plugin's constructor: check the header first.
        _check_pixels(_webp_header_size(raw), pixel_limit, name)
    try:
        return _decode_and_encode(raw, kind, name=name, limits=limits, pixel_limit=pixel_limit)
    except _DECODE_ERRORS as error:
        raise PhotoError(
            _(
                "Ảnh “%(name)s” bị hỏng hoặc chưa được tải lên trọn vẹn nên không đọc được. "
                "Vui lòng kiểm tra lại tệp rồi tải lên lại."
            )
            % {"name": name},
            code="corrupt",
        ) from error


def _decode_and_encode(
    raw: bytes, kind: str, *, name: str, limits: PhotoLimits, pixel_limit: int
) -> ProcessedPhoto:
    """Decode ``raw`` (already known to start like ``kind``) and build the result.

    Every Pillow call lives here, so that the caller turns any failure into
    the corrupt-image message.
    """
    with _DECODERS[kind](io.BytesIO(raw)) as source:
        original_width, original_height = source.size
        if original_width < 1 or original_height < 1:
            raise ValueError("image without pixels")
        # Lazy so far: only the header has been read. Refuse bombs now.
        _check_pixels(source.size, pixel_limit, name)

        if kind == "JPEG":
            # libjpeg can decode at 1/2, 1/4 or 1/8 scale directly (as
            # Image.thumbnail() does): a 40-megapixel photo headed for 2000 px
            # never exists in memory at full size. draft() only picks a scale
            # that keeps both sides at least as large as the target, and
            # LANCZOS does the final, exact step.
            source.draft(None, _fit(source.size, limits.max_side))
        source.seek(0)  # the first frame of an animated WebP or APNG
        source.load()

        # Read after load(): the EXIF of a PNG may follow its pixel data.
        exif = _read_exif(source)
        taken_at = _taken_at(exif)
        orientation = exif.get(ExifTags.Base.Orientation) if exif is not None else None
        method = _ORIENTATION.get(orientation) if isinstance(orientation, int) else None
        picture: Image.Image = source if method is None else source.transpose(method)
        upright_size = (
            (original_height, original_width)
            if method in _SWAPS_SIDES
            else (original_width, original_height)
        )
        target = _fit(upright_size, limits.max_side)
        picture = _to_srgb(picture)

    if picture.size != target:
        picture = picture.resize(target, Image.Resampling.LANCZOS)
    if picture.mode == "RGBA" and picture.getchannel("A").getextrema()[0] == 255:
        picture = picture.convert("RGB")  # an alpha channel, but nothing see-through
    picture = _pixels_only(picture)

    if picture.mode == "RGBA":
        image = _encode(picture, "PNG", limits)
        content_type, extension = PNG, ".png"
        opaque = Image.alpha_composite(Image.new("RGBA", picture.size, "white"), picture)
        opaque = opaque.convert("RGB")
    else:
        image = _encode(picture, "JPEG", limits)
        content_type, extension = JPEG, ".jpg"
        opaque = picture
    thumb_size = _fit(picture.size, limits.thumb_side)
    thumb = (
        opaque if thumb_size == opaque.size else opaque.resize(thumb_size, Image.Resampling.LANCZOS)
    )
    thumbnail = _encode(_pixels_only(thumb), "JPEG", limits)

    return ProcessedPhoto(
        image=image,
        thumbnail=thumbnail,
        content_type=content_type,
        extension=extension,
        width=picture.width,
        height=picture.height,
        thumbnail_width=thumb.width,
        thumbnail_height=thumb.height,
        original_width=original_width,
        original_height=original_height,
        taken_at=taken_at,
        sha256=hashlib.sha256(image).hexdigest(),
    )


# --- reading ---------------------------------------------------------------


def _read_bounded(data: bytes | bytearray | memoryview | BinaryIO, *, limits: PhotoLimits) -> bytes:
    """Return the upload's bytes, refusing it as soon as it is known to be too big.

    Bytes are measured. A seekable stream is measured by seeking to its end and
    back, so an oversized file is refused with its exact size without reading
    it. Then at most ``max_bytes + 1`` bytes are read, in chunks, whatever the
    stream claims: a non-seekable stream, or one that grows, is cut off there.
    """
    limit = limits.max_bytes
    if isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
        if len(raw) > limit:
            raise _too_large(len(raw), limits)
        return raw

    declared = _remaining_size(data)
    if declared is not None and declared > limit:
        raise _too_large(declared, limits)
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = data.read(min(_READ_CHUNK, limit + 1 - total))
        if not chunk:
            break
        if not isinstance(chunk, bytes | bytearray):
            raise TypeError("process_photo() needs bytes or a binary file, not a text stream")
        chunks.append(bytes(chunk))
        total += len(chunk)
    if total > limit:
        raise _too_large(None, limits)
    return b"".join(chunks)


def _remaining_size(stream: BinaryIO) -> int | None:
    """Bytes left from the current position, or ``None`` if the stream cannot seek."""
    try:
        if not stream.seekable():
            return None
        position = stream.tell()
        end = stream.seek(0, io.SEEK_END)
        stream.seek(position)
    except (AttributeError, OSError, ValueError):
        return None
    return max(0, end - position)


def _sniff(raw: bytes) -> str | None:
    """Name the format from the file's first bytes, or ``None`` if it is no image.

    Returns "JPEG", "PNG" or "WEBP" for the accepted formats (the decoder then
    checks the structure), the display name of a known image format we refuse,
    or ``None``. The name and content type sent by the browser play no part.
    """
    head = raw[:32]
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WEBP"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    # "BM" alone is weak evidence; the size of the DIB header that follows confirms it.
    if head.startswith(b"BM") and len(head) >= 18 and head[14:18] in _BMP_DIB_SIZES:
        return "BMP"
    if head.startswith((b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")):
        return "TIFF"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in {b"avif", b"avis"}:
            return "AVIF"
        if brand in {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}:
            return "HEIC"
    if head.startswith(b"8BPS"):
        return "PSD"
    if head.startswith((b"\x00\x00\x00\x0cjP  \r\n\x87\n", b"\xff\x4f\xff\x51")):
        return "JPEG 2000"
    if head.startswith((b"\xff\x0a", b"\x00\x00\x00\x0cJXL \r\n\x87\n")):
        return "JPEG XL"
    if head.startswith(b"\x00\x00\x01\x00"):
        return "ICO"
    text = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<") and b"<svg" in text:
        return "SVG"
    return None


def _webp_header_size(raw: bytes) -> tuple[int, int] | None:
    """The canvas size a WebP file declares, read from its first chunk."""
    chunk = raw[12:16]
    if chunk == b"VP8 " and len(raw) >= 30 and raw[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack_from("<HH", raw, 26)
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8X" and len(raw) >= 30:
        width = int.from_bytes(raw[24:27], "little") + 1
        height = int.from_bytes(raw[27:30], "little") + 1
        return width, height
    if chunk == b"VP8L" and len(raw) >= 25 and raw[20] == 0x2F:
        bits = int.from_bytes(raw[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


def _pixel_limit(limits: PhotoLimits) -> int:
    """``max_pixels``, or Pillow's global limit if a deployment set it lower."""
    pillow_limit = Image.MAX_IMAGE_PIXELS
    if pillow_limit is None:
        return limits.max_pixels
    return min(limits.max_pixels, int(pillow_limit))


def _check_pixels(size: tuple[int, int] | None, limit: int, name: str) -> None:
    """Refuse an image whose header declares more than ``limit`` pixels."""
    if size is None:
        return
    width, height = size
    if width * height > limit:
        raise PhotoError(
            _(
                "Ảnh “%(name)s” có kích thước %(width)s × %(height)s điểm ảnh, vượt giới hạn "
                "%(limit)s điểm ảnh. Vui lòng thu nhỏ ảnh rồi tải lên lại."
            )
            % {
                "name": name,
                "width": _group(width),
                "height": _group(height),
                "limit": _group(limit),
            },
            code="too_many_pixels",
        )


# --- metadata ----------------------------------------------------------------


def _read_exif(image: Image.Image) -> Image.Exif | None:
    """The image's EXIF, or ``None`` if it has none or it cannot be parsed.

    Metadata is read on a best-effort basis: a damaged EXIF block costs the
    orientation and the date, it does not get a good photo refused.
    """
    try:
        exif = image.getexif()
        # Parse the sub-IFD now, inside this try, not later in _taken_at.
        exif.get_ifd(ExifTags.IFD.Exif)
    except _DECODE_ERRORS:
        return None
    return exif if len(exif) else None


def _taken_at(exif: Image.Exif | None) -> datetime | None:
    """DateTimeOriginal ("2021:10:05 08:30:15"), naive, or ``None``.

    The tag belongs in the Exif sub-IFD; some writers put it in IFD0, so that
    is tried too. Zeroed or malformed dates ("0000:00:00 00:00:00") are
    ``None``.
    """
    if exif is None:
        return None
    value = exif.get_ifd(ExifTags.IFD.Exif).get(ExifTags.Base.DateTimeOriginal) or exif.get(
        ExifTags.Base.DateTimeOriginal
    )
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    if not isinstance(value, str):
        return None
    match = _EXIF_DATETIME.match(value.strip("\x00 \t"))
    if match is None:
        return None
    try:
        return datetime(*(int(part) for part in match.groups()))  # naive: EXIF has no zone
    except ValueError:
        return None


# --- pixels ------------------------------------------------------------------


def _fit(size: tuple[int, int], side: int) -> tuple[int, int]:
    """``size`` scaled down to fit a ``side`` × ``side`` box, aspect kept, never up."""
    width, height = size
    longest = max(width, height)
    if longest <= side:
        return width, height
    scale = side / longest
    return max(1, round(width * scale)), max(1, round(height * scale))


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert to 8-bit sRGB: mode "RGB", or "RGBA" if the file carries alpha.

    The pixel values of a file with an embedded ICC profile (Display P3 on
    iPhones, Adobe RGB, CMYK press profiles) only mean something through that
    profile, and the profile is not stored; so they are converted to sRGB with
    LittleCMS, the alpha channel set aside and put back. Without a usable
    profile Pillow's plain conversion is used. 16-bit greyscale PNGs are scaled
    to 8 bits, which Pillow's conversion would clip to white.
    """
    alpha = image.convert("RGBA").getchannel("A") if image.has_transparency_data else None
    if image.mode in {"I", "I;16", "I;16B", "I;16L", "I;16N"}:
        image = image.convert("I").point(lambda value: value * (1 / 257)).convert("L")
    colour = image if image.mode in {"RGB", "L", "CMYK"} else image.convert("RGB")
    rgb = _apply_icc(colour, image.info.get("icc_profile")) or colour.convert("RGB")
    if alpha is not None:
        rgb.putalpha(alpha)
    return rgb


def _apply_icc(image: Image.Image, icc: bytes | None) -> Image.Image | None:
    """``image`` converted from its ICC profile to sRGB, or ``None`` if that fails."""
    if not icc or ImageCms is None:
        return None
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(
            image, profile, ImageCms.createProfile("sRGB"), outputMode="RGB"
        )
    except (ImageCms.PyCMSError, *_DECODE_ERRORS):
        return None  # a damaged or mismatched profile: fall back to the plain conversion


def _pixels_only(image: Image.Image) -> Image.Image:
    """A new image built from ``image``'s pixels alone, with an empty ``info``.

    ``convert()`` and ``resize()`` copy ``info`` (EXIF, XMP, ICC, PNG text…)
    from image to image, and ``save()`` writes some of it back by default.
    Building the stored image from raw pixels guarantees that none of it
    survives.
    """
    return Image.frombytes(image.mode, image.size, image.tobytes())


def _encode(image: Image.Image, fmt: str, limits: PhotoLimits) -> bytes:
    """Encode without metadata: no ``exif=``, ``icc_profile=`` or ``pnginfo=``."""
    out = io.BytesIO()
    if fmt == "JPEG":
        image.save(out, "JPEG", quality=limits.jpeg_quality, optimize=True)
    else:
        image.save(out, "PNG")
    return out.getvalue()


# --- messages ----------------------------------------------------------------


def _display_name(filename: str) -> str:
    """The file's own name, without any path a browser sent, shortened if very long."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not name:
        return _("(không tên)")
    if len(name) > 60:
        name = f"{name[:40]}…{name[-15:]}"
    return name


def _not_accepted(kind: str | None, name: str) -> PhotoError:
    """The error for a file that is no image, or an image in a format we refuse."""
    if kind is None:
        return PhotoError(
            _("Tệp “%(name)s” không phải là ảnh JPEG, PNG hoặc WebP. Vui lòng chọn đúng tệp ảnh.")
            % {"name": name},
            code="not_image",
        )
    message = _(
        "Ảnh “%(name)s” ở định dạng %(format)s, hệ thống chỉ nhận ảnh JPEG, PNG hoặc WebP. "
        "Vui lòng chuyển ảnh sang một trong các định dạng này rồi tải lên lại."
    ) % {"name": name, "format": kind}
    if kind == "HEIC":
        message += " " + _(
            "Trên iPhone, chọn Cài đặt › Camera › Định dạng › Tương thích nhất "
            "để máy chụp ảnh JPEG."
        )
    return PhotoError(message, code="unsupported_format")


def _too_large(size: int | None, limits: PhotoLimits) -> PhotoError:
    """The error for an upload over ``max_bytes``; ``size`` is ``None`` if unknown."""
    limit = _megabytes(limits.max_bytes, exact=True)
    if size is None:
        message = _("Ảnh quá lớn. Dung lượng tối đa là %(limit)s.") % {"limit": limit}
    else:
        message = _("Ảnh quá lớn: %(size)s. Dung lượng tối đa là %(limit)s.") % {
            "size": _megabytes(size),
            "limit": limit,
        }
    return PhotoError(message, code="too_large")


def _group(number: int) -> str:
    """20000 → "20.000": the dot groups thousands in Vietnamese."""
    return f"{number:,}".replace(",", ".")


def _megabytes(size: int, *, exact: bool = False) -> str:
    """A size in MB with a decimal comma: "30,0 MB".

    Sizes are rounded *up* to one decimal, so that a file just over the limit
    never reads as equal to it ("15,1 MB", not "15,0 MB"). With ``exact`` (for
    the limit itself) a whole number drops its decimal: "15 MB".
    """
    if exact and size % MEGABYTE == 0:
        return f"{_group(size // MEGABYTE)} MB"
    tenths = math.ceil(size * 10 / MEGABYTE)
    return f"{_group(tenths // 10)},{tenths % 10} MB"
