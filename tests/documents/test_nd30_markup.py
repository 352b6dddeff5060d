"""The section-text markup (``documents.nd30.markup``): the one parse both the
report page and the .docx print from, so neither swallows what a unit typed."""

from __future__ import annotations

import io

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lifelong_week.documents.nd30 import OfficialDocument
from lifelong_week.documents.nd30.markup import Span, parse_inline

# What a unit types in a line: letters with diacritics, digits, spaces and
# punctuation, and asterisks wherever they fall.
_LINE = st.lists(
    st.sampled_from([*"aăâđêôơưzĐỨ19 ,.:;()-_/", "**", "*", " *", "* ", "***"]), max_size=30
).map("".join)
_PLAIN = st.characters(blacklist_characters="*", blacklist_categories=("Cs",))
# A span's content: no asterisk, no space at either end.
_CONTENT = st.text(alphabet=_PLAIN, min_size=1).filter(lambda s: s.strip() == s)


def without_stars(text: str) -> str:
    return text.replace("*", "")


def test_a_one_character_bold_does_not_swallow_the_text_up_to_the_next_bold():
    # The Sở TT&TT's demo report: "2** lớp học trực tuyến với **198" printed bold.
    assert parse_inline("- **2** lớp học trực tuyến với **198** lượt học viên") == [
        Span("- "),
        Span("2", bold=True),
        Span(" lớp học trực tuyến với "),
        Span("198", bold=True),
        Span(" lượt học viên"),
    ]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # adjacent spans
        ("**a****b**", [Span("a", bold=True), Span("b", bold=True)]),
        ("**1**/**2**", [Span("1", bold=True), Span("/"), Span("2", bold=True)]),
        ("*x* *y*", [Span("x", italic=True), Span(" "), Span("y", italic=True)]),
        # unbalanced markers are printed as typed, the pairs after them still count
        ("**a **b** c", [Span("**a "), Span("b", bold=True), Span(" c")]),
        ("Tăng **30% so với 2020", [Span("Tăng **30% so với 2020")]),
        ("5 * 3 = 15 và **7**", [Span("5 * 3 = 15 và "), Span("7", bold=True)]),
        # markers at line ends
        ("Kết quả: **", [Span("Kết quả: **")]),
        ("** đầu dòng", [Span("** đầu dòng")]),
        ("cuối dòng **đậm**", [Span("cuối dòng "), Span("đậm", bold=True)]),
        ("****", [Span("****")]),
        # a space inside the markers is not emphasis
        ("** a **", [Span("** a **")]),
        # italic inside bold
        (
            "**Ngày *01/10* tại trường**",
            [
                Span("Ngày ", bold=True),
                Span("01/10", bold=True, italic=True),
                Span(" tại trường", bold=True),
            ],
        ),
        # an asterisk between word characters is arithmetic, not italic
        ("2*3*4", [Span("2*3*4")]),
    ],
)
def test_spans(typed, expected):
    assert parse_inline(typed) == expected


@given(_LINE)
def test_parsing_loses_or_invents_no_character_but_the_markers(line):
    spans = parse_inline(line)
    assert without_stars("".join(span.text for span in spans)) == without_stars(line)
    assert all(span.text for span in spans)


@given(st.text(alphabet=_PLAIN))
def test_text_without_markers_is_one_plain_span(text):
    assert parse_inline(text) == ([Span(text)] if text else [])


@given(st.text(alphabet=_PLAIN), _CONTENT, st.text(alphabet=_PLAIN))
def test_double_asterisks_around_any_text_make_it_bold(before, content, after):
    spans = parse_inline(f"{before}**{content}**{after}")
    assert Span(content, bold=True) in spans


@given(_CONTENT, _CONTENT, st.text(alphabet=_PLAIN, min_size=1))
def test_two_bold_spans_on_a_line_stay_two(first, second, between):
    spans = parse_inline(f"**{first}**{between}**{second}**")
    assert spans == [Span(first, bold=True), Span(between), Span(second, bold=True)]


def test_the_docx_prints_the_same_spans():
    document = OfficialDocument()
    document.add_rich_text("- **2** lớp học trực tuyến với **198** lượt học viên")
    read = docx.Document(io.BytesIO(document.to_bytes()))
    runs = [(run.text, bool(run.bold)) for run in read.paragraphs[-1].runs if run.text]
    assert runs == [
        ("- ", False),
        ("2", True),
        (" lớp học trực tuyến với ", False),
        ("198", True),
        (" lượt học viên", False),
    ]
