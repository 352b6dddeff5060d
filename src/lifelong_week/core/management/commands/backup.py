from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lifelong_week.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Sao lưu toàn bộ cơ sở dữ liệu và mọi tệp đã tải lên vào một tệp "
        "(khôi phục bằng: lifelong-week restore TỆP)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--out", required=True, type=Path, help="Tệp sao lưu sẽ ghi, ví dụ htsd-2026-10-15.tar"
        )

    def handle(self, *args, out: Path, **options):
        try:
            manifest = create_backup(out)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest.tables.values())
        size = sum(f["size"] for f in manifest.files.values())
        self.stdout.write(
            f"Đã sao lưu {rows:,} dòng dữ liệu ({len(manifest.tables)} bảng) và "
            f"{len(manifest.files):,} tệp ({size / 1024 / 1024:,.1f} MB) vào {out}.".replace(
                ",", "."
            )
        )
        if not manifest.files_included:
            self.stdout.write(
                "Tệp tải lên nằm trên kho S3 nên không có trong bản sao lưu này: "
                "hãy bật lưu phiên bản (versioning) của kho."
            )
