"""/accuracy/: staff only; a run started from the page; its figures are score.py's on the same export."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.urls import reverse

from newsverify.accuracy.models import EngineScore, ScoreStatus
from newsverify.accuracy.tasks import score_engine
from newsverify.accuracy.templatetags.accuracy_figures import percent
from tests.accuracy.conftest import run_scorer
from tests.accuracy.gold_article import reviewed_article
from tests.conftest import ROOT

pytestmark = pytest.mark.django_db
URL = "/accuracy/"


def figures_on_page(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-figure="(\w+)">([^<]*)<', html))


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_it_is_for_staff_only(client, factchecker, editor):
    for user in (factchecker, editor):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.post(reverse("accuracy_score")).status_code == 403
    assert not EngineScore.objects.exists()


def test_the_header_links_it_for_staff_only(client, factchecker, staff):
    client.force_login(factchecker)
    assert f'href="{URL}"' not in client.get(reverse("article_list")).content.decode()
    client.force_login(staff)
    assert f'href="{URL}"' in client.get(reverse("article_list")).content.decode()


def test_it_rejects_get_on_the_score_action(staff_client):
    assert staff_client.get(reverse("accuracy_score")).status_code == 405


def test_staff_start_one_run_at_a_time(staff_client, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = staff_client.post(reverse("accuracy_score"))
    assert response.status_code == 302
    score = EngineScore.objects.get()
    assert (score.status, score.requested_by) == (ScoreStatus.QUEUED, staff)
    assert len(callbacks) == 1  # the task is sent once the row is committed
    staff_client.post(reverse("accuracy_score"))
    assert EngineScore.objects.count() == 1
    page = staff_client.get(URL).content.decode()
    assert "Scoring run" in page and 'hx-trigger="every 3s"' in page and 'href="/accuracy/"' in page


def test_the_polling_report_stops_once_the_run_is_done(staff_client, staff, factchecker):
    reviewed_article(by=factchecker)
    score = EngineScore.objects.create(requested_by=staff)
    assert staff_client.get(URL, headers={"HX-Request": "true"}).status_code == 200
    score_engine.apply(args=[score.pk])
    response = staff_client.get(URL, headers={"HX-Request": "true"})
    assert response.status_code == 286
    assert 'id="report"' in response.content.decode() and "<html" not in response.content.decode()


def test_the_task_is_idempotent(factchecker, staff):
    reviewed_article(by=factchecker)
    score = EngineScore.objects.create(requested_by=staff)
    score_engine.apply(args=[score.pk])
    score.refresh_from_db()
    assert score.status == ScoreStatus.DONE and score.article_count == 1
    finished = score.finished_at
    score_engine.apply(args=[score.pk])
    score.refresh_from_db()
    assert score.finished_at == finished
    score_engine.apply(args=[score.pk + 1000])  # gone: nothing to do, no error


def test_the_page_shows_score_pys_figures_for_the_same_export(staff_client, factchecker, tmp_path):
    article = reviewed_article(by=factchecker)
    call_command("export_gold", "--out", str(tmp_path))
    [gold_path] = tmp_path.glob("*.gold.json")
    text_path = gold_path.with_name(gold_path.name.removesuffix(".gold.json") + ".txt")
    engine = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "extract_chains", str(text_path), "--json"]
        + ["--publisher", article.publisher],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    report = tmp_path / "engine.json"
    report.write_text(engine.stdout, encoding="utf-8")
    theirs = run_scorer(text_path, gold_path, report)

    call_command("score_engine")
    page = staff_client.get(URL).content.decode()

    shown = figures_on_page(page)
    for key in ("precision", "recall", "f1", "chain_of_gold", "chain", "origin", "hand", "kind"):
        assert shown[key] == percent(theirs[key]), key
    assert shown["matched"] == f"{theirs['matched']} of {theirs['gold_claims']}"
    assert shown["evidence_accuracy"] == percent(theirs["evidence_accuracy"])
    assert shown["medium_accuracy"] == percent(theirs["medium_accuracy"])
    # The engine is neither perfect nor silent here, so the comparison says something.
    assert theirs["matched"] > 0 and theirs["chain_of_gold"] < 1
    score = EngineScore.objects.get()
    assert json.dumps(score.articles[0]["f1"]) == json.dumps(theirs["f1"])
    assert 'id="by-kind"' in page and 'id="by-source-type"' in page and "<svg" in page
