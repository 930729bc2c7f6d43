# The index and the key's check on the cards' path and district, once they are filled in.

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cards', '0004_card_path_district'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='card',
            index=models.Index(fields=['path'], name='card_path', opclasses=['varchar_pattern_ops']),
        ),
        migrations.AddConstraint(
            model_name='card',
            constraint=models.CheckConstraint(condition=models.Q(('district', django.db.models.functions.text.Left('path', 8))), name='card_district_key'),
        ),
    ]
