"""The report page's rendering of section texts (``reports.richtext``): the
same spans as the .docx, every character escaped, nothing swallowed."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from lifelong_week.reports.richtext import to_html

# Lines as a unit types them (NFC letters, digits, HTML-special characters,
# asterisks anywhere), between two letters so no line is a bullet or blank.
_LINE = st.lists(
    st.sampled_from([*"aăđêơưĐỨ19 ,.:;()/<>&\"'", "**", "*", " *", "* ", "***"]), max_size=30
).map(lambda pieces: f"Đ{''.join(pieces)}a")
_PLAIN = st.text(alphabet=st.sampled_from([*"aăđêơưĐỨ19 ,.:;()/<>&\"'"]), max_size=30)
_CONTENT = _PLAIN.filter(lambda s: s and s.strip() == s)
_TAG = re.compile(r"</?(?:p|strong|em)>")


def shown(rendered: str) -> str:
    """The characters a reader sees."""
    return html.unescape(_TAG.sub("", rendered))


def test_a_one_character_bold_and_the_next_bold_stay_apart():
    assert to_html("- **2** lớp học trực tuyến với **198** lượt học viên") == (
        '<ul class="rt"><li><strong>2</strong> lớp học trực tuyến với '
        "<strong>198</strong> lượt học viên</li></ul>"
    )


@given(_LINE)
def test_the_page_loses_or_invents_no_character_but_the_markers(line):
    rendered = to_html(line)
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
    assert shown(rendered).replace("*", "") == line.replace("*", "")


@given(_PLAIN)
def test_text_without_markers_is_shown_unchanged(text):
    line = f"Đ{text}a"
    assert to_html(line) == f"<p>{html.escape(line, quote=True)}</p>"


@given(_PLAIN, _CONTENT, _PLAIN)
def test_double_asterisks_always_make_bold(before, content, after):
    rendered = to_html(f"Đ{before}**{content}**{after}a")
    assert f"<strong>{html.escape(content)}</strong>" in rendered
