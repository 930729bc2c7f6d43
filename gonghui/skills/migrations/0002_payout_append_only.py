"""The reward payout ledger is append-only in the database itself: an UPDATE (and on
PostgreSQL a DELETE) of a payout row is refused by a trigger, whatever the code does.
SQLite keeps DELETE open because Django's test flush empties tables with DELETE."""

from django.db import migrations

PG_UP = [
    """CREATE OR REPLACE FUNCTION skills_rewardpayout_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'skills_rewardpayout is append-only';
END;
$$ LANGUAGE plpgsql""",
    """CREATE TRIGGER skills_rewardpayout_no_update BEFORE UPDATE OR DELETE ON skills_rewardpayout
    FOR EACH ROW EXECUTE FUNCTION skills_rewardpayout_append_only()""",
]
PG_DOWN = [
    "DROP TRIGGER IF EXISTS skills_rewardpayout_no_update ON skills_rewardpayout",
    "DROP FUNCTION IF EXISTS skills_rewardpayout_append_only()",
]
SQLITE_UP = [
    """CREATE TRIGGER skills_rewardpayout_no_update BEFORE UPDATE ON skills_rewardpayout
BEGIN SELECT RAISE(ABORT, 'skills_rewardpayout is append-only'); END""",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS skills_rewardpayout_no_update"]


def forwards(apps, schema_editor):
    for sql in PG_UP if schema_editor.connection.vendor == "postgresql" else SQLITE_UP:
        schema_editor.execute(sql, params=None)


def backwards(apps, schema_editor):
    for sql in PG_DOWN if schema_editor.connection.vendor == "postgresql" else SQLITE_DOWN:
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("skills", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
