"""A reviewer accepts or dismisses the engine's reading of a corrected claim: two audit actions.

They widen the check on ``ReviewEvent.action``; on SQLite that rebuilds the table, which drops the
append-only trigger of 0005, so it is re-created here (as 0007 and 0009 do).
"""

import importlib

from django.conf import settings
from django.db import migrations, models


guard = importlib.import_module("newsverify.review.migrations.0005_reviewevent_append_only_guard")


def guard_recreate(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(guard.SQLITE_DROP)
        schema_editor.execute(guard.SQLITE_CREATE)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_article_enqueued_at_analysis_attempts"),
        ("review", "0011_claim_kind_belief"),
        ("sources", "0002_source_merge"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="reviewevent",
            name="reviewevent_action_valid",
        ),
        migrations.AlterField(
            model_name="reviewevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("flagged", "Flagged as unverified"),
                    ("verdict", "Recorded a verdict"),
                    ("status", "Changed the review status"),
                    ("hop_confirmed", "Confirmed a hop"),
                    ("hop_reopened", "Reopened a hop"),
                    ("assigned", "Changed the assignee"),
                    ("commented", "Commented"),
                    ("source_merged", "Merged sources"),
                    ("source_split", "Split merged sources back"),
                    ("hop_added", "Added a hop"),
                    ("hop_removed", "Removed a hop"),
                    ("hop_moved", "Moved a hop"),
                    ("hop_source", "Changed a hop's source"),
                    ("hop_medium", "Set a hop's medium"),
                    ("hop_withdrawn", "Withdrew a hop confirmation"),
                    ("span_changed", "Changed the claim's span"),
                    ("kind_changed", "Changed the claim's kind"),
                    ("not_a_claim", "Marked not a claim"),
                    ("claim_restored", "Restored as a claim"),
                    ("claim_added", "Added a claim"),
                    ("suggestion_accepted", "Accepted the engine's reading"),
                    ("suggestion_dismissed", "Dismissed the engine's reading"),
                ],
                max_length=20,
            ),
        ),
        migrations.AddConstraint(
            model_name="reviewevent",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "action__in",
                        [
                            "flagged",
                            "verdict",
                            "status",
                            "hop_confirmed",
                            "hop_reopened",
                            "assigned",
                            "commented",
                            "source_merged",
                            "source_split",
                            "hop_added",
                            "hop_removed",
                            "hop_moved",
                            "hop_source",
                            "hop_medium",
                            "hop_withdrawn",
                            "span_changed",
                            "kind_changed",
                            "not_a_claim",
                            "claim_restored",
                            "claim_added",
                            "suggestion_accepted",
                            "suggestion_dismissed",
                        ],
                    )
                ),
                name="reviewevent_action_valid",
            ),
        ),
        migrations.RunPython(guard_recreate, migrations.RunPython.noop),
    ]
