"""Answers stored before the score-aware sentiment rule: a neutral text next to a low score
(NPS 0-6, CSAT 1-2, CES 1-2) is a complaint (feedback/sentiment/__init__.py). Reversing leaves
the labels as they are (the rule is the better reading either way)."""

from django.db import migrations
from django.db.models import Q


def relabel(apps, schema_editor):
    Response = apps.get_model("feedback", "Response")
    low = Q(kind="nps", score__lte=6) | Q(kind="csat", score__lte=2) | Q(kind="ces", score__lte=2)
    Response.objects.filter(low, sentiment="neutral").update(sentiment="negative")


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(relabel, migrations.RunPython.noop)]
