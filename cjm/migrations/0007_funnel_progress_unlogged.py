"""The funnel progress table holds derived data (recomputed from the events whenever needed):
on PostgreSQL it is UNLOGGED, which halves the cost of writing a million rows in a full run.
After a crash PostgreSQL empties it; the runner notices (runner.progress_lost) and recomputes."""

from django.db import migrations


def unlogged(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE cjm_funnelprogress SET UNLOGGED")


def logged(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE cjm_funnelprogress SET LOGGED")


class Migration(migrations.Migration):
    dependencies = [
        ("cjm", "0006_funnel_summary_and_event_indexes"),
    ]

    operations = [migrations.RunPython(unlogged, logged)]
