"""The two roles. Permissions are checked in views with ``user.has_perm``; groups only bundle them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Editor": [
        ("articles", "view_article"),
        ("articles", "add_article"),
        ("articles", "reanalyse_article"),
        ("review", "view_claim"),
        ("review", "flag_claim"),
    ],
    "Fact-checker": [
        ("articles", "view_article"),
        ("articles", "reanalyse_article"),
        ("review", "view_claim"),
        ("review", "record_verdict"),
    ],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations run; make sure they exist now.
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


def delete_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0001_initial"),
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, delete_roles)]
