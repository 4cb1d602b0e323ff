"""The four goal levels of DOMAIN.md, so that a new installation can plan at once.

They are ordinary rows: a city with other levels renames or replaces them in the admin.
"""

from django.db import migrations

STANDARD_LEVELS = [
    ("direction", "KF:s inriktningsmål", 1, "kommun", True),
    ("area", "KF:s mål för verksamhetsområdet", 2, "kommun", True),
    ("council", "Nämndmål", 3, "namnd", True),
    ("unit", "Enhetsmål", 4, "enhet", False),
]


def create_levels(apps, schema_editor):
    GoalLevel = apps.get_model("goals", "GoalLevel")
    for code, name, depth, owner_kind, numbered in STANDARD_LEVELS:
        GoalLevel.objects.get_or_create(
            code=code,
            defaults={"name": name, "depth": depth, "owner_kind": owner_kind, "numbered": numbered},
        )


def remove_unused_levels(apps, schema_editor):
    GoalLevel = apps.get_model("goals", "GoalLevel")
    GoalLevel.objects.filter(
        code__in=[code for code, *_ in STANDARD_LEVELS], goals__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("goals", "0001_initial")]
    operations = [migrations.RunPython(create_levels, remove_unused_levels)]
