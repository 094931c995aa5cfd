import re

import pytest
from django.urls import reverse

from newsverify.review.models import Claim, ReviewStatus
from newsverify.review.services import VERDICT_STATUSES, claim_set_verdict
from tests.factories import ArticleFactory


def url(claim) -> str:  # type: ignore[no-untyped-def]
    return reverse("claim_detail", args=[claim.article_id, claim.pk])


def test_it_requires_login(client, drones):
    assert client.get(url(drones)).status_code == 302


def test_a_user_without_a_role_gets_403(client, outsider, drones):
    client.force_login(outsider)
    assert client.get(url(drones)).status_code == 403


def test_htmx_gets_the_chain_panel_from_origin_to_publisher(editor_client, drones):
    response = editor_client.get(url(drones), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="chain-panel")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    chain = (
        "<span>Defence Ministry</span> → <span>TASS</span> → <span>CNN</span> → "
        '<span class="publisher">Example Times</span>'
    )
    assert chain in body
    assert body.index("Origin") < body.index("Relay") < body.index("Publisher")
    assert "Explicit" in body and "via report" in body
    assert 'data-mentions="' in body and "named as <q" in body


def test_without_htmx_it_is_the_article_page_with_the_chain_open(editor_client, drones):
    body = editor_client.get(url(drones)).content.decode()
    assert "<html" in body
    assert f'id="claim-{drones.pk}"' in body and "is-open" in body
    assert "Defence Ministry</span> → <span>TASS" in body


def test_htmx_restoring_history_gets_the_article_page_with_the_chain_open(editor_client, drones):
    """Back to a claim htmx no longer holds in its history cache: the whole page, not the panel alone."""
    response = editor_client.get(url(drones), HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in response.text and 'id="article-text"' in response.text


def test_a_discrepancy_is_shown_on_the_claims_it_joins(editor_client, article):
    mayor = article.claims.get(text="4 people were hurt")
    body = editor_client.get(url(mayor), HTTP_HX_REQUEST="true").content.decode()
    assert "Numbers disagree on people hurt" in body
    rescuers = article.claims.get(text="14 people were hurt")
    assert url(rescuers) in body


def test_own_reporting_has_no_chain(editor_client, article):
    rain = article.claims.get(depth=0)
    body = editor_client.get(url(rain), HTTP_HX_REQUEST="true").content.decode()
    assert "there is no chain to follow" in body


def test_a_claim_under_another_article_is_404(editor_client, drones):
    other = ArticleFactory()
    assert editor_client.get(reverse("claim_detail", args=[other.pk, drones.pk])).status_code == 404


def test_the_forms_follow_the_role(editor, factchecker, drones):
    from django.test import Client

    editor_client, checker_client = Client(), Client()
    editor_client.force_login(editor)
    checker_client.force_login(factchecker)
    as_editor = editor_client.get(url(drones), HTTP_HX_REQUEST="true").content.decode()
    as_checker = checker_client.get(url(drones), HTTP_HX_REQUEST="true").content.decode()
    assert "Flag as unverified" in as_editor and "Record verdict" not in as_editor
    assert "Record verdict" in as_checker and "Flag as unverified" not in as_checker


def export_links(body: str) -> list[str]:
    """The hrefs of the chain panel's Export group, in order."""
    group = re.search(r'<div class="exports"[^>]*>(.*?)</div>', body, re.S)
    assert group is not None, "no Export group in the chain panel"
    return re.findall(r'href="([^"]+)"', group.group(1))


@pytest.mark.parametrize("status", [ReviewStatus.UNREVIEWED, ReviewStatus.NEEDS_PRIMARY_SOURCE])
def test_the_chain_panel_exports_the_chain_as_prov_but_no_claimreview_without_a_verdict(editor_client, drones, status):
    Claim.objects.filter(pk=drones.pk).update(review_status=status)
    body = editor_client.get(url(drones), HTTP_HX_REQUEST="true").content.decode()
    assert export_links(body) == [
        reverse("export_prov", args=[drones.pk, "json"]),
        reverse("export_prov", args=[drones.pk, "ttl"]),
    ]
    assert reverse("export_claimreview", args=[drones.pk]) not in body
    assert 'aria-labelledby="exports-label-' in body and ">PROV-JSON<" in body and ">Turtle<" in body


@pytest.mark.parametrize("verdict", VERDICT_STATUSES)
def test_a_claim_with_a_verdict_also_exports_its_claimreview(editor_client, drones, verdict):
    Claim.objects.filter(pk=drones.pk).update(review_status=verdict)
    body = editor_client.get(url(drones), HTTP_HX_REQUEST="true").content.decode()
    claimreview = reverse("export_claimreview", args=[drones.pk])
    assert export_links(body) == [
        reverse("export_prov", args=[drones.pk, "json"]),
        reverse("export_prov", args=[drones.pk, "ttl"]),
        claimreview,
    ]
    assert f'href="{claimreview}" download="claim-{drones.pk}-claimreview.jsonld"' in body
    assert ">ClaimReview JSON-LD<" in body


def test_each_export_link_of_the_panel_downloads(factchecker_client, factchecker, drones):
    evidence = "https://example.org/ministry-statement"
    claim_set_verdict(claim=drones, by=factchecker, verdict=ReviewStatus.VERIFIED, evidence_url=evidence)
    body = factchecker_client.get(url(drones), HTTP_HX_REQUEST="true").content.decode()
    links = export_links(body)
    assert len(links) == 3
    for href in links:
        assert factchecker_client.get(href).status_code == 200, href


def test_the_article_page_links_the_claims_csv_of_that_article(editor_client, article):
    ArticleFactory()
    body = editor_client.get(article.get_absolute_url()).content.decode()
    csv = f"{reverse('export_claims_csv')}?article={article.pk}"
    head = body[body.index('class="page-head article-head"') : body.index('id="analysis"')]
    assert f'href="{csv}" download' in head
    assert "Download this article’s </span>Claims CSV" in head
    response = editor_client.get(csv)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="article-{article.pk}-claims.csv"'


def test_the_history_links_to_the_article_s_audit_log(editor_client, drones):
    body = editor_client.get(url(drones)).content.decode()
    assert f'href="/audit/?article={drones.article_id}"' in body
