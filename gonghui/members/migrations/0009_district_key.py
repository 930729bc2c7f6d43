# The district key (lib.scoping), filled in for the rows already there before its check.

import django.db.models.functions.text
import gonghui.lib.scoping
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0008_import_preview'),
        ('organizations', '0003_district_key'),
    ]

    operations = [
        migrations.AddField(
            model_name='member',
            name='district',
            field=gonghui.lib.scoping.DistrictKeyField(),
        ),
        migrations.RunSQL("UPDATE members_member SET district = substr(path, 1, 8)", migrations.RunSQL.noop),
        migrations.AddConstraint(
            model_name='member',
            constraint=models.CheckConstraint(condition=models.Q(('district', django.db.models.functions.text.Left('path', 8))), name='member_district_key'),
        ),
    ]
