from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lifelong_week.campaigns.models import Campaign
from lifelong_week.documents.unit_report import report_docx_bytes
from lifelong_week.reports.models import Report


class Command(BaseCommand):
    help = "Xuất báo cáo của một đơn vị thành văn bản .docx theo Nghị định 30/2020/NĐ-CP."

    def add_arguments(self, parser):
        parser.add_argument("--campaign", required=True, help="Mã kế hoạch, ví dụ long-an-2021")
        parser.add_argument("--unit", required=True, help="Mã đơn vị, ví dụ 803")
        parser.add_argument("--out", required=True, type=Path, help="Tệp .docx sẽ ghi ra")
        parser.add_argument(
            "--step", type=int, help="Thứ tự bước báo cáo (mặc định: bước đầu tiên)"
        )

    def handle(self, *args, campaign: str, unit: str, out: Path, step: int | None, **options):
        if not Campaign.objects.filter(slug=campaign).exists():
            raise CommandError(f"Không có kế hoạch “{campaign}”.")
        reports = Report.objects.filter(campaign__slug=campaign, unit__code=unit).order_by(
            "step__order"
        )
        if step is not None:
            reports = reports.filter(step__order=step)
        report = reports.select_related("unit", "step", "campaign__report_form").first()
        if report is None:
            raise CommandError(f"Đơn vị “{unit}” chưa có báo cáo trong kế hoạch “{campaign}”.")
        try:
            Path(out).write_bytes(report_docx_bytes(report))
        except OSError as error:
            raise CommandError(f"Không ghi được tệp {out}: {error.strerror}.") from None
        self.stdout.write(f"Đã xuất báo cáo của {report.unit.name} ra {out}.")
