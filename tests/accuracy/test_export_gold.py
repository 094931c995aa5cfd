"""manage.py export_gold: the reviewed articles in newsverify.gold/1, the reviewer's reading winning."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.management import call_command

from newsverify.accuracy.gold import claim_is_gold, gold_reading, reviewed_articles
from newsverify.articles.services import analysis_store
from newsverify.review import corrections
from newsverify.review.corrections import HopPlan, SourcePick
from newsverify.review.models import ReviewStatus
from newsverify.review.services import hop_confirm
from newsverify.sources.models import Source, SourceAlias
from tests.accuracy.conftest import run_scorer
from tests.accuracy.gold_article import EVIDENCE, GOLD_TEXT, gold_as_report, rescuers, reviewed_article, verdict
from tests.factories import ArticleFactory
from tests.reports import small_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(factchecker):  # type: ignore[no-untyped-def]
    return reviewed_article(by=factchecker)


def _export(tmp_path, *args):  # type: ignore[no-untyped-def]
    call_command("export_gold", "--out", str(tmp_path), *args)
    golds = sorted(tmp_path.glob("*.gold.json"))
    return [(path.with_name(path.name.removesuffix(".gold.json") + ".txt"), path) for path in golds]


def test_it_writes_the_text_exactly_and_the_reviewers_reading(article, tmp_path):
    interfax = Source.objects.get(name="Interfax")
    SourceAlias.objects.create(source=interfax, name="Interfax news agency", normalised="interfax news agency")
    [(text_path, gold_path)] = _export(tmp_path)
    assert text_path.name == f"{article.pk:04d}_drones_over_the_harbour.txt"
    assert text_path.read_bytes() == GOLD_TEXT.encode("utf-8")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert gold["format"] == "newsverify.gold/1" and gold["text_file"] == text_path.name
    claims = {claim["content"]: claim for claim in gold["claims"]}
    assert set(claims) == {"three drones were intercepted", "4 people were hurt", "the ferry was late"}
    drones = claims["three drones were intercepted"]
    assert drones["chain"] == ["Defence Ministry", "Interfax", "CNN"]
    assert (drones["kind"], drones["cue"], drones["medium"]) == ("according_to", "According to", "statement")
    # A hop the reviewer set has no engine evidence: the list is left out rather than made up.
    assert "evidence" not in drones
    mayor = claims["4 people were hurt"]
    assert (mayor["chain"], mayor["evidence"], mayor["cue"]) == (["the mayor"], ["explicit"], "said")
    ferry = claims["the ferry was late"]
    assert (ferry["chain"], ferry["kind"], ferry["cue"]) == (["harbour official"], "indirect", None)
    assert gold["ignore"] == ["14 people were hurt"]
    assert gold["not_claims"] == ["It rained all day."]
    # The mayor and the rescuers disagree, but only the mayor's reading is reviewed.
    assert gold["discrepancies"] == []
    assert gold["sources"]["Interfax"]["type"] == "news_agency"
    # The registry's names for a source are aliases, and a name folded the same way is listed once.
    assert gold["sources"]["Interfax"]["aliases"] == ["Interfax", "Interfax news agency"]
    assert gold["sources"]["Defence Ministry"]["aliases"] == ["Defence Ministry"]
    assert {c["id"] for c in gold["claims"]} == {
        f"c{pk}"
        for pk in article.claims.filter(retired_at=None)
        .exclude(text="14 people were hurt")
        .values_list("pk", flat=True)
    }


def test_its_output_scores_1_against_itself_with_the_evaluation_scorer(article, factchecker, tmp_path):
    hop_confirm(hop=rescuers(article).hops.get(position=0), by=factchecker, evidence_url=EVIDENCE)
    [(text_path, gold_path)] = _export(tmp_path)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert len(gold["discrepancies"]) == 1 and len(gold["claims"]) == 4
    report = tmp_path / "perfect.json"
    report.write_text(json.dumps(gold_as_report(text_path.read_text(encoding="utf-8"), gold)), encoding="utf-8")

    figures = run_scorer(text_path, gold_path, report)

    assert figures["matched"] == figures["gold_claims"] == figures["pred_claims"] == 4
    for key in ("precision", "recall", "f1", "origin", "origin_any", "chain", "chain_of_gold", "hand", "kind"):
        assert figures[key] == 1.0, key
    assert figures["cue_accuracy"] == figures["evidence_accuracy"] == figures["medium_accuracy"] == 1.0
    assert figures["entities"] == f"{len(gold['sources'])}/6" and figures["discrepancies_found"] == "1/1"
    assert figures["discrepancy_false_alarms"] == 0


def test_an_article_nobody_reviewed_is_not_exported(article, tmp_path):
    other = ArticleFactory(text=GOLD_TEXT + " More.", title="Untouched")
    analysis_store(article_id=other.pk, report=small_report(other.text))
    assert [a.pk for a in reviewed_articles()] == [article.pk]
    assert len(_export(tmp_path)) == 1


def test_a_verdict_makes_a_claim_gold_but_misattributed_does_not(article, factchecker):
    claim = rescuers(article)
    assert not claim_is_gold(claim)
    verdict(claim, by=factchecker, status=ReviewStatus.MISATTRIBUTED)
    claim.refresh_from_db()
    assert not claim_is_gold(claim)
    verdict(claim, by=factchecker, status=ReviewStatus.DISPUTED)
    claim.refresh_from_db()
    assert claim_is_gold(claim)


def test_retired_claims_are_left_out_unless_marked_not_a_claim(article):
    drones = article.claims.get(text="three drones were intercepted")
    mayor = article.claims.get(text="4 people were hurt")
    type(mayor).objects.filter(pk=mayor.pk).update(retired_at=datetime.datetime.now(datetime.UTC))
    gold = gold_reading(reviewed_articles()[0])
    assert f"c{mayor.pk}" not in {c["id"] for c in gold["claims"]}
    assert f"c{drones.pk}" in {c["id"] for c in gold["claims"]}
    assert gold["not_claims"] == ["It rained all day."]


def test_it_takes_articles_and_a_day(article, tmp_path):
    assert _export(tmp_path / "none", "--article", str(article.pk + 100)) == []
    assert len(_export(tmp_path / "one", "--article", str(article.pk))) == 1
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    assert _export(tmp_path / "later", "--since", tomorrow) == []
    assert len(_export(tmp_path / "today", "--since", datetime.date.today().isoformat())) == 1


def test_a_corrected_span_and_kind_are_the_gold_not_the_engines(article, factchecker):
    claim = rescuers(article)
    start = GOLD_TEXT.index("Rescuers said 14 people were hurt")
    corrections.claim_span_change(
        claim=claim, by=factchecker, start=start, end=start + len("Rescuers said 14 people were hurt")
    )
    corrections.claim_kind_change(claim=claim, by=factchecker, kind="direct")

    gold = gold_reading(reviewed_articles()[0])

    [entry] = [c for c in gold["claims"] if c["id"] == f"c{claim.pk}"]
    assert (entry["content"], entry["kind"]) == ("Rescuers said 14 people were hurt", "direct")
    assert gold["ignore"] == []


def test_words_that_stand_earlier_in_the_text_are_widened_to_this_claim(factchecker):
    text = GOLD_TEXT + "\n\nLater the mayor said 4 people were hurt again."
    other = ArticleFactory(text=text, title="Twice")
    analysis_store(article_id=other.pk, report=small_report(text))
    first = other.claims.get(text="4 people were hurt")
    second_start = text.index("4 people were hurt again")
    added = corrections.claim_add(
        article=other,
        by=factchecker,
        start=second_start,
        end=second_start + len("4 people were hurt"),
        kind="indirect",
        chain=[HopPlan(source=SourcePick(source=first.hops.get().source))],
    )
    hop_confirm(hop=first.hops.get(), by=factchecker, evidence_url=EVIDENCE)

    gold = gold_reading(reviewed_articles(article_ids=[other.pk])[0])

    contents = {c["id"]: c["content"] for c in gold["claims"]}
    assert contents[f"c{first.pk}"] == "4 people were hurt"
    # The scorer finds a claim by the first place its words stand: this one's are widened to be its own.
    assert (
        contents[f"c{added.pk}"].startswith("4 people were hurt") and contents[f"c{added.pk}"] != "4 people were hurt"
    )
    assert text.find(contents[f"c{added.pk}"]) == second_start
