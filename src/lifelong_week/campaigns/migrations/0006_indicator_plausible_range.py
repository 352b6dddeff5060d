# An indicator's plausible range: a value outside it is saved but needs an explanation.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0005_extension_updated_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="plausible_min",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="Số nhỏ hơn vẫn được lưu, nhưng đơn vị phải giải trình trước khi gửi.",
                max_digits=20,
                null=True,
                verbose_name="thường không dưới",
            ),
        ),
        migrations.AddField(
            model_name="indicator",
            name="plausible_max",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="Cho báo cáo của một đơn vị (không áp dụng cho báo cáo tổng hợp). Số lớn hơn vẫn được lưu, nhưng đơn vị phải giải trình trước khi gửi.",
                max_digits=20,
                null=True,
                verbose_name="thường không quá",
            ),
        ),
    ]
