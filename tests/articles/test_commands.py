from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from newsverify.articles.models import Article, ArticleStatus
from newsverify.articles.recovery import article_send


@pytest.mark.django_db
def test_load_seeds_loads_and_analyses_once(nlp):
    call_command("load_seeds", stdout=StringIO())
    article = Article.objects.get()
    assert article.status == ArticleStatus.DONE, article.failure_reason
    assert article.publisher == "" and article.title.startswith("Putin says")
    claims = article.claims.count()
    assert claims > 0

    out = StringIO()
    call_command("load_seeds", stdout=out)
    assert "already article" in out.getvalue()
    assert Article.objects.count() == 1
    assert article.claims.count() == claims


@pytest.mark.django_db
def test_create_demo_users_prints_generated_passwords_once(monkeypatch):
    monkeypatch.delenv("NEWSVERIFY_EDITOR_PASSWORD", raising=False)
    monkeypatch.delenv("NEWSVERIFY_FACTCHECKER_PASSWORD", raising=False)
    monkeypatch.delenv("NEWSVERIFY_STAFF_PASSWORD", raising=False)
    first = StringIO()
    call_command("create_demo_users", stdout=first)
    assert first.getvalue().count("generated; shown only now") == 3
    editor = get_user_model().objects.get(username="editor")
    assert editor.has_perm("articles.add_article") and not editor.has_perm("review.record_verdict")
    assert not editor.is_staff
    staff = get_user_model().objects.get(username="staff")
    assert staff.is_staff and staff.has_perm("review.record_verdict") and not staff.is_superuser

    second = StringIO()
    call_command("create_demo_users", stdout=second)
    assert "password:" not in second.getvalue()


@pytest.mark.django_db
def test_create_demo_users_takes_passwords_from_the_environment(monkeypatch):
    monkeypatch.setenv("NEWSVERIFY_EDITOR_PASSWORD", "from-the-env-123")
    monkeypatch.setenv("NEWSVERIFY_STAFF_PASSWORD", "staff-from-the-env-456")
    out = StringIO()
    call_command("create_demo_users", stdout=out)
    assert "from-the-env-123" not in out.getvalue() and "staff-from-the-env-456" not in out.getvalue()
    assert get_user_model().objects.get(username="editor").check_password("from-the-env-123")
    assert get_user_model().objects.get(username="staff").check_password("staff-from-the-env-456")


def _sends(callbacks: list) -> list:  # type: ignore[type-arg]
    """The callbacks that hand an analysis to the broker once the article is committed (with Redis,
    others tell the pages waiting on the article of its change: articles/changes.py)."""
    return [callback for callback in callbacks if getattr(callback, "func", None) is article_send]


@pytest.mark.django_db
def test_load_seeds_analyses_in_process_without_also_queueing(nlp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        call_command("load_seeds", stdout=StringIO())
    assert _sends(callbacks) == []
    assert Article.objects.get().status == ArticleStatus.DONE


@pytest.mark.django_db
def test_load_seeds_can_leave_the_analysis_to_a_worker(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        call_command("load_seeds", "--queue", stdout=StringIO())
    assert len(_sends(callbacks)) == 1
    assert Article.objects.get().status == ArticleStatus.QUEUED
