"""Text typed with pre-Unicode fonts is reported, never turned into fields."""

from lifelong_week.documents.planparser import parse_plan
from lifelong_week.documents.planparser.legacy import LEGACY_WARNING, looks_legacy

# "Kế hoạch tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021" and friends,
# typed with a TCVN3 (.VnTime) font and read as Unicode.
TCVN3_PLAN = """UBND TØNH LONG AN
Sè: 123/KH-UBND
Long An, ngµy 05 th¸ng 9 n¨m 2021
KÕ HO¹CH
Tæ chøc TuÇn lÔ h­ëng øng häc tËp suèt ®êi n¨m 2021
C¨n cø C«ng v¨n sè 3764/BGD§T-GD§T ngµy 31/8/2021 cña Bé Gi¸o dôc vµ §µo t¹o;
I. MôC §ÝCH, Y£U CÇU
1. Chñ ®Ò: "ChuyÓn ®æi sè vµ c¬ héi häc tËp suèt ®êi"
2. Thêi gian: tõ ngµy 01/10/2021 ®Õn ngµy 07/10/2021.
N¬i nhËn:
- Bé Gi¸o dôc vµ §µo t¹o (b/c);
TM. ñy ban nh©n d©n
Ph¹m TÊn Hßa
"""

# The same kind of text typed with a VNI font.
VNI_PLAN = """KEÁ HOAÏCH
Toå chöùc Tuaàn leã höôûng öùng hoïc taäp suoát ñôøi naêm 2021
1. Chuû ñeà: "Chuyeån ñoåi soá vaø cô hoäi hoïc taäp suoát ñôøi"
2. Thôøi gian: töø ngaøy 01/10/2021 ñeán ngaøy 07/10/2021.
"""

EMPTY_CONTRACT = {
    "doc_type": None,
    "number": None,
    "issuer": None,
    "place": None,
    "date": None,
    "title": None,
    "year": None,
    "legal_bases": [],
    "theme": None,
    "slogans": [],
    "start_date": None,
    "end_date": None,
    "opening_date": None,
    "activities": [],
    "assignments": [],
    "report_deadlines": [],
    "recipients": [],
    "signer": {"name": None, "title": None, "authority": None},
}


def test_the_examples_of_the_brief_look_legacy():
    assert looks_legacy("TuÇn lÔ")
    assert looks_legacy("Tuaàn leã")


def test_unicode_vietnamese_does_not_look_legacy():
    assert not looks_legacy("Tuần lễ hưởng ứng học tập suốt đời, hoà nhập, khoẻ mạnh")
    assert not looks_legacy("Số: 123/KH-UBND «Học tập suốt đời»")
    assert not looks_legacy("YouTube, iPhone, K12Online, e-Learning 4.0")


def test_tcvn3_plan_gives_a_warning_and_no_fields():
    extract = parse_plan(TCVN3_PLAN)

    assert extract.warnings == [LEGACY_WARNING]
    assert extract.to_json_dict() == EMPTY_CONTRACT


def test_vni_plan_gives_a_warning_and_no_fields():
    extract = parse_plan(VNI_PLAN)

    assert extract.warnings == [LEGACY_WARNING]
    assert extract.to_json_dict() == EMPTY_CONTRACT


def test_a_few_legacy_lines_are_skipped_and_reported():
    text = (
        "KẾ HOẠCH\n"
        "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2022\n"
        "\n"
        "I. CHỦ ĐỀ\n"
        "Chñ ®Ò: ChuyÓn ®æi sè\n"
        "Chủ đề: “Học tập suốt đời trong kỷ nguyên số”.\n"
        "II. THỜI GIAN\n"
        "Từ ngày 01/10/2022 đến ngày 07/10/2022.\n"
    )

    extract = parse_plan(text)

    assert extract.theme == "Học tập suốt đời trong kỷ nguyên số"
    assert extract.start_date.isoformat() == "2022-10-01"
    assert extract.warnings == [
        "Có 1 dòng có vẻ được gõ bằng bảng mã cũ (TCVN3/ABC hoặc VNI); "
        "các dòng này đã được bỏ qua khi đọc văn bản."
    ]
