"""Stored totals are updated in place, many times a minute on a deadline day.

Each submission adds its 40 figures to the cells of its unit's line up to
the Ministry (about 320 rows), the same province and Ministry rows every
time. With room left on each page (fillfactor) PostgreSQL rewrites such a
row beside the old one without touching any index (a HOT update); without
it every update wrote five index entries. The campaign's own index goes:
the unique constraint leads with the campaign and serves the same lookups.
"""

import django.db.models.deletion
from django.db import migrations, models

ROLLUP_TABLES = ("reports_rollupcell", "reports_rollupnode")


def fillfactor(value):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        setting = f"SET (fillfactor = {value})" if value else "RESET (fillfactor)"
        for table in ROLLUP_TABLES:
            schema_editor.execute(f"ALTER TABLE {schema_editor.quote_name(table)} {setting}")

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0005_extension_updated_at"),
        ("reports", "0004_rollup_store"),
    ]

    operations = [
        migrations.AlterField(
            model_name="rollupcell",
            name="campaign",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="campaigns.campaign",
            ),
        ),
        migrations.AlterField(
            model_name="rollupnode",
            name="campaign",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="campaigns.campaign",
            ),
        ),
        migrations.RunPython(fillfactor(70), fillfactor(None)),
    ]
