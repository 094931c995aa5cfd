"""Matching stored claims across articles, and filing them as stories (SQLite or PostgreSQL)."""

from __future__ import annotations

from django.utils import timezone

from newsverify.stories.models import ClaimKey, Story, StoryClaim
from newsverify.stories.selectors import story_page
from newsverify.stories.services import story_match_article
from newsverify.stories.tasks import story_match_article as story_match_task
from tests.stories.conftest import relay

STATEMENT = "Police detained 27 protesters outside the parliament in Valmor on Saturday."


def _rows():  # type: ignore[no-untyped-def]
    return sorted(StoryClaim.objects.values_list("claim_id", "story_id", "matched_to_id", "how"))


def test_three_articles_relaying_one_statement_through_two_wires_are_one_story(sources):
    ministry, wire_a, wire_b, outlet_c = (sources[k] for k in ("ministry", "wire_a", "wire_b", "outlet_c"))
    first = relay(STATEMENT, publisher="Northwire", chain=[ministry], day=7)
    second = relay(STATEMENT[:-1] + ", the ministry said.", publisher="Morning Post", chain=[ministry, wire_a], day=8)
    third = relay(
        "Police detained 27 protesters outside the parliament in Valmor on Saturday, a news agency reported.",
        publisher="Harbour Herald",
        chain=[ministry, wire_b, outlet_c],
        day=9,
    )
    unrelated = relay(
        "The Valmor orchestra cancelled its spring tour.", publisher="Arts Weekly", chain=[outlet_c], day=9
    )
    for claim in (first, second, third, unrelated):
        story_match_article(article_id=claim.article_id)

    assert Story.objects.count() == 1
    story = Story.objects.get()
    assert set(story.members.values_list("claim_id", flat=True)) == {first.pk, second.pk, third.pk}
    page = story_page(story)
    assert page.origin.claim == first
    assert page.statements == 1
    assert page.wires == ["Eastern Press Agency", "Northwire"]
    assert page.outlets == ["Harbour Herald", "Morning Post", "Northwire"]
    assert [report.path for report in page.reports][2] == [
        "Interior Ministry",
        "Eastern Press Agency",
        "Valmor Daily",
        "Harbour Herald",
    ]


def test_matching_twice_leaves_the_same_rows(sources):
    first = relay(STATEMENT, publisher="Northwire", chain=[sources["ministry"]], day=7)
    second = relay(STATEMENT, publisher="Morning Post", chain=[sources["ministry"], sources["wire_a"]], day=8)
    story_match_task(first.article_id)
    story_match_task(second.article_id)
    rows, keys = _rows(), ClaimKey.objects.count()
    assert len(rows) == 2
    story_match_task(second.article_id)
    story_match_task(first.article_id)
    assert _rows() == rows
    assert ClaimKey.objects.count() == keys
    assert story_match_task(123456) == 0  # an article that is gone: nothing to do


def test_candidates_come_from_the_index_not_a_scan(sources, django_assert_max_num_queries):
    for day in range(1, 21):
        relay(
            f"The Valmor council approved budget number {day} on Monday.",
            publisher=f"Outlet {day}",
            chain=[sources["outlet_c"]],
            day=day,
        )
    claim = relay(STATEMENT, publisher="Morning Post", chain=[sources["ministry"]], day=22)
    with django_assert_max_num_queries(40):
        story_match_article(article_id=claim.article_id)
    assert not StoryClaim.objects.exists()


def test_different_day_and_different_origin_make_no_story(sources):
    first = relay(STATEMENT, publisher="Northwire", chain=[sources["ministry"]], day=7)
    other_day = relay(
        STATEMENT.replace("Saturday", "Tuesday"), publisher="Morning Post", chain=[sources["ministry"]], day=8
    )
    other_origin = relay(STATEMENT, publisher="Harbour Herald", chain=[sources["outlet_c"]], day=8)
    story_match_article(article_id=first.article_id)
    story_match_article(article_id=other_day.article_id)
    story_match_article(article_id=other_origin.article_id)
    assert not Story.objects.exists()


def test_a_retired_claim_leaves_its_story_and_a_story_of_one_article_ends(sources):
    first = relay(STATEMENT, publisher="Northwire", chain=[sources["ministry"]], day=7)
    second = relay(STATEMENT, publisher="Morning Post", chain=[sources["ministry"]], day=8)
    story_match_article(article_id=first.article_id)
    story_match_article(article_id=second.article_id)
    assert Story.objects.count() == 1
    second.retired_at = timezone.now()
    second.save()
    story_match_article(article_id=second.article_id)
    assert not Story.objects.exists()
    assert not StoryClaim.objects.filter(claim=first).exists()


def test_circular_citing_anonymous_origins_and_drift_are_flagged(sources):
    wire_a, outlet_c, officials = sources["wire_a"], sources["outlet_c"], sources["officials"]
    hedged = "Police reportedly detained 14 protesters outside the parliament in Valmor on Saturday."
    origin = relay(hedged, publisher="Northwire", chain=[sources["ministry"]], day=7, kind="direct")
    # Valmor Daily cites Northwire, and Northwire cites Valmor Daily: one loop, not two confirmations.
    loop_a = relay(hedged, publisher="Valmor Daily", chain=[sources["ministry"], wire_a], day=8)
    loop_b = relay(hedged, publisher="Northwire Digest", chain=[sources["ministry"], outlet_c, wire_a], day=9)
    drifted = relay(
        "Police detained dozens of protesters outside the parliament in Valmor on Saturday.",
        publisher="Morning Post",
        chain=[officials],
        day=10,
    )
    for claim in (origin, loop_a, loop_b, drifted):
        story_match_article(article_id=claim.article_id)
    page = story_page(Story.objects.get())
    by_claim = {report.claim.pk: report for report in page.reports}
    assert page.circular == ["Northwire → Valmor Daily → Northwire"]
    assert by_claim[loop_a.pk].circular and by_claim[loop_b.pk].circular
    assert not by_claim[drifted.pk].circular
    assert by_claim[drifted.pk].origin_anonymous and not by_claim[origin.pk].origin_anonymous
    notes = by_claim[drifted.pk].drift
    assert "figure changed: 14 → dozens" in notes
    assert any(note.startswith("hedge lost") for note in notes)
    assert "quote became paraphrase" in notes
    assert by_claim[loop_a.pk].drift == ["quote became paraphrase"]


def test_the_command_matches_the_archive_stored_before_stories(sources):
    from django.core.management import call_command

    first = relay(STATEMENT, publisher="Northwire", chain=[sources["ministry"]], day=7)
    second = relay(STATEMENT, publisher="Morning Post", chain=[sources["ministry"]], day=8)
    for claim in (first, second):
        claim.article.analysed_at = timezone.now()
        claim.article.save()
    call_command("story_match")
    assert set(Story.objects.get().members.values_list("claim_id", flat=True)) == {first.pk, second.pk}


def test_only_pairs_that_words_cannot_decide_are_embedded(sources):
    from newsverify.stories.models import ClaimVector

    lone = relay("The Ostrel orchestra cancelled its spring tour.", publisher="Arts Weekly", chain=[], day=3)
    story_match_article(article_id=lone.article_id)
    assert not ClaimVector.objects.exists()  # no candidate, no embedding
    first = relay(STATEMENT, publisher="Northwire", chain=[sources["ministry"]], day=7)
    wire = relay(STATEMENT, publisher="Morning Post", chain=[sources["ministry"]], day=8)
    story_match_article(article_id=first.article_id)
    story_match_article(article_id=wire.article_id)
    assert StoryClaim.objects.filter(claim=wire, how="wire").exists()
    assert not ClaimVector.objects.exists()  # wire copy is decided from the words
    paraphrase = relay(
        "On Saturday officers held 27 demonstrators in front of the Valmor parliament.",
        publisher="Harbour Herald",
        chain=[sources["ministry"]],
        day=9,
    )
    story_match_article(article_id=paraphrase.article_id)
    assert set(ClaimVector.objects.values_list("claim_id", flat=True)) == {first.pk, wire.pk, paraphrase.pk}


def test_the_index_write_rewrites_only_what_changed(sources):
    from newsverify.stories.models import ClaimEntry

    first = relay(STATEMENT, publisher="Northwire", chain=[sources["ministry"]], day=7)
    other = relay("The Ostrel orchestra cancelled its spring tour.", publisher="Arts Weekly", chain=[], day=3)
    story_match_article(article_id=first.article_id)
    keys = sorted(ClaimKey.objects.values_list("claim_id", "key"))
    entry = ClaimEntry.objects.get(claim=first)
    ClaimKey.objects.filter(claim=first).update(article=other.article)  # marked: a rewrite would reset it
    story_match_article(article_id=first.article_id)
    assert ClaimKey.objects.filter(claim=first, article=other.article).count() == len(keys), "kept as they were"
    first.text = "Police detained 31 protesters outside the parliament in Valmor on Saturday."
    first.save()
    ClaimKey.objects.filter(claim=first).update(article=first.article)
    story_match_article(article_id=first.article_id)
    assert sorted(ClaimKey.objects.values_list("claim_id", "key")) != keys, "a changed text is filed again"
    assert ClaimEntry.objects.get(claim=first).text_hash != entry.text_hash
    first.retired_at = timezone.now()
    first.save()
    story_match_article(article_id=first.article_id)
    assert not ClaimKey.objects.filter(claim=first).exists() and not ClaimEntry.objects.filter(claim=first).exists()


def test_with_the_static_encoder_a_claims_pieces_are_kept_and_read_back_as_a_candidate(sources, settings, monkeypatch):
    import numpy as np

    from newsverify.stories import services
    from newsverify.stories.embeddings import pieces_to_bytes
    from newsverify.stories.models import ClaimEntry

    settings.NEWSVERIFY_STORY_EMBEDDINGS = "static"
    tokenised: list[str] = []

    def pieces(texts):  # type: ignore[no-untyped-def]  # the texts' lengths stand for their pieces
        tokenised.extend(texts)
        return [np.array([len(text), 7], dtype=np.uint16) for text in texts]

    monkeypatch.setattr(services, "static_pieces", pieces)
    monkeypatch.setattr(services, "static_vectors", lambda kept: np.array([[1.0, 0.0] for _ in kept]))
    monkeypatch.setattr(services, "embed", lambda texts, *, name: np.array([[1.0, 0.0] for _ in texts]))
    first = relay(STATEMENT, publisher="Northwire", chain=[sources["ministry"]], day=7)
    story_match_article(article_id=first.article_id)
    assert bytes(ClaimEntry.objects.get(claim=first).pieces) == pieces_to_bytes(np.array([len(STATEMENT), 7]))
    ClaimEntry.objects.filter(claim=first).update(pieces=None)  # as written under another encoder
    story_match_article(article_id=first.article_id)
    assert ClaimEntry.objects.get(claim=first).pieces is not None, "written again, with its pieces"
    paraphrase = relay(
        "On Saturday officers held 27 demonstrators in front of the Valmor parliament.",
        publisher="Harbour Herald",
        chain=[sources["ministry"]],
        day=9,
    )
    tokenised.clear()
    matches = story_match_article(article_id=paraphrase.article_id)
    assert tokenised == [paraphrase.text], "the stored claim's pieces are read, its text not tokenised again"
    assert [(m.claim_id, m.other_id, m.verdict.how) for m in matches] == [(paraphrase.pk, first.pk, "paraphrase")]
