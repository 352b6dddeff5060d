"""The demo's Long An 2021 campaign says word for word what the seed plan says."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from lifelong_week.demo.long_an import SEED_PLAN
from lifelong_week.orgs.models import OrgUnit

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def flat(text: str) -> str:
    """Text compared word for word: Markdown emphasis, autolink brackets and list
    markers dropped, every line break undone."""
    text = re.sub(r"\*+", "", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = re.sub(r"(?m)^\s*[-–+•]\s+", "", text)
    return " ".join(text.split())


SEED = flat(SEED_PLAN.read_text(encoding="utf-8"))

# As printed on a banner: the list's closing full stops are not part of a slogan.
SLOGANS = [
    "Tuần lễ hưởng ứng học tập suốt đời năm 2021",
    "Chuyển đổi số và cơ hội học tập suốt đời cho tất cả mọi người trong bối cảnh đại dịch COVID-19",
    "Chuyển đổi số để xây dựng thành công một xã hội học tập mới",
    "Thi đua đẩy nhanh mức độ trưởng thành chuyển đổi số tại địa phương, đơn vị và cộng đồng",
]
LEGAL_BASIS = (
    "Công văn số 3764/BGDĐT-GDĐT ngày 31/8/2021 của Bộ Giáo dục và Đào tạo về việc tổ chức "
    "Tuần lễ hưởng ứng học tập suốt đời năm 2021"
)
THEME = (
    "Chuyển đổi số và cơ hội học tập suốt đời cho tất cả mọi người trong bối cảnh đại dịch COVID-19"
)
BODIES = [
    ("Sở Giáo dục và Đào tạo", 4, ["80-SGDDT"]),
    ("Sở Thông tin và Truyền thông", 1, ["80-STTTT"]),
    (
        "Các sở, ngành, tổ chức hội, đoàn thể tỉnh",
        1,
        ["80-STTTT", "80-SVHTTDL", "80-HKH", "80-HCGC", "80-MTTQ"],
    ),
    ("Báo Long An, Đài Phát thanh và Truyền hình Long An", 1, ["80-BAOLA", "80-DAIPTTH"]),
    ("UBND các huyện, thị xã, thành phố", 3, [str(code) for code in range(794, 809)]),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", 2, ["80-MTTQ"]),
]
DISTRICTS = {
    "794": "Ủy ban nhân dân thành phố Tân An",
    "795": "Ủy ban nhân dân thị xã Kiến Tường",
    "796": "Ủy ban nhân dân huyện Tân Hưng",
    "797": "Ủy ban nhân dân huyện Vĩnh Hưng",
    "798": "Ủy ban nhân dân huyện Mộc Hóa",
    "799": "Ủy ban nhân dân huyện Tân Thạnh",
    "800": "Ủy ban nhân dân huyện Thạnh Hóa",
    "801": "Ủy ban nhân dân huyện Đức Huệ",
    "802": "Ủy ban nhân dân huyện Đức Hòa",
    "803": "Ủy ban nhân dân huyện Bến Lức",
    "804": "Ủy ban nhân dân huyện Thủ Thừa",
    "805": "Ủy ban nhân dân huyện Tân Trụ",
    "806": "Ủy ban nhân dân huyện Cần Đước",
    "807": "Ủy ban nhân dân huyện Cần Giuộc",
    "808": "Ủy ban nhân dân huyện Châu Thành",
}


@pytest.fixture
def campaign(demo):
    return demo.campaign


def test_theme_slogans_and_legal_basis_are_the_plans_words(campaign):
    assert campaign.theme == THEME
    assert campaign.slogans == SLOGANS
    assert campaign.legal_bases == [LEGAL_BASIS]
    for text in [THEME, LEGAL_BASIS, *SLOGANS]:
        assert text in SEED


def test_dates_of_the_week(campaign):
    assert (campaign.week_start, campaign.week_end, campaign.opening_date) == (
        dt.date(2021, 10, 1),
        dt.date(2021, 10, 7),
        dt.date(2021, 10, 1),
    )
    assert campaign.year == 2021
    assert campaign.slug == "long-an-2021"


def test_ten_activities_each_as_written(campaign):
    activities = list(campaign.activities.all())
    assert [a.number for a in activities] == list(range(1, 11))
    for activity in activities:
        assert flat(activity.text) in SEED
    # Item 5 is split across a page break in the source; it comes back whole.
    assert "Trong đó, lòng ghép, giới thiệu" in flat(activities[4].text)


def test_each_body_has_its_duties_word_for_word_and_its_units(campaign):
    assignments = list(campaign.assignments.prefetch_related("units"))
    assert [(a.body, len(a.duties)) for a in assignments] == [(b, n) for b, n, _ in BODIES]
    for assignment, (_body, _n, codes) in zip(assignments, BODIES, strict=True):
        for duty in assignment.duties:
            assert flat(duty) in SEED, duty
        assert sorted(u.code for u in assignment.units.all()) == sorted(codes)
    districts = assignments[4]
    assert districts.duties[0] == (
        "Xây dựng và triển khai thực hiện kế hoạch tổ chức Tuần lễ hưởng ứng học tập suốt đời "
        "năm 2021 tại địa phương."
    )


def test_both_reporting_steps_and_deadlines(campaign):
    first, second = campaign.steps.order_by("order")
    assert first.deadline == dt.datetime(2021, 10, 15, tzinfo=VN)
    assert first.receiver.code == "80-SGDDT"
    bodies = ["80-STTTT", "80-SVHTTDL", "80-HKH", "80-HCGC", "80-MTTQ", "80-BAOLA", "80-DAIPTTH"]
    assert sorted(u.code for u in first.senders.all()) == sorted([*bodies, *DISTRICTS])
    assert second.deadline == dt.datetime(2021, 10, 30, tzinfo=VN)
    assert second.receiver.code == "BGDDT"
    assert [u.code for u in second.senders.all()] == ["80-SGDDT"]
    assert [u.code for u in second.copy_to.all()] == ["80"]
    for step in (first, second):
        assert step.senders_text in SEED
        assert step.receiver_text in SEED
        assert f"{step.deadline_text}" in SEED


def test_units_of_2021_with_official_codes(demo):
    for code, name in DISTRICTS.items():
        unit = OrgUnit.objects.get(code=code)
        assert unit.name == name
        assert unit.parent.code == "80-SGDDT"
        assert unit.valid_to == dt.date(2025, 6, 30)
    assert OrgUnit.objects.get(code="80").name == "Ủy ban nhân dân tỉnh Long An"
    named_in_plan = [
        "Sở Giáo dục và Đào tạo",
        "Sở Thông tin và Truyền thông",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Báo Long An",
        "Đài Phát thanh và Truyền hình Long An",
        "Hội khuyến học tỉnh",
        "Hội Cựu Giáo chức tỉnh",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "Bộ Giáo dục và Đào tạo",
    ]
    for name in named_in_plan:
        assert name in SEED
        assert OrgUnit.objects.search(name).exists(), name
