"""Adjustable presentation rules of Decree 30/2020/NĐ-CP (see ``shared/ND30.md``).

Several rules were gathered from secondary sources, and the Decree itself
gives ranges ("13–14 pt", "20–25 mm"). Every such value is a field of
:class:`LayoutSettings` with the default chosen in ND30.md, so an
administrator can adjust it without touching the layout code. The layout
module reads nothing else: no size, width or spacing is hard-coded there.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

# A4 is not adjustable: the Decree prescribes it and clerks print on it.
A4_WIDTH_MM = 210.0
A4_HEIGHT_MM = 297.0


@dataclass(frozen=True, kw_only=True)
class LayoutSettings:
    """The Decree 30 layout rules, each with its ND30.md default."""

    # Page: margins top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
    margin_top_mm: float = 20.0
    margin_bottom_mm: float = 20.0
    margin_left_mm: float = 30.0
    margin_right_mm: float = 15.0
    # Page numbers sit in the top margin: distance of the header from the edge.
    header_distance_mm: float = 10.0
    footer_distance_mm: float = 10.0

    # Font: Times New Roman for everything (Liberation Serif stands in on Linux).
    font_name: str = "Times New Roman"
    # Body: 13–14 pt, one size throughout.
    body_size_pt: float = 14.0
    # Page numbers: 13–14 pt, centred in the header, not on the first page.
    page_number_size_pt: float = 13.0

    # Header block, left column: governing body 12–13 regular, issuing body
    # 12–13 bold, number 13.
    governing_body_size_pt: float = 13.0
    issuing_body_size_pt: float = 13.0
    number_size_pt: float = 13.0
    # Official letter (công văn): "V/v …" under the number, 12–13 regular.
    letter_summary_size_pt: float = 12.0
    # Header block, right column: national title 12–13 bold; the motto is one
    # size larger (see ``motto_size_pt``); place and date 13–14 italic.
    national_title_size_pt: float = 13.0
    place_date_size_pt: float = 14.0
    # Space between the names and the number / date row.
    header_second_row_space_pt: float = 6.0
    # Column widths of the header table: left about 65 mm, right 95–100 mm.
    header_left_width_mm: float = 65.0
    header_right_width_mm: float = 100.0
    # The rule under the issuing body is 1/3–1/2 of the name's width.
    issuer_rule_ratio: float = 0.4
    # Weight of every solid rule, in eighths of a point (Word's unit): 0.75 pt.
    rule_weight_eighths: int = 6

    # Title: document type 13–14 bold; summary (trích yếu) 14 bold; a short
    # centred rule under it.
    doc_type_size_pt: float = 14.0
    summary_size_pt: float = 14.0
    summary_rule_mm: float = 30.0
    title_space_before_pt: float = 18.0
    title_space_after_pt: float = 12.0

    # Body: justified, first-line indent 1–1.27 cm, at least 6 pt between
    # paragraphs, line spacing from single up to 1.5.
    first_line_indent_cm: float = 1.27
    paragraph_spacing_pt: float = 6.0
    line_spacing: float = 1.15

    # Tables of figures (not fixed by the Decree; smaller than the body so
    # that eight columns fit on a portrait page).
    table_size_pt: float = 12.0
    # More rows than this move the figures from the body to an appendix.
    figures_appendix_threshold: int = 15
    # Appendix: "Phụ lục I" 14 bold, title 14 bold upper case, the line
    # "(Kèm theo …)" 14 italic.
    appendix_size_pt: float = 14.0
    # The Decree numbers an appendix's pages on their own ("số trang của Phụ
    # lục được đánh riêng"): restart at 1, first page unnumbered.
    appendix_restarts_page_numbers: bool = True

    # Closing block: left about 80 mm ("Nơi nhận:" 12 bold italic, entries
    # 11), right about 85 mm (authority and name 13–14 bold).
    closing_left_width_mm: float = 80.0
    closing_right_width_mm: float = 85.0
    recipients_heading_size_pt: float = 12.0
    recipients_size_pt: float = 11.0
    signature_size_pt: float = 14.0
    signature_blank_lines: int = 4
    closing_space_before_pt: float = 6.0

    # Drafts leave the number and the day blank: this many spaces replace
    # " 05" in "Số: 05/BC-…" and " 05 " in "ngày 05 tháng".
    draft_blank_spaces: int = 6

    def __post_init__(self) -> None:
        # Reject values that cannot produce a page at all; the ranges of the
        # Decree are advice to the administrator, not enforced here.
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
                raise ValueError(f"{f.name} must not be negative (got {value})")
        if self.text_width_mm <= 0:
            raise ValueError("the left and right margins leave no room for text")
        if not 1.0 <= self.line_spacing <= 1.5:
            raise ValueError("line_spacing must be between 1 (single) and 1.5")

    @property
    def motto_size_pt(self) -> float:
        """The motto "Độc lập - Tự do - Hạnh phúc" is one size larger than the national title."""
        return self.national_title_size_pt + 1

    @property
    def text_width_mm(self) -> float:
        """Width between the margins of a portrait page."""
        return A4_WIDTH_MM - self.margin_left_mm - self.margin_right_mm

    @property
    def landscape_text_width_mm(self) -> float:
        """Width between the margins of a landscape appendix page."""
        return A4_HEIGHT_MM - self.margin_left_mm - self.margin_right_mm


DEFAULT_SETTINGS = LayoutSettings()
