"""Corrections: a reviewer's reading of a claim (span, kind, chain, "not a claim").

Both roles may correct claims (``review.correct_claim``). The new audit actions widen the check on
``ReviewEvent.action``; on SQLite that rebuilds the table, which drops the append-only trigger of
0005, so it is re-created here.
"""

import importlib

from django.conf import settings
from django.db import migrations, models


ROLES = {"Editor": [("review", "correct_claim")], "Fact-checker": [("review", "correct_claim")]}

guard = importlib.import_module("newsverify.review.migrations.0005_reviewevent_append_only_guard")


def add_permissions(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, perms in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        for app_label, codename in perms:
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def remove_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="review", codename="correct_claim"))


def guard_recreate(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(guard.SQLITE_DROP)
        schema_editor.execute(guard.SQLITE_CREATE)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("review", "0008_claim_identity"),
        ("sources", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="claim",
            options={
                "ordering": ["article", "span_start", "span_end"],
                "permissions": [
                    ("flag_claim", "Can flag a claim as unverified"),
                    ("record_verdict", "Can record a verdict on a claim's chain"),
                    ("assign_claim", "Can assign a claim to a fact-checker"),
                    ("comment_claim", "Can comment on a claim"),
                    ("correct_claim", "Can correct a claim's span, kind and chain"),
                ],
            },
        ),
        migrations.RemoveConstraint(
            model_name="hop",
            name="hop_evidence_valid",
        ),
        migrations.RemoveConstraint(
            model_name="reviewevent",
            name="reviewevent_action_valid",
        ),
        migrations.AddField(
            model_name="claim",
            name="not_a_claim",
            field=models.BooleanField(default=False),
        ),
        migrations.AlterField(
            model_name="hop",
            name="evidence",
            field=models.CharField(
                choices=[
                    ("explicit", "Explicit"),
                    ("coreference", "Coreference"),
                    ("context", "Context"),
                    ("reviewer", "Reviewer"),
                ],
                max_length=12,
            ),
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
                ],
                max_length=20,
            ),
        ),
        migrations.AddConstraint(
            model_name="hop",
            constraint=models.CheckConstraint(
                condition=models.Q(("evidence__in", ["explicit", "coreference", "context", "reviewer"])),
                name="hop_evidence_valid",
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
                        ],
                    )
                ),
                name="reviewevent_action_valid",
            ),
        ),
        migrations.RunPython(add_permissions, remove_permissions),
        migrations.RunPython(guard_recreate, migrations.RunPython.noop),
    ]
