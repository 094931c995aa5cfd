import pytest

from newsverify.articles.services import analysis_store
from tests.factories import ArticleFactory, UserFactory
from tests.reports import TEXT, small_report


@pytest.fixture
def article(db):  # type: ignore[no-untyped-def]
    article = ArticleFactory(text=TEXT, publisher="Example Times")
    return analysis_store(article_id=article.pk, report=small_report())


@pytest.fixture
def staff(db):  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import Group

    user = UserFactory(username="desk", is_staff=True)
    user.groups.add(Group.objects.get(name="Fact-checker"))
    return user


@pytest.fixture
def staff_client(client, staff):  # type: ignore[no-untyped-def]
    client.force_login(staff)
    return client
