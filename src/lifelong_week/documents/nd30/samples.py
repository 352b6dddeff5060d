"""Sample reports of Long An's 2021 week: living documentation of the renderer.

Used by the tests, the benchmark and whoever wants to see a document without
a database. The texts follow the plan's "Mẫu BC"; the people are fictitious.
"""

from __future__ import annotations

import datetime as dt

from .data import Issuer, Signature
from .report import FigureRow, ReportDocument, ReportSection
from .vietnamese import format_money, format_number

SUMMARY_2021 = "Về việc tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2021"
PART_I = "I. TỔ CHỨC TRIỂN KHAI TUẦN LỄ"
PART_II = "II. ĐÁNH GIÁ CHUNG"

# The sections of the Mẫu BC form: (code, part, title).
FORM_SECTIONS = (
    ("I.1", PART_I, "Công tác chỉ đạo, ban hành kế hoạch triển khai, kiểm tra, đôn đốc thực hiện"),
    ("I.2", PART_I, "Lễ phát động Tuần lễ"),
    ("I.3", PART_I, "Nội dung các hoạt động đã triển khai trong Tuần lễ"),
    ("I.4", PART_I, "Kết quả (có số liệu cụ thể) các hoạt động tổ chức Tuần lễ"),
    ("I.5", PART_I, "Kinh phí tổ chức Tuần lễ"),
    ("II.1", PART_II, "Những kết quả đã đạt được; bài học kinh nghiệm"),
    ("II.2", PART_II, "Khó khăn, tồn tại"),
    ("II.3", PART_II, "Kiến nghị, đề xuất"),
)

DEPARTMENT = Issuer(
    governing_body="UBND tỉnh Long An",
    issuing_name="Sở Giáo dục và Đào tạo",
    symbol="SGDĐT",
    place="Long An",
)
BEN_LUC = Issuer(
    governing_body="",
    issuing_name="Ủy ban nhân dân huyện Bến Lức",
    symbol="UBND",
    place="Bến Lức",
)

_BEN_LUC_TEXTS = {
    "I.1": (
        "Căn cứ Kế hoạch của UBND tỉnh Long An về tổ chức Tuần lễ hưởng ứng học tập suốt đời "
        "năm 2021, UBND huyện Bến Lức ban hành Kế hoạch triển khai trên địa bàn huyện, giao "
        "Phòng Giáo dục và Đào tạo chủ trì, phối hợp với Hội Khuyến học huyện theo dõi, "
        "đôn đốc thực hiện.\n"
        "- Chỉ đạo UBND 15 xã, thị trấn xây dựng kế hoạch phù hợp với tình hình dịch "
        "COVID-19 tại địa phương;\n"
        "- Thành lập đoàn kiểm tra việc tổ chức các hoạt động tại các trung tâm học tập "
        "cộng đồng."
    ),
    "I.2": (
        "Lễ phát động Tuần lễ được tổ chức theo hình thức trực tuyến vào ngày "
        "**01/10/2021** tại Trường THCS thị trấn Bến Lức, kết nối đến các điểm cầu xã, "
        "thị trấn với sự tham gia của *đại diện lãnh đạo các ban, ngành, đoàn thể huyện*."
    ),
    "I.3": (
        "Các hoạt động trọng tâm đã triển khai trong Tuần lễ:\n"
        "- Tổ chức các lớp học trực tuyến về kỹ năng số cho cán bộ, công chức, viên chức "
        "và người dân;\n"
        "+ Lớp hướng dẫn sử dụng dịch vụ công trực tuyến;\n"
        "+ Lớp an toàn thông tin khi sử dụng mạng xã hội;\n"
        "- Thư viện huyện và thư viện trường học mở cửa phục vụ bạn đọc, giới thiệu sách "
        "điện tử;\n"
        "- Tuyên truyền trên Đài Truyền thanh huyện, cổng thông tin điện tử và các trang "
        "mạng xã hội của đơn vị."
    ),
    "I.4": "Kết quả cụ thể các hoạt động trong Tuần lễ như sau:",
    "I.5": (
        "- Ngân sách nhà nước: " + format_money(45_000_000) + ";\n"
        "- Ngân sách hỗ trợ, vận động từ doanh nghiệp và các nguồn hợp pháp khác: "
        + format_money(12_500_000)
        + "."
    ),
    "II.1": (
        "Tuần lễ được triển khai đồng bộ, đúng kế hoạch; việc ứng dụng công nghệ số trong "
        "tổ chức các lớp học giúp người dân tiếp cận cơ hội học tập trong bối cảnh giãn "
        "cách xã hội.\n"
        "Bài học kinh nghiệm: phát huy vai trò của trung tâm học tập cộng đồng và sự phối "
        "hợp giữa ngành giáo dục với Hội Khuyến học."
    ),
    "II.2": (
        "Một bộ phận người dân ở vùng nông thôn chưa có thiết bị và kết nối Internet ổn "
        "định để tham gia học tập trực tuyến."
    ),
    # II.3 left empty: the report prints its title and nothing else.
    "II.3": "",
}


def _figures(scale: int) -> list[FigureRow]:
    """Figures of the data summary, multiplied by ``scale`` for a province."""
    rows = [
        ("Lớp học, khóa học", "1", "Số lớp học, khóa học trực tuyến được tổ chức", "lớp", 25),
        ("Lớp học, khóa học", "2", "Số lớp học, khóa học trực tiếp được tổ chức", "lớp", 12),
        ("Người tham gia", "3", "Số lượt người tham gia học tập", "lượt người", 1250),
        ("Người tham gia", "4", "Trong đó: cán bộ, công chức, viên chức", "lượt người", 430),
        ("Thư viện", "5", "Số lượt bạn đọc đến thư viện", "lượt", 2315),
        ("Thư viện", "6", "Số đầu sách điện tử được giới thiệu", "đầu sách", 148),
        ("Tuyên truyền", "7", "Số tin, bài tuyên truyền", "tin, bài", 64),
        ("Tuyên truyền", "8", "Số băng rôn, khẩu hiệu", "cái", 37),
        ("Khen thưởng", "9", "Số tập thể, cá nhân được khen thưởng", "tập thể, cá nhân", 18),
    ]
    return [
        FigureRow(group, code, label, unit, format_number(value * scale))
        for group, code, label, unit, value in rows
    ]


def _sections(texts: dict[str, str]) -> list[ReportSection]:
    return [
        ReportSection(code=code, part_title=part, title=title, body=texts.get(code, ""))
        for code, part, title in FORM_SECTIONS
    ]


def district_report(*, draft: bool = False) -> ReportDocument:
    """Bến Lức district's report to the province (a People's Committee: no
    governing body in the header), figures in section I.4."""
    return ReportDocument(
        issuer=BEN_LUC,
        number=None if draft else 7,
        date=None if draft else dt.date(2021, 10, 8),
        month=10,
        year=2021,
        summary=SUMMARY_2021,
        sections=_sections(_BEN_LUC_TEXTS),
        figures=_figures(1),
        recipients=[
            "Sở GD&ĐT (P.GDTrH) (b/c)",
            "Hội Khuyến học tỉnh",
            "TT.HU, TT.HĐND huyện (b/c)",
            "CT, các PCT UBND huyện",
            "Phòng GD&ĐT huyện",
            "Lưu: VT",
        ],
        signature=Signature(
            authority_lines=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"],
            title="PHÓ CHỦ TỊCH",
            name="Nguyễn Văn An",
        ),
    )


def department_report(*, draft: bool = False) -> ReportDocument:
    """The provincial Department's consolidated report to the Ministry: the
    governing body above the issuer, figures by district in an appendix."""
    districts = ("Tân An", "Kiến Tường", "Bến Lức", "Đức Hòa", "Cần Giuộc")
    figures = [
        FigureRow(f"Huyện, thị xã, thành phố: {name}", row.code, row.label, row.unit, row.value)
        for name in districts
        for row in _figures(3)
    ]
    texts = {
        code: text.replace("huyện Bến Lức", "tỉnh Long An") for code, text in _BEN_LUC_TEXTS.items()
    }
    return ReportDocument(
        issuer=DEPARTMENT,
        number=None if draft else 5,
        date=None if draft else dt.date(2021, 10, 5),
        month=10,
        year=2021,
        summary=SUMMARY_2021,
        sections=_sections(texts),
        figures=figures,
        recipients=[
            "Bộ GD&ĐT (Vụ GDTX) (b/c)",
            "UBND tỉnh (b/c)",
            "Hội Khuyến học tỉnh",
            "Lưu: VT, GDTrH",
        ],
        signature=Signature(authority_lines=["KT. GIÁM ĐỐC"], title="PHÓ GIÁM ĐỐC", name=""),
    )
