"""The audit log refuses edits in the database too, not only in the application.

PostgreSQL: a trigger refuses DELETE, and UPDATE of anything but the links that move when a claim
is replaced by re-analysis or a source by a merge (claim, article, source). TRUNCATE, which the test
runner uses to reset the database, is not a row operation and is not affected.

SQLite: the same UPDATE guard. DELETE stays allowed there, because Django resets SQLite test
databases with DELETE. Django rebuilds an SQLite table when a later migration alters one of its
columns, which drops its triggers: such a migration must re-create this one.
"""

from django.db import migrations

IMMUTABLE = [
    "actor_id",
    "action",
    "created_at",
    "status_before",
    "status_after",
    "value_before",
    "value_after",
    "note",
    "evidence_url",
    "subject",
    "claim_text",
]

POSTGRES_CREATE = f"""
CREATE OR REPLACE FUNCTION review_reviewevent_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'The audit log is append-only: records cannot be deleted.';
    END IF;
    IF ({", ".join(f"NEW.{c}" for c in IMMUTABLE)}) IS DISTINCT FROM ({", ".join(f"OLD.{c}" for c in IMMUTABLE)}) THEN
        RAISE EXCEPTION 'The audit log is append-only: records cannot be edited.';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER review_reviewevent_append_only BEFORE UPDATE OR DELETE ON review_reviewevent
    FOR EACH ROW EXECUTE FUNCTION review_reviewevent_append_only();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS review_reviewevent_append_only ON review_reviewevent;
DROP FUNCTION IF EXISTS review_reviewevent_append_only();
"""
SQLITE_CREATE = f"""
CREATE TRIGGER review_reviewevent_append_only BEFORE UPDATE OF {", ".join(IMMUTABLE)} ON review_reviewevent
BEGIN
    SELECT RAISE(ABORT, 'The audit log is append-only: records cannot be edited.');
END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS review_reviewevent_append_only;"


def create_guard(apps, schema_editor):
    sql = {"postgresql": POSTGRES_CREATE, "sqlite": SQLITE_CREATE}.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql)


def drop_guard(apps, schema_editor):
    sql = {"postgresql": POSTGRES_DROP, "sqlite": SQLITE_DROP}.get(schema_editor.connection.vendor)
    if sql:
        for statement in filter(str.strip, sql.split(";")):
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("review", "0004_roles_assign_comment")]

    operations = [migrations.RunPython(create_guard, drop_guard)]
