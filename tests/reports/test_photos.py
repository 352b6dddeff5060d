"""The photo upload pipeline: what it refuses, and that only pixels survive.

Every image is drawn here with Pillow; the repository holds no binary fixture.
"""

from __future__ import annotations

import io
import struct
import time
import zlib
from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageCms, ImageOps, PngImagePlugin

from lifelong_week.reports.photos import (
    MEGABYTE,
    PhotoError,
    PhotoLimits,
    ProcessedPhoto,
    process_photo,
)

GPS_IFD = 0x8825
EXIF_IFD = 0x8769
ORIENTATION = 0x0112
DATETIME_ORIGINAL = 0x9003

RED = (220, 30, 30)
BLUE = (30, 30, 220)
GREEN = (30, 200, 30)
YELLOW = (230, 220, 20)


# --- drawing test images -------------------------------------------------------


def encode(image: Image.Image, fmt: str, **params) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **params)
    return out.getvalue()


def quadrants(size=(120, 80), mode="RGB") -> Image.Image:
    """Four colours, one per quarter, so that any rotation or flip shows."""
    width, height = size
    image = Image.new(mode, size)
    image.paste(RED, (0, 0, width // 2, height // 2))
    image.paste(GREEN, (width // 2, 0, width, height // 2))
    image.paste(BLUE, (0, height // 2, width // 2, height))
    image.paste(YELLOW, (width // 2, height // 2, width, height))
    return image


def gradient(size) -> Image.Image:
    """A smooth photo-like picture that JPEG compresses quickly and well."""
    ramp = Image.linear_gradient("L").resize(size)
    return Image.merge("RGB", (ramp, ramp.transpose(Image.Transpose.FLIP_LEFT_RIGHT), ramp))


def exif_with_gps(orientation: int | None = 6) -> Image.Exif:
    exif = Image.Exif()
    if orientation is not None:
        exif[ORIENTATION] = orientation
    exif.get_ifd(EXIF_IFD)[DATETIME_ORIGINAL] = "2021:10:05 08:30:15"
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"  # GPSLatitudeRef
    gps[2] = (10.0, 32.0, 14.4)  # GPSLatitude: Tân An, Long An
    gps[3] = "E"  # GPSLongitudeRef
    gps[4] = (106.0, 24.0, 36.0)  # GPSLongitude
    return exif


def reopen(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def assert_no_metadata(data: bytes) -> None:
    """Nothing but pixels: no EXIF (so no GPS), no XMP, no ICC, no text chunks."""
    image = reopen(data)
    exif = image.getexif()
    assert len(exif) == 0
    assert GPS_IFD not in exif
    assert exif.get_ifd(GPS_IFD) == {}
    assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "photoshop"} & set(image.info)
    assert b"Exif\x00\x00" not in data
    assert b"http://ns.adobe.com/xap/1.0/" not in data
    if image.format == "PNG":
        assert not image.text


def close_to(actual, expected, tolerance=40) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def refusal(data, filename="anh.jpg", **limits) -> PhotoError:
    with pytest.raises(PhotoError) as caught:
        process_photo(data, filename=filename, limits=PhotoLimits(**limits))
    return caught.value


class CountingStream(io.RawIOBase):
    """``size`` zero bytes (endless if ``None``) that count how much was read."""

    def __init__(self, size: int | None, *, seekable: bool):
        self.size = size
        self.position = 0
        self.bytes_read = 0
        self._seekable = seekable

    def readable(self):
        return True

    def seekable(self):
        return self._seekable

    def readinto(self, buffer):
        left = len(buffer) if self.size is None else max(0, self.size - self.position)
        count = min(len(buffer), left)
        buffer[:count] = bytes(count)
        self.position += count
        self.bytes_read += count
        return count

    def seek(self, offset, whence=io.SEEK_SET):
        if not self._seekable:
            raise io.UnsupportedOperation("seek")
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.size}[whence]
        self.position = base + offset
        return self.position

    def tell(self):
        if not self._seekable:
            raise io.UnsupportedOperation("tell")
        return self.position


# --- privacy and orientation ---------------------------------------------------------


def test_a_phone_photo_loses_its_gps_position_and_stands_upright():
    # Stored landscape, top half red, bottom half blue; Orientation 6 says
    # "turn 90° clockwise to view", so the viewer sees red on the right.
    source = Image.new("RGB", (300, 200), BLUE)
    source.paste(RED, (0, 0, 300, 100))
    data = encode(source, "JPEG", exif=exif_with_gps(6), xmp=b"<x:xmpmeta>GPS here</x:xmpmeta>")
    assert reopen(data).getexif().get_ifd(GPS_IFD)  # the upload really carries a position

    photo = process_photo(data, filename="IMG_0042.jpg")

    assert isinstance(photo, ProcessedPhoto)
    assert (photo.content_type, photo.extension) == ("image/jpeg", ".jpg")
    assert (photo.original_width, photo.original_height) == (300, 200)
    assert (photo.width, photo.height) == (200, 300)
    assert photo.taken_at == datetime(2021, 10, 5, 8, 30, 15)
    assert photo.taken_at.tzinfo is None
    stored = reopen(photo.image)
    assert stored.size == (200, 300)
    assert close_to(stored.getpixel((150, 150)), RED)
    assert close_to(stored.getpixel((50, 150)), BLUE)
    assert_no_metadata(photo.image)
    assert_no_metadata(photo.thumbnail)


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_is_applied_like_imageops_does(orientation):
    source = quadrants()
    data = encode(source, "PNG", exif=exif_with_gps(orientation))
    expected = ImageOps.exif_transpose(reopen(data))

    photo = process_photo(data, filename="xoay.png")

    stored = reopen(photo.image)
    assert stored.size == expected.size == (photo.width, photo.height)
    width, height = stored.size
    for x, y in [
        (width // 4, height // 4),
        (3 * width // 4, height // 4),
        (width // 4, 3 * height // 4),
    ]:
        assert close_to(stored.getpixel((x, y)), expected.getpixel((x, y)))
    assert_no_metadata(photo.image)


def test_png_text_chunks_and_exif_do_not_survive():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "Nhà văn hoá ấp 3, 10.53N 106.41E")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>GPS</x:xmpmeta>")
    source = quadrants(mode="RGBA")
    source.putpixel((0, 0), (0, 0, 0, 0))  # transparent, so the output stays PNG
    data = encode(source, "PNG", pnginfo=info, exif=exif_with_gps(None).tobytes())

    photo = process_photo(data, filename="poster.png")

    assert photo.content_type == "image/png"
    assert_no_metadata(photo.image)
    assert photo.taken_at == datetime(2021, 10, 5, 8, 30, 15)


def test_an_embedded_colour_profile_is_converted_then_dropped():
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = encode(quadrants(), "JPEG", icc_profile=srgb, quality=95)
    assert reopen(data).info.get("icc_profile")

    photo = process_photo(data, filename="p3.jpg")

    stored = reopen(photo.image)
    assert "icc_profile" not in stored.info
    assert close_to(stored.getpixel((10, 10)), RED)


def test_a_profile_that_does_not_fit_the_pixels_falls_back_to_plain_conversion():
    lab = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes()
    data = encode(quadrants(), "JPEG", icc_profile=lab, quality=95)

    photo = process_photo(data, filename="la.jpg")

    assert close_to(reopen(photo.image).getpixel((10, 10)), RED)


def test_a_cmyk_jpeg_becomes_rgb():
    data = encode(quadrants().convert("CMYK"), "JPEG", quality=95)

    photo = process_photo(data, filename="in-an.jpg")

    stored = reopen(photo.image)
    assert stored.mode == "RGB"
    assert close_to(stored.getpixel((10, 10)), RED, tolerance=60)


def test_sixteen_bit_greyscale_is_scaled_not_clipped_to_white():
    data = encode(Image.new("I;16", (50, 50), 32768), "PNG")

    photo = process_photo(data, filename="xam.png")

    assert close_to(reopen(photo.image).getpixel((25, 25)), (128, 128, 128), tolerance=3)


def test_no_exif_means_no_date():
    photo = process_photo(encode(quadrants(), "JPEG"), filename="a.jpg")
    assert photo.taken_at is None


@pytest.mark.parametrize(
    "value", ["0000:00:00 00:00:00", "    :  :     :  :  ", "hôm qua", "2021:13:40 25:61:00"]
)
def test_an_unreadable_date_is_no_date(value):
    exif = Image.Exif()
    exif.get_ifd(EXIF_IFD)[DATETIME_ORIGINAL] = value
    photo = process_photo(encode(quadrants(), "JPEG", exif=exif), filename="a.jpg")
    assert photo.taken_at is None


# --- what is refused -----------------------------------------------------------------


def test_an_empty_file_is_refused():
    error = refusal(b"", filename="anh.jpg")
    assert error.code == "empty"
    assert error.message == "Tệp “anh.jpg” trống (0 byte). Vui lòng chọn lại ảnh."


def test_a_text_file_named_like_a_photo_is_refused():
    error = refusal("Báo cáo kết quả Tuần lễ học tập suốt đời\n".encode(), filename="anh.jpg")
    assert error.code == "not_image"
    assert error.message == (
        "Tệp “anh.jpg” không phải là ảnh JPEG, PNG hoặc WebP. Vui lòng chọn đúng tệp ảnh."
    )
    assert str(error) == error.message


def test_only_the_file_name_appears_in_messages():
    error = refusal(b"%PDF-1.7\n", filename="C:\\fakepath\\Bao cao.pdf")
    assert "“Bao cao.pdf”" in error.message


@pytest.mark.parametrize(
    ("image", "fmt", "filename", "shown"),
    [
        (quadrants().convert("P"), "GIF", "hoat-dong.gif", "GIF"),
        (quadrants(), "BMP", "anh.jpg", "BMP"),  # the content decides, not the name
        (quadrants(), "TIFF", "scan.tif", "TIFF"),
        (quadrants(), "ICO", "logo.ico", "ICO"),
    ],
)
def test_other_image_formats_are_refused_by_name(image, fmt, filename, shown):
    error = refusal(encode(image, fmt), filename=filename)
    assert error.code == "unsupported_format"
    assert error.message == (
        f"Ảnh “{filename}” ở định dạng {shown}, hệ thống chỉ nhận ảnh JPEG, PNG hoặc WebP. "
        "Vui lòng chuyển ảnh sang một trong các định dạng này rồi tải lên lại."
    )


def test_svg_is_refused_as_a_format():
    svg = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'
    assert refusal(svg, filename="logo.svg").message.startswith("Ảnh “logo.svg” ở định dạng SVG,")


def test_heic_from_an_iphone_is_refused_with_a_hint():
    heic = struct.pack(">I", 24) + b"ftypheic" + b"\x00" * 4 + b"mif1heic" + b"\x00" * 64
    error = refusal(heic, filename="IMG_1234.HEIC")
    assert error.code == "unsupported_format"
    assert "định dạng HEIC" in error.message
    assert error.message.endswith(
        "Trên iPhone, chọn Cài đặt › Camera › Định dạng › Tương thích nhất để máy chụp ảnh JPEG."
    )


def png_claiming(width: int, height: int) -> bytes:
    """A real 8×8 PNG whose IHDR, CRC fixed, claims ``width`` × ``height``."""
    data = bytearray(encode(Image.new("RGB", (8, 8), RED), "PNG"))
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def jpeg_claiming(width: int, height: int) -> bytes:
    data = bytearray(encode(Image.new("RGB", (8, 8), RED), "JPEG"))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def webp_claiming(width: int, height: int) -> bytes:
    data = bytearray(encode(Image.new("RGB", (8, 8), RED), "WEBP", lossless=True))
    assert data[12:16] == b"VP8L"
    bits = int.from_bytes(data[21:25], "little")
    bits = (bits & ~0xFFFFFFF) | (width - 1) | ((height - 1) << 14)
    data[21:25] = bits.to_bytes(4, "little")
    return bytes(data)


def test_a_decompression_bomb_is_refused_from_its_header(monkeypatch):
    def never_decode(self):
        raise AssertionError("the pixels must not be decoded")

    monkeypatch.setattr(PngImagePlugin.PngImageFile, "load", never_decode)
    bomb = png_claiming(20_000, 20_000)
    assert len(bomb) < 200

    started = time.perf_counter()
    error = refusal(bomb, filename="bom.png")
    elapsed = time.perf_counter() - started

    assert elapsed < 0.5
    assert error.code == "too_many_pixels"
    assert error.message == (
        "Ảnh “bom.png” có kích thước 20.000 × 20.000 điểm ảnh, vượt giới hạn 40.000.000 điểm ảnh. "
        "Vui lòng thu nhỏ ảnh rồi tải lên lại."
    )


@pytest.mark.parametrize(
    ("bomb", "dimensions"),
    [
        (jpeg_claiming(65_000, 65_000), "65.000 × 65.000"),
        (webp_claiming(16_384, 16_384), "16.384 × 16.384"),
        # Under Pillow's own limits, over ours: our check is the one that counts.
        (png_claiming(8_000, 6_000), "8.000 × 6.000"),
    ],
)
def test_every_format_is_measured_before_decoding(bomb, dimensions):
    started = time.perf_counter()
    error = refusal(bomb, filename="bom")
    assert time.perf_counter() - started < 0.5
    assert error.code == "too_many_pixels"
    assert f"có kích thước {dimensions} điểm ảnh" in error.message


def test_the_pixel_limit_is_configurable():
    error = refusal(encode(Image.new("RGB", (100, 100)), "PNG"), filename="a.png", max_pixels=5_000)
    assert "100 × 100 điểm ảnh, vượt giới hạn 5.000 điểm ảnh" in error.message


def test_thirty_megabytes_are_refused_without_being_read():
    stream = CountingStream(30 * MEGABYTE, seekable=True)

    error = refusal(stream, filename="video.jpg")

    assert error.code == "too_large"
    assert error.message == "Ảnh quá lớn: 30,0 MB. Dung lượng tối đa là 15 MB."
    assert stream.bytes_read <= 15 * MEGABYTE + 1


def test_an_endless_stream_is_cut_off_after_the_limit():
    stream = CountingStream(None, seekable=False)

    error = refusal(stream, filename="stream.jpg")

    assert error.message == "Ảnh quá lớn. Dung lượng tối đa là 15 MB."
    assert stream.bytes_read == 15 * MEGABYTE + 1


def test_bytes_over_the_limit_are_refused_with_their_size():
    assert refusal(bytes(30 * MEGABYTE)).message == (
        "Ảnh quá lớn: 30,0 MB. Dung lượng tối đa là 15 MB."
    )


def test_a_size_just_over_the_limit_never_reads_as_the_limit():
    error = refusal(bytes(2 * MEGABYTE + 1), max_bytes=2 * MEGABYTE)
    assert error.message == "Ảnh quá lớn: 2,1 MB. Dung lượng tối đa là 2 MB."


def test_a_limit_that_is_not_whole_megabytes():
    error = refusal(bytes(3 * MEGABYTE), max_bytes=2_621_440)  # 2,5 MB
    assert error.message == "Ảnh quá lớn: 3,0 MB. Dung lượng tối đa là 2,5 MB."


@pytest.mark.parametrize(
    ("fmt", "params"),
    [("JPEG", {"quality": 90}), ("PNG", {}), ("WEBP", {"quality": 90})],
)
def test_a_truncated_image_is_refused_as_corrupt(fmt, params):
    data = encode(gradient((400, 300)), fmt, **params)
    error = refusal(data[: len(data) * 2 // 3], filename="cat-ngang.jpg")
    assert error.code == "corrupt"
    assert error.message == (
        "Ảnh “cat-ngang.jpg” bị hỏng hoặc chưa được tải lên trọn vẹn nên không đọc được. "
        "Vui lòng kiểm tra lại tệp rồi tải lên lại."
    )


def test_a_jpeg_signature_followed_by_garbage_is_corrupt():
    assert refusal(b"\xff\xd8\xff\xe0" + b"garbage" * 20).code == "corrupt"


# --- what is kept ------------------------------------------------------------------


def test_a_png_with_transparency_stays_png():
    source = Image.new("RGBA", (300, 200), (*RED, 255))
    source.paste((0, 0, 0, 0), (0, 0, 150, 200))

    photo = process_photo(encode(source, "PNG"), filename="logo.png")

    assert (photo.content_type, photo.extension) == ("image/png", ".png")
    stored = reopen(photo.image)
    assert stored.format == "PNG"
    assert stored.mode == "RGBA"
    assert stored.getpixel((10, 10))[3] == 0
    assert stored.getpixel((250, 100)) == (*RED, 255)
    thumbnail = reopen(photo.thumbnail)
    assert thumbnail.format == "JPEG"
    assert close_to(thumbnail.getpixel((10, 10)), (255, 255, 255), tolerance=8)  # laid on white


def test_a_palette_png_with_a_transparent_colour_stays_png():
    source = quadrants().convert("P")
    data = encode(source, "PNG", transparency=source.getpixel((0, 0)))

    photo = process_photo(data, filename="bieu-tuong.png")

    assert photo.content_type == "image/png"
    assert reopen(photo.image).getpixel((0, 0))[3] == 0


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L", "P", "1"])
def test_an_opaque_png_becomes_jpeg(mode):
    data = encode(quadrants().convert(mode), "PNG")

    photo = process_photo(data, filename="chup-man-hinh.png")

    assert (photo.content_type, photo.extension) == ("image/jpeg", ".jpg")
    stored = reopen(photo.image)
    assert (stored.format, stored.mode) == ("JPEG", "RGB")


def test_a_large_photo_is_scaled_down_with_a_thumbnail():
    data = encode(gradient((4000, 3000)), "JPEG", quality=90)

    photo = process_photo(data, filename="le-khai-mac.jpg")

    assert (photo.original_width, photo.original_height) == (4000, 3000)
    assert (photo.width, photo.height) == (2000, 1500)
    assert reopen(photo.image).size == (2000, 1500)
    assert (photo.thumbnail_width, photo.thumbnail_height) == (400, 300)
    assert reopen(photo.thumbnail).size == (400, 300)
    assert reopen(photo.thumbnail).format == "JPEG"


def test_a_portrait_photo_fits_by_its_height():
    photo = process_photo(encode(gradient((1500, 3000)), "JPEG"), filename="doc.jpg")
    assert (photo.width, photo.height) == (1000, 2000)
    assert (photo.thumbnail_width, photo.thumbnail_height) == (200, 400)


def test_a_small_photo_is_never_enlarged():
    photo = process_photo(encode(gradient((320, 240)), "JPEG"), filename="nho.jpg")
    assert (photo.width, photo.height) == (320, 240)
    assert (photo.thumbnail_width, photo.thumbnail_height) == (320, 240)


def test_sizes_and_quality_are_configurable():
    limits = PhotoLimits(max_side=640, thumb_side=128, jpeg_quality=60)
    photo = process_photo(encode(gradient((1280, 960)), "PNG"), filename="a.png", limits=limits)
    assert (photo.width, photo.height, photo.thumbnail_width) == (640, 480, 128)


def test_webp_is_accepted_and_stored_as_jpeg_or_png():
    lossy = process_photo(encode(quadrants(), "WEBP", quality=90), filename="a.webp")
    assert lossy.content_type == "image/jpeg"
    assert close_to(reopen(lossy.image).getpixel((10, 10)), RED)

    transparent = quadrants(mode="RGBA")
    transparent.putpixel((0, 0), (0, 0, 0, 0))
    lossless = process_photo(encode(transparent, "WEBP", lossless=True), filename="b.webp")
    assert lossless.content_type == "image/png"


@pytest.mark.parametrize("fmt", ["WEBP", "PNG"])
def test_an_animation_keeps_its_first_frame(fmt):
    frames = [Image.new("RGB", (64, 48), colour) for colour in (RED, GREEN, BLUE)]
    data = encode(frames[0], fmt, save_all=True, append_images=frames[1:], duration=100, loop=0)
    assert reopen(data).n_frames == 3

    photo = process_photo(data, filename=f"dong.{fmt.lower()}")

    assert close_to(reopen(photo.image).getpixel((32, 24)), RED)


def test_a_multi_picture_jpeg_from_a_phone_keeps_its_main_picture():
    main, depth = Image.new("RGB", (64, 48), RED), Image.new("RGB", (64, 48), BLUE)
    data = encode(main, "MPO", save_all=True, append_images=[depth])
    assert Image.open(io.BytesIO(data)).format == "MPO"

    photo = process_photo(data, filename="chan-dung.jpg")

    assert photo.content_type == "image/jpeg"
    assert close_to(reopen(photo.image).getpixel((32, 24)), RED)


def test_a_django_upload_is_read_like_a_file():
    data = encode(gradient((800, 600)), "JPEG")
    upload = SimpleUploadedFile("hoi-thao.jpg", data, content_type="image/jpeg")

    photo = process_photo(upload, filename=upload.name)

    assert (photo.width, photo.height) == (800, 600)


def test_the_digest_is_that_of_the_stored_bytes_and_stable():
    import hashlib

    data = encode(gradient((500, 400)), "JPEG")
    first = process_photo(data, filename="a.jpg")
    again = process_photo(io.BytesIO(data), filename="b.jpg")
    assert first.sha256 == hashlib.sha256(first.image).hexdigest()
    assert again.sha256 == first.sha256


@pytest.mark.parametrize(
    "bad",
    [
        {"max_bytes": 0},
        {"max_pixels": -1},
        {"max_side": 0},
        {"thumb_side": 1.5},
        {"jpeg_quality": 0},
        {"jpeg_quality": 100},
    ],
)
def test_nonsense_limits_are_a_programming_error(bad):
    with pytest.raises(ValueError):
        PhotoLimits(**bad)


# --- nothing but PhotoError ------------------------------------------------------------

SMALL = PhotoLimits(max_bytes=64 * 1024, max_pixels=1_000_000, max_side=64, thumb_side=16)


def check_never_raises_anything_else(data: bytes) -> None:
    try:
        photo = process_photo(data, filename="x.jpg", limits=SMALL)
    except PhotoError as error:
        assert error.message
        assert error.code in {
            "empty",
            "too_large",
            "not_image",
            "unsupported_format",
            "too_many_pixels",
            "corrupt",
        }
    else:
        assert photo.image
        assert photo.thumbnail


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_only_ever_raise_photo_error(data):
    check_never_raises_anything_else(data)


@given(
    st.sampled_from([b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF\x00\x00\x00\x00WEBPVP8 "]),
    st.binary(max_size=2048),
)
@settings(max_examples=300, deadline=None)
def test_a_valid_signature_with_junk_only_ever_raises_photo_error(signature, rest):
    check_never_raises_anything_else(signature + rest)


VALID = {
    "jpeg": encode(quadrants((48, 32)), "JPEG", exif=exif_with_gps(6)),
    "png": encode(quadrants((48, 32), mode="RGBA"), "PNG", exif=exif_with_gps(3)),
    "webp": encode(quadrants((48, 32)), "WEBP", exif=exif_with_gps(8)),
}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(VALID)), st.data())
def test_damaged_real_images_only_ever_raise_photo_error(kind, data):
    image = bytearray(VALID[kind])
    for _ in range(data.draw(st.integers(1, 8), label="damages")):
        position = data.draw(st.integers(0, len(image) - 1), label="position")
        image[position] = data.draw(st.integers(0, 255), label="byte")
    cut = data.draw(st.integers(1, len(image)), label="length")
    check_never_raises_anything_else(bytes(image[:cut]))


@pytest.mark.django_db(transaction=True)
def test_a_photo_is_decoded_outside_any_transaction(demo, monkeypatch):
    """On SQLite a transaction holds the one write lock: decoding a phone's
    photo (a second) must not keep every other user waiting."""
    from django.db import connection

    from lifelong_week.reports import domain

    seen = []
    process = domain.process_photo

    def watching(*args, **kwargs):
        seen.append(connection.in_atomic_block)
        return process(*args, **kwargs)

    monkeypatch.setattr(domain, "process_photo", watching)
    from lifelong_week.accounts.models import User

    reporter = User.objects.get(username="benluc.baocao")
    report = domain.open_report(demo.campaign.steps.get(order=1), demo.units["803"], by=reporter)

    domain.add_photo(
        report, data=encode(quadrants(), "JPEG"), filename="anh.jpg", caption="Lễ khai mạc",
        may_publish=False, by=reporter,
    )  # fmt: skip

    assert seen == [False]
    assert report.photos.count() == 1
