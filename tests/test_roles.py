import pytest
from django.contrib.auth.models import Group


@pytest.mark.django_db
def test_the_migration_creates_the_two_roles_with_their_permissions():
    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    checker = set(Group.objects.get(name="Fact-checker").permissions.values_list("codename", flat=True))
    assert {"view_article", "add_article", "flag_claim"} <= editor
    assert "record_verdict" not in editor
    assert {"view_article", "record_verdict"} <= checker
    assert not {"add_article", "flag_claim"} & checker
