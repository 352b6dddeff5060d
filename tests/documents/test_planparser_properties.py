"""Whatever the input, the parser answers with a well-formed extract.

Arbitrary text, and the seed plan mangled in the ways real files are (lines
lost, shuffled or repeated, stray characters, NFD, bytes decoded wrongly),
must never raise, and must give a dict that json.dumps accepts and that
matches the contract's types, with spans inside the document.
"""

import datetime as dt
import json
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lifelong_week.documents.planparser import parse_plan, read_document

SEED = (
    Path(__file__).resolve().parents[2]
    / "src/lifelong_week/campaigns/seed/ke-hoach-tuan-le-htsd-2021-long-an.txt"
)
SEED_LINES = read_document(SEED)

KEYS = [
    "doc_type",
    "number",
    "issuer",
    "place",
    "date",
    "title",
    "year",
    "legal_bases",
    "theme",
    "slogans",
    "start_date",
    "end_date",
    "opening_date",
    "activities",
    "assignments",
    "report_deadlines",
    "recipients",
    "signer",
]
SETTINGS = settings(
    max_examples=60,
    database=None,  # no .hypothesis folder in the work tree
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _optional_str(value):
    assert value is None or (isinstance(value, str) and value)


def _optional_date(value):
    assert value is None or dt.date.fromisoformat(value).isoformat() == value


def _str_list(value):
    assert isinstance(value, list)
    assert all(isinstance(item, str) for item in value)


def assert_contract(data):
    """``data`` has the contract's keys, in order, with the contract's types."""
    assert list(data) == KEYS
    for key in ("doc_type", "number", "issuer", "place", "title", "theme"):
        _optional_str(data[key])
    for key in ("date", "start_date", "end_date", "opening_date"):
        _optional_date(data[key])
    assert data["year"] is None or type(data["year"]) is int
    for key in ("legal_bases", "slogans", "recipients"):
        _str_list(data[key])
    for activity in data["activities"]:
        assert list(activity) == ["number", "text"]
        assert isinstance(activity["number"], str)
        assert isinstance(activity["text"], str)
    for assignment in data["assignments"]:
        assert list(assignment) == ["body", "duties"]
        assert isinstance(assignment["body"], str)
        _str_list(assignment["duties"])
    for deadline in data["report_deadlines"]:
        assert list(deadline) == ["from", "to", "date"]
        assert isinstance(deadline["from"], str)
        assert isinstance(deadline["to"], str)
        _optional_date(deadline["date"])
        assert deadline["date"] is not None
    assert list(data["signer"]) == ["name", "title", "authority"]
    for value in data["signer"].values():
        _optional_str(value)
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def assert_well_formed(source, line_count):
    extract = parse_plan(source)
    assert_contract(extract.to_json_dict())
    for first, last in extract.spans.values():
        assert 0 <= first <= last < line_count
    assert all(isinstance(w, str) and w for w in extract.warnings)


@SETTINGS
@given(st.text())
def test_arbitrary_text_never_breaks_the_parser(text):
    assert_well_formed(text, max(1, len(text.splitlines())))


@SETTINGS
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=80), max_size=60))
def test_arbitrary_lines_never_break_the_parser(lines):
    assert_well_formed(lines, max(1, len(lines)))


_NOISE = st.text(
    alphabet=st.sampled_from(list("-–+*•.:;,/()“”\"'  aăâđêôơưÁÀẢÃẠIVX0123456789\t\u200b\u0301")),
    max_size=12,
)


@st.composite
def mangled_seed(draw):
    lines = list(SEED_LINES)
    operations = draw(
        st.lists(
            st.sampled_from(["drop", "shuffle", "duplicate", "noise", "nfd", "bytes"]),
            min_size=1,
            max_size=5,
        )
    )
    for operation in operations:
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        if operation == "drop":
            size = draw(st.integers(1, 30))
            del lines[index : index + size]
        elif operation == "shuffle":
            size = draw(st.integers(2, 40))
            block = lines[index : index + size]
            lines[index : index + size] = draw(st.permutations(block))
        elif operation == "duplicate":
            size = draw(st.integers(1, 20))
            lines[index:index] = lines[index : index + size]
        elif operation == "noise":
            line = lines[index]
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + draw(_NOISE) + line[at:]
        elif operation == "nfd":
            lines = [unicodedata.normalize("NFD", line) for line in lines]
        else:
            junk = draw(st.binary(max_size=60))
            codec = draw(st.sampled_from(["utf-8", "cp1252", "latin-1", "utf-16-le"]))
            lines.insert(index, junk.decode(codec, errors="replace"))
    return lines


@SETTINGS
@given(mangled_seed())
def test_mangled_seed_never_breaks_the_parser(lines):
    assert_well_formed(lines, max(1, len(lines)))


@SETTINGS
@given(mangled_seed())
def test_mangled_seed_as_one_text_never_breaks_the_parser(lines):
    text = "\n".join(lines)
    assert_well_formed(text, max(1, len(text.splitlines())))


def test_seed_itself_matches_the_contract():
    assert_well_formed(SEED_LINES, len(SEED_LINES))
