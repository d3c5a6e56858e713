"""The index the impact windows read: events of one stage in a time range (docs/impact.md).

The funnel index leads with (stage, customer): it serves "this customer's events", not "this
stage's events of these four weeks", which would read every event the stage ever had. Plain
``CREATE INDEX`` works on PostgreSQL and SQLite alike; the events table belongs to the funnels
slice (app label ``cjm``), so the index is added here by SQL rather than in its model.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cjm", "0010_steps_blueprints_and_copies")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS event_stage_time "
            "ON cjm_event (stage_id, occurred_at, customer_id)",
            reverse_sql="DROP INDEX IF EXISTS event_stage_time",
        )
    ]
