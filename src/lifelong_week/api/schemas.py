"""The shapes the API reads and answers (field names in English, values as data).

Numbers are JSON numbers, never formatted strings: whole values (integer and
money indicators, yes/no as 1/0) are integers; decimal indicators have at most
two decimals. Instants are ISO 8601 in Vietnam's time (+07:00); dates are
``YYYY-MM-DD``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, Schema
from pydantic import BaseModel, ConfigDict

from lifelong_week.orgs.models import CODE_PATTERN

Number = int | float
# What a client may send for one figure: a number, yes/no, the text the page
# accepts ("1.234", "1,5", "có"), or null to clear it.
FigureInput = bool | int | float | str | None
UnitCode = Annotated[str, Field(pattern=CODE_PATTERN, max_length=40)]
SLUG_PATTERN = r"^[-a-zA-Z0-9_]{1,80}$"
MAX_ID = 2**63 - 1


class Error(Schema):
    """Every error: a Vietnamese sentence, and per field where one is at fault."""

    detail: str = Field(description="Thông báo lỗi (tiếng Việt).")
    errors: dict[str, str] = Field(
        default_factory=dict,
        description="Lỗi theo từng trường: mã chỉ tiêu, hoặc vị trí tham số (query.unit…).",
    )


class UnitRef(Schema):
    code: str
    name: str
    short_name: str


class CampaignRef(Schema):
    slug: str
    title: str
    year: int


class StepOut(Schema):
    id: int
    order: int
    title: str
    senders_text: str = Field(description="Đơn vị báo cáo, như văn bản ghi.")
    senders: list[str] = Field(description="Mã các đơn vị phải báo cáo.")
    receiver: UnitRef
    deadline: dt.datetime = Field(description="Hạn nộp: gửi từ thời điểm này là trễ hạn.")
    lock_at: dt.datetime | None = Field(
        description="Khóa nhập liệu (null: không khóa); đơn vị được gia hạn có mốc riêng."
    )
    phase: str = Field(
        description="Giai đoạn của bước lúc trả lời: open (đang nhận), past_deadline (đã qua "
        "hạn nộp, vẫn nhận), locked (đã khóa nhập liệu) hoặc finished (kế hoạch đã hết năm)."
    )
    phase_label: str


class CampaignOut(Schema):
    slug: str
    title: str
    year: int
    status: str = Field(description="Quyết định của đơn vị điều phối: draft, active hoặc closed.")
    status_label: str
    phase: str = Field(
        description="Giai đoạn theo ngày tháng lúc trả lời: draft (dự thảo), upcoming (sắp diễn "
        "ra), ongoing (đang triển khai) hoặc finished (đã kết thúc: đã khóa nhập liệu mọi bước)."
    )
    phase_label: str
    issuer: UnitRef
    coordinator: UnitRef
    theme: str
    week_start: dt.date
    week_end: dt.date
    opening_date: dt.date | None
    count_policy: str = Field(description="submitted hoặc accepted: báo cáo nào được tính.")
    steps: list[StepOut]


class Policy(Schema):
    statuses: list[str] = Field(description="Trạng thái báo cáo được tính vào số liệu.")
    label: str


class IndicatorTotal(Schema):
    code: str
    label: str
    group: str
    unit_of_measure: str
    value_type: str = Field(description="integer, money, decimal, boolean hoặc text.")
    sums_up: bool
    total: Number | None = Field(description="Tổng; null với chỉ tiêu không cộng dồn.")
    units: int = Field(description="Số đơn vị đã có giá trị cho chỉ tiêu.")
    yes: int | None = Field(description="Chỉ tiêu có/không: số đơn vị trả lời “có”.")


class RollupOut(Schema):
    campaign: CampaignRef
    unit: UnitRef
    step: int | None = Field(description="Bước báo cáo đã lọc (null: mọi bước).")
    policy: Policy
    reports: int = Field(description="Số báo cáo được tính (mỗi nhánh chỉ tính cấp cao nhất).")
    indicators: list[IndicatorTotal]


class ChildRollup(Schema):
    unit: UnitRef
    reports: int
    indicators: list[IndicatorTotal]


class ChildrenRollupOut(Schema):
    campaign: CampaignRef
    unit: UnitRef
    step: int | None
    policy: Policy
    children: list[ChildRollup]


class StepRef(Schema):
    id: int
    order: int
    title: str


class UnitCompleteness(Schema):
    code: str
    name: str
    status: str = Field(
        description="not_started, draft, awaiting_head, submitted, returned hoặc accepted."
    )
    status_label: str
    overdue: bool = Field(description="Đã quá hạn nộp mà chưa gửi.")
    sending: str = Field(
        description="Báo cáo so với hạn: pending (chưa đến hạn), overdue (quá hạn, còn gửi "
        "được), not_sent (không gửi: đã khóa nhập liệu), on_time (gửi đúng hạn) hoặc late "
        "(gửi muộn)."
    )
    sending_label: str = Field(description="Ví dụ: “Gửi muộn 3 ngày”, “Không gửi”.")
    report_id: int | None = Field(description="Mã báo cáo, khi người dùng được xem.")
    submitted_at: dt.datetime | None
    days_late: int | None = Field(description="Số ngày trễ khi đã gửi (0: đúng hạn).")
    extended_until: dt.datetime | None


class CompletenessOut(Schema):
    campaign: CampaignRef
    step: StepRef
    receiver: UnitRef
    deadline: dt.datetime
    lock_at: dt.datetime | None
    phase: str = Field(description="Như phase của một bước trong /campaigns.")
    phase_label: str
    expected: int = Field(description="Số đơn vị phải gửi.")
    submitted: int = Field(description="Đã gửi (đã gửi hoặc đã tiếp nhận).")
    on_time: int
    late: int
    completeness: float = Field(description="submitted / expected (0–1).")
    timeliness: float = Field(description="on_time / expected (0–1).")
    units: list[UnitCompleteness]


class SectionOut(Schema):
    code: str
    title: str
    text: str


class FigureOut(Schema):
    code: str
    label: str
    unit_of_measure: str
    value_type: str
    value: Number | None = Field(description="Giá trị số (có/không: 1/0); null nếu chưa nhập.")
    text: str = Field(description="Chỉ tiêu dạng văn bản.")
    note: str = Field(description="Giải trình của đơn vị.")


class ReportOut(Schema):
    id: int
    campaign: CampaignRef
    step: StepRef
    unit: UnitRef
    status: str
    status_label: str
    doc_number: int | None
    doc_date: dt.date | None
    submitted_at: dt.datetime | None
    days_late: int | None
    review_comment: str
    sections: list[SectionOut]
    figures: list[FigureOut]


class FiguresIn(BaseModel):
    # A plain pydantic model: ninja's Schema would read any JSON value (a list,
    # a number) as an object with every field missing. Strict and closed, so
    # "submit": "yes" or a misspelt key is refused instead of guessed at.
    model_config = ConfigDict(strict=True, extra="forbid")

    figures: dict[str, FigureInput] = Field(
        default_factory=dict,
        description=(
            "Mã chỉ tiêu → giá trị: số JSON, true/false, chuỗi như trang nhập "
            "(“1.234”, “1,5”, “có”) hoặc null để xóa."
        ),
    )
    notes: dict[str, str] = Field(
        default_factory=dict, description="Mã chỉ tiêu → giải trình cảnh báo (tối đa 500 ký tự)."
    )
    submit: bool = Field(default=False, description="Gửi báo cáo sau khi lưu.")
