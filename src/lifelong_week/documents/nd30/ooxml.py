"""Low-level WordprocessingML that python-docx has no API for.

Kept apart from the layout so the Decree's rules read as rules there, and the
XML details (which element goes where, in which unit) live here.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
_THEME_SLOTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_BORDER_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")


def twips(mm: float) -> int:
    """Millimetres to twentieths of a point, Word's unit for widths and margins."""
    return Mm(mm).twips


def half_points(size_pt: float) -> int:
    """Font sizes are stored in half points."""
    return round(size_pt * 2)


def set_fonts(rpr, font_name: str) -> None:
    """Name ``font_name`` in all four rFonts slots of a ``w:rPr``.

    Word picks the slot by character class, so a Vietnamese letter can fall
    into ``eastAsia`` or ``cs`` and print in another font if those are
    left unset. Theme slots are removed because they override named fonts.
    """
    rfonts = _set_child(rpr, "w:rFonts", {})
    for slot in _THEME_SLOTS:
        rfonts.attrib.pop(qn(slot), None)
    for slot in FONT_SLOTS:
        rfonts.set(qn(slot), font_name)


def set_document_defaults(styles, font_name: str, size_pt: float, *, language: str) -> None:
    """Font, size, language and no paragraph spacing in ``w:docDefaults``.

    python-docx's template defaults to theme fonts, 11 pt, English, 10 pt
    after every paragraph and 1.15 lines; the blocks of a Decree 30 document
    start from single spacing and set their own.
    """
    defaults = _set_child(styles, "w:docDefaults", {})
    rpr = _set_child(_set_child(defaults, "w:rPrDefault", {}), "w:rPr", {})
    set_fonts(rpr, font_name)
    set_complex_size(rpr, size_pt)
    _set_child(rpr, "w:lang", {"w:val": language, "w:eastAsia": language})
    ppr = _set_child(_set_child(defaults, "w:pPrDefault", {}), "w:pPr", {})
    spacing = {"w:before": "0", "w:after": "0", "w:line": "240", "w:lineRule": "auto"}
    _set_child(ppr, "w:spacing", spacing)


def set_complex_size(rpr, size_pt: float) -> None:
    """Set ``w:szCs`` as well as ``w:sz``, so every script prints at one size."""
    for tag in ("w:sz", "w:szCs"):
        _set_child(rpr, tag, {"w:val": str(half_points(size_pt))})


def format_run(
    run: Run, font_name: str, size_pt: float, *, bold: bool = False, italic: bool = False
) -> Run:
    """Give a run its font (all four slots), size and weight explicitly."""
    run.font.size = Pt(size_pt)
    run.bold = bold or None
    run.italic = italic or None
    rpr = run._r.get_or_add_rPr()
    set_fonts(rpr, font_name)
    set_complex_size(rpr, size_pt)
    return run


def run_properties_xml(font_name: str, size_pt: float, *, bold: bool = False) -> str:
    """``<w:rPr>`` as text, for tables built as XML (see ``tables.py``)."""
    font = escape(font_name, {'"': "&quot;"})
    size = half_points(size_pt)
    slots = " ".join(f'{slot}="{font}"' for slot in FONT_SLOTS)
    weight = "<w:b/><w:bCs/>" if bold else ""
    return (
        f'<w:rPr><w:rFonts {slots}/>{weight}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
    )


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_JC = {"left": "left", "center": "center", "right": "right", "both": "both"}


def paragraph_xml(
    runs: list[tuple[str, bool, bool]],
    font_name: str,
    size_pt: float,
    *,
    align: str = "left",
    first_line_indent_twips: int | None = None,
    space_before_pt: float = 0,
    space_after_pt: float = 0,
    line_spacing: float = 1.0,
    keep_with_next: bool = False,
    bold: bool = False,
    italic: bool = False,
) -> str:
    """A whole ``<w:p>`` as text: the paragraph's format, its mark's and every
    run's font in all four slots, size and weight — what ``format_run`` and
    ``format_mark`` give one element at a time, written at once (a report's
    body is a thousand paragraphs). ``runs``: (text, bold, italic)."""
    font = escape(font_name, {'"': "&quot;"})
    fonts = "<w:rFonts " + " ".join(f'{slot}="{font}"' for slot in FONT_SLOTS) + "/>"
    size = half_points(size_pt)
    sizes = f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    keep = "<w:keepNext/>" if keep_with_next else ""
    spacing = (
        f'<w:spacing w:before="{round(space_before_pt * 20)}" '
        f'w:after="{round(space_after_pt * 20)}" w:line="{round(line_spacing * 240)}" '
        'w:lineRule="auto"/>'
    )
    indent = (
        f'<w:ind w:firstLine="{first_line_indent_twips}"/>'
        if first_line_indent_twips is not None
        else ""
    )
    mark = fonts + ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + sizes
    parts = [
        f'<w:p xmlns:w="{_W_NS}"><w:pPr>{keep}<w:widowControl/>{spacing}{indent}'
        f'<w:jc w:val="{_JC[align]}"/><w:rPr>{mark}</w:rPr></w:pPr>'
    ]
    for text, run_bold, run_italic in runs:
        weight = ("<w:b/>" if run_bold else "") + ("<w:i/>" if run_italic else "")
        parts.append(f"<w:r><w:rPr>{fonts}{weight}{sizes}</w:rPr>{_run_content(text)}</w:r>")
    parts.append("</w:p>")
    return "".join(parts)


def _run_content(text: str) -> str:
    """A run's text as python-docx writes it: tabs as ``<w:tab/>``, line ends
    as ``<w:br/>``, the rest in ``<w:t>`` (spaces kept where they lead or trail)."""
    out, chunk = [], []

    def flush() -> None:
        if chunk:
            piece = "".join(chunk)
            space = ' xml:space="preserve"' if piece != piece.strip() else ""
            out.append(f"<w:t{space}>{escape(piece)}</w:t>")
            chunk.clear()

    for char in text:
        if char == "\t":
            flush()
            out.append("<w:tab/>")
        elif char in "\r\n":
            flush()
            out.append("<w:br/>")
        else:
            chunk.append(char)
    flush()
    return "".join(out)


def format_mark(
    paragraph: Paragraph,
    font_name: str,
    size_pt: float,
    *,
    bold: bool = False,
    italic: bool = False,
) -> None:
    """Format the paragraph mark like the text: it sets the height of an empty
    paragraph, and Word gives its formatting to text a clerk types at the end."""
    rpr = _set_child(paragraph._p.get_or_add_pPr(), "w:rPr", {})
    set_fonts(rpr, font_name)
    for tag, on in (("w:b", bold), ("w:i", italic)):
        if on:
            _set_child(rpr, tag, {})
    set_complex_size(rpr, size_pt)


def add_bottom_border(paragraph: Paragraph, weight_eighths: int) -> None:
    """A solid line under the paragraph, between its left and right indents."""
    borders = _set_child(paragraph._p.get_or_add_pPr(), "w:pBdr", {})
    attrs = {"w:val": "single", "w:sz": str(weight_eighths), "w:space": "1", "w:color": "000000"}
    _set_child(borders, "w:bottom", attrs)


def set_table_grid(table: Table, widths_mm: list[float], *, cell_margin_mm: float = 0) -> None:
    """Fix the table's column widths on the grid *and* on every cell.

    LibreOffice ignores cell widths alone and splits the columns evenly, Word
    ignores the grid alone; a fixed layout stops either from re-fitting.
    """
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    _set_child(tbl_pr, "w:tblW", {"w:w": str(sum(map(twips, widths_mm))), "w:type": "dxa"})
    _set_child(tbl_pr, "w:tblInd", {"w:w": "0", "w:type": "dxa"})
    margins = _set_child(tbl_pr, "w:tblCellMar", {})
    for side in ("left", "right"):
        _set_child(margins, f"w:{side}", {"w:w": str(twips(cell_margin_mm)), "w:type": "dxa"})
    for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
        grid_col.w = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def restart_page_numbers(sect_pr, start: int = 1) -> None:
    """Number the section's pages from ``start`` (an appendix numbered on its own)."""
    _set_child(sect_pr, "w:pgNumType", {"w:start": str(start)})


def keep_row_together(tr) -> None:
    """Forbid a page break inside a table row (``w:cantSplit``)."""
    _set_child(tr.get_or_add_trPr(), "w:cantSplit", {})


def remove_borders(table: Table) -> None:
    """Make a table invisible: the header and closing blocks have no borders."""
    borders = _set_child(table._tbl.tblPr, "w:tblBorders", {})
    for edge in _BORDER_EDGES:
        _set_child(borders, f"w:{edge}", {"w:val": "nil"})


def _set_child(parent, tag: str, attrs: dict[str, str]):
    """Get or create ``parent``'s child ``tag`` in schema order; set ``attrs``."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        _insert_in_order(parent, child)
    for key, value in attrs.items():
        child.set(qn(key), value)
    return child


# fmt: off
# Schema order (ECMA-376) of the children of the elements we add children to:
# Word rejects a file whose elements are out of order.
_ORDER = {
    "pPr": (
        "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
        "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
        "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
        "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
        "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
        "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
    ),
    "pBdr": ("top", "left", "bottom", "right", "between", "bar"),
    "sectPr": (
        "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz",
        "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt",
        "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid",
        "printerSettings", "sectPrChange",
    ),
    "styles": ("docDefaults", "latentStyles", "style"),
    "docDefaults": ("rPrDefault", "pPrDefault"),
    "rPr": (
        "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
        "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish",
        "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight",
        "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
        "eastAsianLayout", "specVanish", "oMath",
    ),
    "trPr": (
        "cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit",
        "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden",
    ),
    "tblPr": (
        "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
        "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
        "shd", "tblLayout", "tblCellMar", "tblLook",
    ),
    "tblCellMar": ("top", "start", "left", "bottom", "end", "right"),
    "tblBorders": ("top", "start", "left", "bottom", "end", "right", "insideH", "insideV"),
}
# fmt: on


def _insert_in_order(parent, child) -> None:
    order = _ORDER.get(parent.tag.split("}")[1])
    if order is None:
        parent.append(child)
        return
    name = child.tag.split("}")[1]
    later = set(order[order.index(name) + 1 :])
    for sibling in parent:
        if sibling.tag.split("}")[1] in later:
            sibling.addprevious(child)
            return
    parent.append(child)


def add_field(paragraph: Paragraph, instruction: str, placeholder: str) -> list[Run]:
    """Append a complex field (``PAGE`` …) to a paragraph; returns its runs.

    A complex field (begin / instruction / separate / result / end) rather
    than ``w:fldSimple``: both Word and LibreOffice update it on every page.
    """
    runs = []
    for kind in ("begin", "instr", "separate", "result", "end"):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run._r.append(instr)
        elif kind == "result":
            run.text = placeholder
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        runs.append(run)
    return runs
