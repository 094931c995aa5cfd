import pytest
from django.contrib.auth.models import Group


@pytest.mark.django_db
def test_both_roles_may_assign_and_comment_but_only_factcheckers_review():
    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    checker = set(Group.objects.get(name="Fact-checker").permissions.values_list("codename", flat=True))
    assert {"assign_claim", "comment_claim", "flag_claim"} <= editor
    assert {"assign_claim", "comment_claim", "record_verdict"} <= checker
    assert "record_verdict" not in editor
    assert "flag_claim" not in checker


def test_a_factchecker_cannot_flag(factchecker_client, drones):
    from django.urls import reverse

    response = factchecker_client.post(reverse("claim_flag", args=[drones.article_id, drones.pk]), {"note": "x"})
    assert response.status_code == 403
