# A card carries its member's path and district key, filled in for the cards already there.
# Their index and the key's check come in the next migration: in this one's transaction the
# updates leave trigger events pending, and PostgreSQL then refuses to index the table.

import gonghui.lib.scoping
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cards', '0003_status_history'),
        ('members', '0009_district_key'),
    ]

    operations = [
        migrations.AddField(
            model_name='card',
            name='path',
            field=models.CharField(default='', editable=False, max_length=255),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='card',
            name='district',
            field=gonghui.lib.scoping.DistrictKeyField(),
        ),
        migrations.RunSQL(
            "UPDATE cards_card SET path = (SELECT m.path FROM members_member m WHERE m.id = cards_card.member_id)",
            migrations.RunSQL.noop,
        ),
        migrations.RunSQL("UPDATE cards_card SET district = substr(path, 1, 8)", migrations.RunSQL.noop),
    ]
