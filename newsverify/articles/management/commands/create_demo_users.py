"""Create the demo editor, fact-checker and staff user. Passwords from the environment, or generated and
printed once."""

from __future__ import annotations

import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

# (username, group, environment variable with the password, is_staff). The staff user is a
# fact-checker who may also merge registry sources.
DEMO_USERS = [
    ("editor", "Editor", "NEWSVERIFY_EDITOR_PASSWORD", False),
    ("factchecker", "Fact-checker", "NEWSVERIFY_FACTCHECKER_PASSWORD", False),
    ("staff", "Fact-checker", "NEWSVERIFY_STAFF_PASSWORD", True),
]


class Command(BaseCommand):
    help = "Create the demo users 'editor', 'factchecker' and 'staff' (idempotent)."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        User = get_user_model()
        for username, group_name, env_name, is_staff in DEMO_USERS:
            password = os.environ.get(env_name, "")
            user, created = User.objects.get_or_create(username=username)
            user.groups.add(Group.objects.get(name=group_name))
            if is_staff and not user.is_staff:
                user.is_staff = True
                user.save(update_fields=["is_staff"])
            label = f"{group_name}, staff" if is_staff else group_name
            if created or password:
                generated = secrets.token_urlsafe(12)
                user.set_password(password or generated)
                user.save()
                shown = f"the value of ${env_name}" if password else f"{generated}   (generated; shown only now)"
                self.stdout.write(f"  {label:<20} {username:<12} password: {shown}")
            else:
                self.stdout.write(
                    f"  {label:<20} {username:<12} exists; password as first printed (set ${env_name} to reset it)"
                )
