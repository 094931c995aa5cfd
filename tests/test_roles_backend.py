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


ROLES_BACKEND = "newsverify.roles.RolesBackend"
PASSWORD = "correct horse battery staple"


def test_a_sign_in_names_the_roles_backend_and_sessions_from_before_stay_signed_in(client, factchecker) -> None:
    client.post("/login/", {"username": "fc", "password": PASSWORD})
    assert client.session[BACKEND_SESSION_KEY] == ROLES_BACKEND
    assert client.get("/articles/").status_code == 200
    # A session signed in before this backend loaded users names ModelBackend: it stays signed in.
    other = type(client)()
    other.force_login(factchecker, backend=MODEL_BACKEND)
    assert other.session[BACKEND_SESSION_KEY] == MODEL_BACKEND
    assert other.get("/articles/").status_code == 200
    assert other.get("/articles/").wsgi_request.user == factchecker


def test_the_user_and_its_roles_are_read_in_one_query(mixed, django_assert_num_queries) -> None:
    from newsverify.roles import RolesBackend

    with django_assert_num_queries(1):
        user = RolesBackend().get_user(mixed.pk)
        assert user == mixed
        assert {f.attname: getattr(user, f.attname) for f in type(user)._meta.concrete_fields} == {
            f.attname: getattr(mixed, f.attname) for f in type(user)._meta.concrete_fields
        }
        assert user.has_perm("review.record_verdict")
        assert user.has_perm("sources.change_source")
        assert not user.has_perm("review.delete_claim")
        assert sorted(group.name for group in user.groups.all()) == ["Editor", "Fact-checker"]
    assert user.get_all_permissions() == _fresh(mixed).get_all_permissions()


def test_no_user_for_an_unknown_id_a_malformed_one_or_an_inactive_account(mixed) -> None:
    from newsverify.roles import RolesBackend

    assert RolesBackend().get_user(mixed.pk + 1000) is None
    assert RolesBackend().get_user("not a number") is None
    mixed.is_active = False
    mixed.save()
    assert RolesBackend().get_user(mixed.pk) is None


def test_nothing_is_kept_between_requests(factchecker) -> None:
    """A role taken away, an account made inactive, a password changed: seen by the next request."""
    from django.test import Client

    client = Client()
    client.post("/login/", {"username": "fc", "password": PASSWORD})
    assert client.get("/review/").status_code == 200
    factchecker.groups.clear()
    assert client.get("/review/").status_code == 403
    factchecker.groups.add(Group.objects.get(name="Fact-checker"))
    assert client.get("/review/").status_code == 200
    factchecker.set_password("another horse battery staple")
    factchecker.save()
    assert client.get("/review/").status_code == 302  # the session's hash no longer matches: signed out
    client.post("/login/", {"username": "fc", "password": "another horse battery staple"})
    assert client.get("/review/").status_code == 200
    factchecker.is_active = False
    factchecker.save()
    assert client.get("/review/").status_code == 302


def test_a_refused_sign_in_checks_the_password_once(factchecker, monkeypatch) -> None:
    checked = []
    original = get_user_model().check_password

    def check_password(self, raw):  # type: ignore[no-untyped-def]
        checked.append(raw)
        return original(self, raw)

    monkeypatch.setattr(get_user_model(), "check_password", check_password)
    from django.test import Client

    client = Client()
    response = client.post("/login/", {"username": "fc", "password": "wrong"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert checked == ["wrong"]


def test_a_signed_in_page_reads_roles_once(factchecker_client, django_assert_max_num_queries) -> None:
    factchecker_client.get("/inbox/")
    # The session, the user with its roles (permissions and groups), the unread count, the inbox's page.
    with django_assert_max_num_queries(4) as captured:
        assert factchecker_client.get("/inbox/").status_code == 200
    sql = [query["sql"] for query in captured.captured_queries]
    assert len([query for query in sql if '"auth_group"' in query or '"auth_permission"' in query]) == 1
