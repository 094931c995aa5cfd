"""newsverify.roles.RolesBackend: a user's permissions and groups in one query, granted as before."""

from __future__ import annotations

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.test import override_settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _fresh(user):  # type: ignore[no-untyped-def]
    """The user as a request loads it: nothing read yet."""
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def mixed(db):  # type: ignore[no-untyped-def]
    """Two roles and a permission of the user's own, outside both."""
    user = UserFactory(username="mixed")
    user.groups.add(Group.objects.get(name="Editor"), Group.objects.get(name="Fact-checker"))
    user.user_permissions.add(Permission.objects.get(codename="change_source"))
    return user


def test_permissions_and_groups_are_read_in_one_query(mixed, django_assert_num_queries) -> None:
    user = _fresh(mixed)
    with django_assert_num_queries(1):
        assert user.has_perm("articles.view_article")
        assert user.has_perm("review.record_verdict")
        assert not user.has_perm("review.delete_claim")
        assert sorted(group.name for group in user.groups.all()) == ["Editor", "Fact-checker"]
        assert user.get_all_permissions() >= {"sources.change_source", "articles.add_article"}


def _permission_sets(user):  # type: ignore[no-untyped-def]
    return user.get_all_permissions(), user.get_user_permissions(), user.get_group_permissions()


def test_every_permission_is_granted_or_refused_as_model_backend_alone_does(mixed, factchecker, outsider) -> None:
    inactive = UserFactory(username="gone", is_active=False)
    inactive.groups.add(Group.objects.get(name="Editor"))
    superuser = UserFactory(username="root", is_superuser=True)
    every = [f"{p.content_type.app_label}.{p.codename}" for p in Permission.objects.select_related("content_type")]
    for user in (mixed, factchecker, outsider, inactive, superuser):
        ours = _fresh(user)
        with override_settings(AUTHENTICATION_BACKENDS=[MODEL_BACKEND]):
            theirs = _fresh(user)
            expected = {perm: theirs.has_perm(perm) for perm in every}
            expected_sets = _permission_sets(theirs)
        assert {perm: ours.has_perm(perm) for perm in every} == expected, user.username
        assert _permission_sets(ours) == expected_sets
        assert sorted(g.name for g in ours.groups.all()) == sorted(g.name for g in theirs.groups.all())


def test_model_backend_answers_from_what_was_read(mixed, django_assert_num_queries) -> None:
    user = _fresh(mixed)
    user.has_perm("articles.view_article")
    with django_assert_num_queries(0):
        assert ModelBackend().get_user_permissions(user) == {"sources.change_source"}
        assert "review.record_verdict" in ModelBackend().get_group_permissions(user)


def test_a_change_of_groups_in_the_request_is_seen(mixed) -> None:
    user = _fresh(mixed)
    user.has_perm("articles.view_article")
    user.groups.remove(Group.objects.get(name="Editor"))
    assert [group.name for group in user.groups.all()] == ["Fact-checker"]


def test_sessions_stay_with_model_backend(client, factchecker) -> None:
    # The backend signs no one in: a sign-in, and every session from before it, names ModelBackend.
    client.post("/login/", {"username": "fc", "password": "correct horse battery staple"})
    assert client.session[BACKEND_SESSION_KEY] == MODEL_BACKEND
    other = type(client)()
    other.force_login(factchecker)
    assert other.session[BACKEND_SESSION_KEY] == MODEL_BACKEND
    assert other.get("/articles/").status_code == 200


def test_a_signed_in_page_reads_roles_once(factchecker_client, django_assert_max_num_queries) -> None:
    factchecker_client.get("/inbox/")
    # The session, the user, the roles (permissions and groups), the unread count, the inbox's page.
    with django_assert_max_num_queries(5) as captured:
        assert factchecker_client.get("/inbox/").status_code == 200
    sql = [query["sql"] for query in captured.captured_queries]
    assert len([query for query in sql if '"auth_group"' in query or '"auth_permission"' in query]) == 1
