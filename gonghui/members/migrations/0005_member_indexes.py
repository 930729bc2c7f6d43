from django.db import migrations, models

# The indexes db_index made (each CharField's plain one, and on PostgreSQL its LIKE twin), by
# the names Django gave them. They are dropped by name: altering db_index would also drop
# member_unique_clean_id, a partial unique index on id_index that Django takes for the field's.
OLD_INDEXES = [
    "members_member_id_index_c0d61d38",
    "members_member_id_index_c0d61d38_like",
    "members_member_phone_index_fd9fadd1",
    "members_member_phone_index_fd9fadd1_like",
    "members_member_name_initials_2236b57f",
    "members_member_name_initials_2236b57f_like",
]
NEW_INDEXES = [
    models.Index(fields=["id_index"], name="member_id_index"),
    models.Index(fields=["phone_index"], name="member_phone_index"),
    models.Index(fields=["name_initials"], name="member_initials_prefix", opclasses=["varchar_pattern_ops"]),
]


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0004_masked_copies"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="member",
                    name="id_index",
                    field=models.CharField(editable=False, max_length=40),
                ),
                migrations.AlterField(
                    model_name="member",
                    name="name_initials",
                    field=models.CharField(editable=False, max_length=20),
                ),
                migrations.AlterField(
                    model_name="member",
                    name="phone_index",
                    field=models.CharField(blank=True, editable=False, max_length=40),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    [f'DROP INDEX IF EXISTS "{name}"' for name in OLD_INDEXES],
                    reverse_sql=migrations.RunSQL.noop,
                ),
            ],
        ),
        *[migrations.AddIndex(model_name="member", index=index) for index in NEW_INDEXES],
    ]
