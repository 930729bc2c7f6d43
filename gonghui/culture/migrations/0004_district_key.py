# The district key (lib.scoping), filled in for the rows already there before its check.

import django.db.models.functions.text
import gonghui.lib.scoping
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('culture', '0003_venue_dates'),
        ('members', '0009_district_key'),
        ('organizations', '0003_district_key'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='booking',
            name='district',
            field=gonghui.lib.scoping.DistrictKeyField(),
        ),
        migrations.AddField(
            model_name='session',
            name='district',
            field=gonghui.lib.scoping.DistrictKeyField(),
        ),
        migrations.RunSQL("UPDATE culture_booking SET district = substr(path, 1, 8)", migrations.RunSQL.noop),
        migrations.RunSQL("UPDATE culture_session SET district = substr(path, 1, 8)", migrations.RunSQL.noop),
        migrations.AddConstraint(
            model_name='booking',
            constraint=models.CheckConstraint(condition=models.Q(('district', django.db.models.functions.text.Left('path', 8))), name='culture_booking_district_key'),
        ),
        migrations.AddConstraint(
            model_name='session',
            constraint=models.CheckConstraint(condition=models.Q(('district', django.db.models.functions.text.Left('path', 8))), name='culture_session_district_key'),
        ),
    ]
