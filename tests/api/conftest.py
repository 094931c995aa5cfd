from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def token_client(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def editor_api(editor) -> APIClient:  # type: ignore[no-untyped-def]
    return token_client(editor)


@pytest.fixture
def factchecker_api(factchecker) -> APIClient:  # type: ignore[no-untyped-def]
    return token_client(factchecker)


@pytest.fixture
def outsider_api(outsider) -> APIClient:  # type: ignore[no-untyped-def]
    return token_client(outsider)
