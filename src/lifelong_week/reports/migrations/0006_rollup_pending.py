"""Status changes are noted and folded into the stored totals in batches
(``rollup.fold``), and the totals of databases created before the stored
roll-up are filled here — with the live module on purpose: the computation
is the one the application keeps up from now on."""

import django.db.models.deletion
from django.db import migrations, models


def fill_rollups(apps, schema_editor):
    from lifelong_week.campaigns.models import Campaign
    from lifelong_week.reports.models import RollupNode
    from lifelong_week.reports.rollup import rebuild

    filled = RollupNode.objects.values("campaign_id")
    for campaign in Campaign.objects.filter(reports__isnull=False).exclude(pk__in=filled).distinct():
        rebuild(campaign)


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0005_extension_updated_at'),
        ('reports', '0005_rollup_updates_in_place'),
    ]

    operations = [
        migrations.CreateModel(
            name='RollupPending',
            fields=[
                ('id', models.BigAutoField(primary_key=True, serialize=False)),
                ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='campaigns.campaign')),
                ('report', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='reports.report')),
            ],
        ),
        migrations.RunPython(fill_rollups, migrations.RunPython.noop),
    ]
