"""Reading files: text encodings, Word, PDF, and the files we must refuse."""

import codecs
import io
import zipfile

import pytest
from pypdf import PdfWriter

from lifelong_week.documents.planparser import PlanReadError, parse_plan, read_document

TEXT = "KẾ HOẠCH\nTổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2024\n"
LINES = ["KẾ HOẠCH", "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2024"]


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with the platform's BOM
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        codecs.BOM_UTF16_LE + TEXT.replace("\n", "\r\n").encode("utf-16-le"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16-be", "utf16-le-crlf"],
)
def test_text_files_in_every_unicode_encoding_read_the_same(tmp_path, data):
    path = tmp_path / "plan.txt"
    path.write_bytes(data)

    assert read_document(path) == LINES


def test_extension_does_not_matter(tmp_path):
    path = tmp_path / "plan.docx"  # a text file with the wrong name
    path.write_text(TEXT, encoding="utf-8")

    assert read_document(path) == LINES


def _error_for(path) -> str:
    with pytest.raises(PlanReadError) as caught:
        read_document(path)
    message = str(caught.value)
    assert message and "\n" not in message
    return message


def test_missing_file_is_refused_in_vietnamese(tmp_path):
    assert _error_for(tmp_path / "khong-co.txt") == "Không tìm thấy tệp “khong-co.txt”."


def test_directory_is_refused(tmp_path):
    assert "thư mục" in _error_for(tmp_path)


def test_binary_junk_is_refused(tmp_path):
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 40)

    assert "không phải là văn bản" in _error_for(path)


def test_corrupt_docx_is_refused(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 100)

    assert "Word" in _error_for(path)


def test_zip_that_is_not_a_word_file_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    path = tmp_path / "archive.docx"
    path.write_bytes(buffer.getvalue())

    assert "Word" in _error_for(path)


def test_old_word_format_is_refused_with_advice(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)

    assert ".docx" in _error_for(path)


def test_scanned_pdf_without_text_is_refused(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as handle:
        writer.write(handle)

    assert "PDF" in _error_for(path)


def test_corrupt_pdf_is_refused(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"\x00\xff" * 50)

    assert "PDF" in _error_for(path)


def _pdf_with_text(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (ASCII, Helvetica)."""
    commands = "BT /F1 12 Tf 72 760 Td 14 TL " + " ".join(f"({line}) Tj T*" for line in lines)
    stream = (commands + " ET").encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_pdf_text_layer_is_read_and_page_numbers_dropped(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(_pdf_with_text(["KE HOACH", "2", "So: 12/KH-UBND"]))

    lines = [line.strip() for line in read_document(path) if line.strip()]

    assert lines == ["KE HOACH", "So: 12/KH-UBND"]


def test_legacy_8bit_text_file_is_read_and_reported(tmp_path):
    # A TCVN3 (ABC) file: the bytes of ".VnTime" text, not UTF-8.
    path = tmp_path / "tcvn3.txt"
    path.write_bytes("KÕ ho¹ch tæ chøc TuÇn lÔ h­ëng øng häc tËp suèt ®êi\n".encode("cp1252"))

    extract = parse_plan(read_document(path))

    assert extract.warnings[0].startswith("Văn bản có vẻ được gõ bằng bảng mã cũ")


# --- files built to exhaust the server are refused before the work ------------------


def _docx_with_body(tmp_path, body_xml: bytes, *, name="plan.docx"):
    """A real .docx (python-docx's) whose document part is replaced."""
    from docx import Document

    source = tmp_path / "base.docx"
    Document().save(source)
    path = tmp_path / name
    with zipfile.ZipFile(source) as base, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in base.infolist():
            data = base.read(item.filename)
            if item.filename == "word/document.xml":
                data = body_xml
            out.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    return path


def test_a_docx_that_unpacks_to_a_hundred_megabytes_is_refused_unread(tmp_path):
    paragraph = b"<w:p><w:r><w:t>" + b"a" * (100 * 1024 * 1024) + b"</w:t></w:r></w:p>"
    body = (
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body>" + paragraph + b"</w:body></w:document>"
    )
    path = _docx_with_body(tmp_path, body)
    assert path.stat().st_size < 1024 * 1024  # a small file…

    with pytest.raises(PlanReadError, match="giải nén ra quá lớn"):
        read_document(path)  # …refused from the zip's directory alone


def test_a_docx_with_thousands_of_parts_is_refused(tmp_path):
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w") as package:
        for number in range(2_100):
            package.writestr(f"word/media/p{number}.bin", b"")

    with pytest.raises(PlanReadError, match="quá nhiều thành phần"):
        read_document(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Kế hoạch số 12/KH-UBND\n" * 200_000, "quá dài để là một kế hoạch"),
        ("Kế hoạch " + "x" * 30_000 + "\n", "đoạn văn dài bất thường"),
        (("Tổ chức Tuần lễ " * 1_000 + "\n") * 200, "hơn 2 triệu ký tự"),
    ],
    ids=["too-many-lines", "one-huge-paragraph", "too-many-characters"],
)
def test_text_far_longer_than_any_plan_is_refused(tmp_path, text, message):
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(PlanReadError, match=message):
        read_document(path)
