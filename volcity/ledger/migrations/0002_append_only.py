"""Database triggers that refuse UPDATE and DELETE on ledger transactions and postings; and
the chain head's one row (genesis: sequence 0, a hash of zeros).

As for the audit log, TRUNCATE is left to the database's privileges: the application role
should not own the tables in production (docs/ledger.md)."""

from django.db import migrations

TABLES = {"ledger_ledgertransaction": "ledger_transaction", "ledger_posting": "ledger_posting"}

SQLITE = [
    sql
    for table, name in TABLES.items()
    for sql in (
        f"""CREATE TRIGGER {name}_no_update BEFORE UPDATE ON {table}
           BEGIN SELECT RAISE(ABORT, 'ledger rows are append-only'); END;""",
        f"""CREATE TRIGGER {name}_no_delete BEFORE DELETE ON {table}
           BEGIN SELECT RAISE(ABORT, 'ledger rows are append-only'); END;""",
    )
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {name}_{what};"
    for name in TABLES.values()
    for what in ("no_update", "no_delete")
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'ledger rows are append-only'; END; $$ LANGUAGE plpgsql;""",
    *(
        f"""CREATE TRIGGER {name}_no_change BEFORE UPDATE OR DELETE ON {table}
           FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();"""
        for table, name in TABLES.items()
    ),
]
POSTGRES_DROP = [
    *(f"DROP TRIGGER IF EXISTS {name}_no_change ON {table};" for table, name in TABLES.items()),
    "DROP FUNCTION IF EXISTS ledger_refuse_change();",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


def _head(apps, schema_editor):
    ChainHead = apps.get_model("ledger", "ChainHead")
    ChainHead.objects.using(schema_editor.connection.alias).get_or_create(
        pk=1, defaults={"seq": 0, "hash": "0" * 64}
    )


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_ledger_tables")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
        migrations.RunPython(_head, migrations.RunPython.noop),
    ]
