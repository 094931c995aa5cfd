"""The signed-in header (``site_header``'s tags in base.html), byte for byte as the template wrote it.

``site_header.html`` is the header's markup as base.html had it; each case renders it and the tags
through the template engine, with the request's own context processors, and compares.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.template import engines
from django.test import RequestFactory
from django.urls import Resolver404, resolve, reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
OLD = (Path(__file__).parent / "site_header.html").read_text()
NEW = (
    "{% load site_header %}{% if user.is_authenticated %}{% header_nav %}{% if perms.articles.view_article %}"
    '{% include "notifications/partials/inbox_link.html" %}{% endif %}{% header_account %}{% endif %}'
)
TOKEN = re.compile(r'(csrfmiddlewaretoken" value=")[^"]+')
# Every page the header links to (each current in turn), the inbox, and a page no route matches.
ROUTES = ["article_list", "article_upload", "review_queue", "source_list", "story_list", "network", "audit_log"]
ROUTES += ["accuracy", "pipeline_status", "inbox"]


def _render(source: str, request) -> str:  # type: ignore[no-untyped-def]
    return TOKEN.sub(r"\1TOKEN", engines["django"].from_string(source).render({}, request))


def _users():  # type: ignore[no-untyped-def]
    editor = UserFactory(username='ed <b>"x"</b> & co')
    editor.groups.add(Group.objects.get(name="Editor"), Group.objects.get(name="Fact-checker"))
    checker = UserFactory(username="fc")
    checker.groups.add(Group.objects.get(name="Fact-checker"))
    odd = Group.objects.create(name="Desk <i>night</i>")
    staff = UserFactory(username="staff", is_staff=True)
    staff.groups.add(odd)
    return [editor, checker, staff, UserFactory(username="nobody"), UserFactory(username="root", is_superuser=True)]


def test_every_kind_of_user_on_every_page_reads_as_before() -> None:
    from django.contrib.auth.models import AnonymousUser

    factory = RequestFactory()
    written = []
    for user in [*_users(), AnonymousUser()]:
        for path in [*(reverse(name) for name in ROUTES), "/no/such/page/"]:
            request = factory.get(path)
            request.user = user
            try:
                request.resolver_match = resolve(path)
            except Resolver404:  # as on a page no route matches
                request.resolver_match = None
            written.append(_render(NEW, request))
            assert written[-1] == _render(OLD, request), (user, path)
    assert any(">Audit log</a>" in html and 'aria-current="page">Sources' in html for html in written)
    assert any("ed &lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; co" in html for html in written)
    assert any("Desk &lt;i&gt;night&lt;/i&gt;" in html and ">Accuracy</a>" in html for html in written)
