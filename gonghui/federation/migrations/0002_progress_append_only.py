"""The reform list's history cannot be rewritten: progress reports refuse UPDATE and DELETE."""

from django.db import migrations

TABLE = "federation_progressreport"
PG = f"""
CREATE OR REPLACE FUNCTION federation_progress_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'progress reports are append-only'; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER federation_progress_no_change BEFORE UPDATE OR DELETE ON {TABLE}
FOR EACH ROW EXECUTE FUNCTION federation_progress_append_only();
"""
PG_REVERSE = (
    f"DROP TRIGGER IF EXISTS federation_progress_no_change ON {TABLE};"
    " DROP FUNCTION IF EXISTS federation_progress_append_only();"
)
SQLITE = [
    f"CREATE TRIGGER federation_progress_no_update BEFORE UPDATE ON {TABLE}"
    " BEGIN SELECT RAISE(ABORT, 'progress reports are append-only'); END;",
    f"CREATE TRIGGER federation_progress_no_delete BEFORE DELETE ON {TABLE}"
    " BEGIN SELECT RAISE(ABORT, 'progress reports are append-only'); END;",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS federation_progress_no_update;",
    "DROP TRIGGER IF EXISTS federation_progress_no_delete;",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG)
    else:
        for statement in SQLITE:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_REVERSE)
    else:
        for statement in SQLITE_REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("federation", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
