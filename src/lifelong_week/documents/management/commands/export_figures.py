from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lifelong_week.campaigns.models import Campaign
from lifelong_week.documents.exporters import FiguresExporter, export_to_path
from lifelong_week.orgs.models import OrgUnit


class Command(BaseCommand):
    help = "Xuất số liệu của mọi đơn vị trong một kế hoạch ra tệp .xlsx (hoặc .csv)."

    def add_arguments(self, parser):
        parser.add_argument("--campaign", required=True, help="Mã kế hoạch, ví dụ long-an-2021")
        parser.add_argument("--unit", help="Chỉ các đơn vị thuộc đơn vị này (mã đơn vị)")
        parser.add_argument("--out", required=True, type=Path, help="Tệp .xlsx hoặc .csv")

    def handle(self, *args, campaign: str, unit: str | None, out, **options):
        out = Path(out)
        found = Campaign.objects.filter(slug=campaign).select_related("report_form").first()
        if found is None:
            raise CommandError(f"Không có kế hoạch “{campaign}”.")
        subtree = None
        if unit:
            subtree = OrgUnit.objects.filter(code=unit).first()
            if subtree is None:
                raise CommandError(f"Không có đơn vị mã “{unit}”.")
        if out.suffix.lower() not in (".xlsx", ".csv"):
            raise CommandError("Tệp xuất phải có đuôi .xlsx hoặc .csv.")
        try:
            export_to_path(FiguresExporter(found, unit=subtree), out)
        except OSError as error:
            raise CommandError(f"Không ghi được tệp {out}: {error.strerror}.") from None
        self.stdout.write(f"Đã xuất số liệu ra {out}.")
