"""Read a document file into a list of text lines.

Supported: plain text (UTF-8 with or without BOM, UTF-16 with BOM; other
8-bit text is read as Windows-1252 so that legacy-font text stays
recognisable), Word .docx (paragraphs and table cells in document order,
automatic numbering rendered) and PDF with a text layer. The format is told
by the file's content, not its name.

Line conventions, which the parser relies on:

* text files: one line per line of the file;
* .docx: one line per paragraph (a manual line break inside a paragraph
  gives two lines), a blank line after each paragraph — so paragraphs stay
  apart just as in a text conversion of the document; table cells are read
  row by row, left to right, the cell's pieces separated by blank lines;
* PDF: the text layer's lines, a blank line between pages, lines holding only
  a page number dropped.

Every failure raises :class:`PlanReadError` with a short Vietnamese message.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import logging
import os
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .docx_numbering import Numbering
from .errors import PlanReadError

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# More than this share of control characters means binary, not text.
_BINARY_SHARE = 0.01
_MAX_BYTES = 50 * 1024 * 1024
# What a plan can be, checked before the work is done: a province's plan is
# some 30,000 characters; the bounds leave room for the longest real ones
# (with pictures) and refuse files built to exhaust the server.
MAX_PARTS = 2_000  # files inside a .docx
MAX_INFLATED_BYTES = 60 * 1024 * 1024  # a .docx's parts once unpacked, pictures included
MAX_XML_BYTES = 20 * 1024 * 1024  # its text parts once unpacked
MAX_PDF_PAGES = 400
MAX_CHARACTERS = 2_000_000  # about a thousand pages
MAX_LINES = 100_000
MAX_LINE_CHARACTERS = 20_000  # one paragraph

# An lxml element of the WordprocessingML tree.
Element = Any


def read_document(path: str | os.PathLike[str]) -> list[str]:
    """The lines of the document at ``path`` (see the module notes)."""
    data = _read_bytes(Path(path))
    if data.startswith(b"PK\x03\x04"):
        return read_docx(data)
    if data.startswith(b"%PDF"):
        return read_pdf(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise PlanReadError(
            "Tệp Word cũ (.doc) chưa được hỗ trợ; hãy mở bằng Word và lưu lại dạng .docx."
        )
    if data.startswith(b"{\\rtf"):
        raise PlanReadError("Tệp RTF chưa được hỗ trợ; hãy lưu lại dạng .docx hoặc .txt.")
    return bounded(decode_text(data).splitlines())


def _read_bytes(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise PlanReadError(f"“{path.name}” là một thư mục, không phải tệp văn bản.")
        if not path.exists():
            raise PlanReadError(f"Không tìm thấy tệp “{path.name}”.")
        if path.stat().st_size > _MAX_BYTES:
            raise PlanReadError("Tệp quá lớn (hơn 50 MB) để là một kế hoạch.")
        return path.read_bytes()
    except PlanReadError:
        raise
    except OSError as error:
        raise PlanReadError(f"Không đọc được tệp “{path.name}”.") from error


def bounded(lines: list[str]) -> list[str]:
    """``lines``, once they are known to be no larger than a plan can be."""
    if len(lines) > MAX_LINES:
        raise PlanReadError(
            f"Tệp có hơn {MAX_LINES:,} dòng, quá dài để là một kế hoạch.".replace(",", ".")
        )
    total = 0
    for line in lines:
        if len(line) > MAX_LINE_CHARACTERS:
            raise PlanReadError(
                "Tệp có một đoạn văn dài bất thường (hơn 20.000 ký tự), không phải một kế hoạch."
            )
        total += len(line)
    if total > MAX_CHARACTERS:
        raise PlanReadError("Tệp có hơn 2 triệu ký tự, quá dài để là một kế hoạch.")
    return lines


def decode_text(data: bytes) -> str:
    """Decode a text file; raise PlanReadError for binary data."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _check_text(data.decode(encoding))
            except UnicodeDecodeError as error:
                raise PlanReadError("Tệp văn bản bị hỏng (sai mã Unicode).") from error
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        if b"\x00" in data:
            raise PlanReadError(
                "Tệp không phải là văn bản (có vẻ là tệp nhị phân hoặc định dạng chưa hỗ trợ)."
            ) from None
        # Old 8-bit files (often typed with TCVN3/VNI fonts): keep them
        # readable so that the parser can recognise and report the encoding.
        text = data.decode("cp1252", errors="replace")
        if text.count("\ufffd") > len(text) * _BINARY_SHARE:
            raise PlanReadError(
                "Tệp không phải là văn bản (có vẻ là tệp nhị phân hoặc định dạng chưa hỗ trợ)."
            ) from None
    return _check_text(text)


def _check_text(text: str) -> str:
    if text and len(_CONTROL.findall(text)) > max(1, len(text) * _BINARY_SHARE):
        raise PlanReadError(
            "Tệp không phải là văn bản (có vẻ là tệp nhị phân hoặc định dạng chưa hỗ trợ)."
        )
    return _CONTROL.sub("", text)


# Word ------------------------------------------------------------------------


def read_docx(data: bytes) -> list[str]:
    """Lines of a .docx file (see the module notes)."""
    try:
        import docx  # python-docx; imported here so text files need nothing
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as error:  # pragma: no cover - a dependency of the project
        raise PlanReadError("Thiếu thư viện đọc tệp Word (python-docx).") from error
    _check_package(data)
    try:
        document = docx.Document(io.BytesIO(data))
        numbering = Numbering(document)
        lines: list[str] = []
        for text in _docx_blocks(document.element.body, numbering):
            lines.extend(text.split("\n"))
            lines.append("")
    except (PackageNotFoundError, zipfile.BadZipFile) as error:
        raise PlanReadError("Tệp Word (.docx) bị hỏng hoặc không đúng định dạng.") from error
    except Exception as error:
        # A damaged package makes python-docx and lxml raise many kinds of
        # errors (KeyError, ValueError, XMLSyntaxError…): all mean "corrupt".
        raise PlanReadError("Tệp Word (.docx) bị hỏng hoặc không đúng định dạng.") from error
    return bounded(lines)


def _check_package(data: bytes) -> None:
    """Refuse a .docx that unpacks to far more than a plan, before unpacking it
    (the sizes are read from the zip's directory; python-docx would read
    every part into memory)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise PlanReadError("Tệp Word (.docx) bị hỏng hoặc không đúng định dạng.") from error
    if len(parts) > MAX_PARTS:
        raise PlanReadError("Tệp Word (.docx) có quá nhiều thành phần, không phải một kế hoạch.")
    inflated = sum(part.file_size for part in parts)
    text = sum(part.file_size for part in parts if part.filename.endswith((".xml", ".rels")))
    if inflated > MAX_INFLATED_BYTES or text > MAX_XML_BYTES:
        raise PlanReadError(
            "Tệp Word (.docx) giải nén ra quá lớn (hơn 20 MB chữ hoặc 60 MB tất cả), "
            "không phải một kế hoạch."
        )


def _docx_blocks(container: Element, numbering: Numbering) -> Iterator[str]:
    """Paragraph texts of a body or table cell, tables included, in order."""
    from docx.oxml.ns import qn

    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            yield numbering.label(child) + _paragraph_text(child)
        elif child.tag == qn("w:tbl"):
            yield from _docx_table(child, numbering)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _docx_blocks(content, numbering)


def _docx_table(table: Element, numbering: Numbering) -> Iterator[str]:
    from docx.oxml.ns import qn

    for row in table.iterchildren(qn("w:tr")):
        for cell in row.iterchildren(qn("w:tc")):
            # A cell merged vertically with the one above repeats nothing.
            merge = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            if merge is not None and merge.get(qn("w:val")) in (None, "continue"):
                continue
            yield from _docx_blocks(cell, numbering)


def _paragraph_text(paragraph: Element) -> str:
    """The text of a w:p element: runs, tabs, breaks, hyperlinks, fields."""
    from docx.oxml.ns import qn

    parts = []
    for node in paragraph.iter():
        tag = node.tag
        if tag == qn("w:t"):
            parts.append(node.text or "")
        elif tag == qn("w:tab"):
            parts.append("\t")
        elif tag in (qn("w:br"), qn("w:cr")):
            if node.get(qn("w:type")) not in ("page", "column"):
                parts.append("\n")
        elif tag == qn("w:delText"):
            continue
    return "".join(parts)


# PDF -------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?(?:Trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?\s*$")


@contextlib.contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """Silence a library's warnings: a damaged file is reported by our own
    exception, and the command line promises a single line on stderr."""
    logger = logging.getLogger(logger_name)
    previous = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(previous)


def read_pdf(data: bytes) -> list[str]:
    """Lines of a PDF's text layer (see the module notes)."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError as error:  # pragma: no cover - a dependency of the project
        raise PlanReadError("Thiếu thư viện đọc tệp PDF (pypdf).") from error
    try:
        with _quiet("pypdf"):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise PlanReadError("Tệp PDF được đặt mật khẩu, không đọc được.")
            if len(reader.pages) > MAX_PDF_PAGES:
                raise PlanReadError(
                    f"Tệp PDF có hơn {MAX_PDF_PAGES} trang, quá dài để là một kế hoạch."
                )
            pages, characters = [], 0
            for page in reader.pages:
                pages.append(page.extract_text() or "")
                characters += len(pages[-1])
                if characters > MAX_CHARACTERS:
                    raise PlanReadError("Tệp có hơn 2 triệu ký tự, quá dài để là một kế hoạch.")
    except PlanReadError:
        raise
    except PyPdfError as error:
        raise PlanReadError("Tệp PDF bị hỏng hoặc không đúng định dạng.") from error
    except Exception as error:
        # pypdf lets many low-level errors through on damaged files.
        raise PlanReadError("Tệp PDF bị hỏng hoặc không đúng định dạng.") from error
    if not any(page.strip() for page in pages):
        raise PlanReadError(
            "Tệp PDF không có lớp chữ (có thể là bản quét); hãy dùng bản .docx "
            "hoặc nhận dạng chữ (OCR) trước."
        )
    lines: list[str] = []
    for page in pages:
        lines.extend(line for line in page.splitlines() if not _PAGE_NUMBER.match(line))
        lines.append("")
    return bounded(lines)
