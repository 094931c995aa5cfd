"""Both roles may assign claims and comment on them; reviewing stays with fact-checkers."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADDED = {
    "Editor": [("review", "assign_claim"), ("review", "comment_claim")],
    "Fact-checker": [("review", "assign_claim"), ("review", "comment_claim")],
}


def add_permissions(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, perms in ADDED.items():
        group, _ = Group.objects.get_or_create(name=role)
        for app_label, codename in perms:
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def remove_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ADDED):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="review", codename__in=["assign_claim", "comment_claim"])
        )


class Migration(migrations.Migration):
    dependencies = [("review", "0003_audit_hop_review_assignment_comments")]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
