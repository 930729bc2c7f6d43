# The district key (lib.scoping), filled in for the rows already there before its check.

import django.db.models.functions.text
import gonghui.lib.scoping
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organizations', '0002_referral'),
    ]

    operations = [
        migrations.AddField(
            model_name='unit',
            name='district',
            field=gonghui.lib.scoping.DistrictKeyField(),
        ),
        migrations.RunSQL("UPDATE organizations_unit SET district = substr(path, 1, 8)", migrations.RunSQL.noop),
        migrations.AddConstraint(
            model_name='unit',
            constraint=models.CheckConstraint(condition=models.Q(('district', django.db.models.functions.text.Left('path', 8))), name='unit_district_key'),
        ),
    ]
