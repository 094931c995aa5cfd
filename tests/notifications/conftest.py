import pytest
from django.contrib.auth.models import Group

from tests.factories import ClaimFactory, UserFactory


@pytest.fixture
def claim(db):  # type: ignore[no-untyped-def]
    return ClaimFactory(text="three drones were intercepted")


@pytest.fixture
def ada(db):  # type: ignore[no-untyped-def]
    """A fact-checker with an e-mail address."""
    user = UserFactory(username="ada", email="ada@newsroom.example")
    user.groups.add(Group.objects.get(name="Fact-checker"))
    return user


@pytest.fixture
def ada_client(client, ada):  # type: ignore[no-untyped-def]
    client.force_login(ada)
    return client
