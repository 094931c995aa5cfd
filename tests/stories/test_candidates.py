"""How the matcher finds and reads its candidates: the key index with its stop keys, the stored
features, and the notes rebuilt for all the changed stories at once (SQLite or PostgreSQL)."""

from __future__ import annotations

import json

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from newsverify.stories import services
from newsverify.stories.matching import claim_features, features_read, features_stored
from newsverify.stories.models import ClaimEntry, Story, StoryClaim
from newsverify.stories.selectors import story_page
from newsverify.stories.summaries import story_notes_refresh
from tests.stories.conftest import match, relay

STATEMENT = "Police detained 27 protesters outside the parliament in Valmor on Saturday."


def test_stored_features_read_back_are_the_features_of_the_text():
    text = "Officials reportedly said 14 people were injured in Kharkiv on Tuesday, the ministry said."
    features = claim_features(text)
    assert features_read(text, json.loads(json.dumps(features_stored(features)))) == features


def test_a_key_filed_under_more_claims_than_the_cap_finds_no_candidate(sources, monkeypatch):
    crowd = [
        relay(f"The Ostrel {what} on Monday.", publisher=f"Outlet {day}", chain=[sources["outlet_c"]], day=day)
        for day, what in enumerate(("council met", "orchestra played", "market opened", "port closed"), start=1)
    ]
    rare = relay("The Kessin bridge reopened on Monday.", publisher="Outlet 9", chain=[sources["outlet_c"]], day=9)
    new = relay("The mayors of Ostrel and Kessin signed a river treaty.", publisher="Morning Post", chain=[], day=10)
    match(*crowd, rare, new)
    article = new.article

    assert set(services._candidates(article.pk)[0][new.pk]) == {claim.pk for claim in [*crowd, rare]}
    # "Ostrel" is filed under five claims (the new one's too): past a cap of 4 it is a stop key.
    monkeypatch.setattr(services, "KEY_POSTINGS_CAP", 4)
    assert services._candidates(article.pk)[0][new.pk] == [rare.pk]


def test_candidates_are_ranked_by_the_keys_they_share_and_cut_at_the_limit(sources, monkeypatch):
    one = relay("The Ostrel council met on Monday.", publisher="Outlet 1", chain=[], day=1)
    two = relay("The mayors of Ostrel and Kessin held talks.", publisher="Outlet 2", chain=[], day=2)
    three = relay("The mayors of Ostrel, Kessin and Dravo met.", publisher="Outlet 3", chain=[], day=3)
    new = relay("The mayors of Ostrel, Kessin and Dravo signed a treaty.", publisher="Morning Post", chain=[], day=4)
    match(one, two, three, new)
    assert services._candidates(new.article_id)[0][new.pk] == [three.pk, two.pk, one.pk]
    monkeypatch.setattr(services, "CANDIDATES", 2)
    assert services._candidates(new.article_id)[0][new.pk] == [three.pk, two.pk]


def test_a_rare_key_shared_outranks_common_keys_shared(sources):
    # Weighted as a search engine weighs words: a key shared by few claims says more than two
    # shared by many (each key counts one over the number of claims filed under it).
    crowd = [
        relay(f"The mayors of Ostrel and Kessin {what}.", publisher=f"Outlet {day}", chain=[], day=day)
        for day, what in enumerate(("met", "argued", "dined", "walked", "spoke"), start=1)
    ]
    rare = relay("The Dravo bridge reopened.", publisher="Outlet 9", chain=[], day=9)
    new = relay("The mayors of Ostrel, Kessin and Dravo signed a treaty.", publisher="Morning Post", chain=[], day=10)
    match(*crowd, rare, new)
    ranked = services._candidates(new.article_id)[0][new.pk]
    assert ranked[0] == rare.pk
    assert set(ranked[1:]) == {claim.pk for claim in crowd}


def test_a_candidates_features_are_read_from_its_entry_while_its_text_is_unchanged(sources):
    first = relay(STATEMENT, publisher="Northwire", chain=[sources["ministry"]], day=7)
    match(first)
    entry = ClaimEntry.objects.get(claim=first)
    assert entry.features == features_stored(claim_features(STATEMENT))
    # Entries that say the stored claim names another place: the wire copy is not matched, so
    # the entry, not the text, is what was compared.
    tampered = {**entry.features, "names": ["kessin"]}
    ClaimEntry.objects.filter(claim=first).update(features=tampered)
    wire = relay(STATEMENT, publisher="Morning Post", chain=[sources["ministry"]], day=8)
    match(wire)
    assert not StoryClaim.objects.exists()
    # An entry of another text (the claim's text changed since) is not trusted: computed again.
    ClaimEntry.objects.filter(claim=first).update(text_hash="0" * 64)
    match(wire)
    assert StoryClaim.objects.filter(claim=wire, matched_to=first, how="wire").exists()


def test_the_notes_of_many_stories_are_rebuilt_in_as_many_queries_as_one(sources):
    stories = []
    for day, place in enumerate(("Valmor", "Kessin", "Dravo"), start=1):
        text = f"Police detained 27 protesters outside the parliament in {place} on Saturday."
        first = relay(text, publisher="Northwire", chain=[sources["ministry"]], day=day)
        second = relay(text, publisher="Morning Post", chain=[sources["ministry"], sources["wire_a"]], day=day + 3)
        match(first, second)
        stories.append(StoryClaim.objects.get(claim=second).story_id)
    assert len(set(stories)) == Story.objects.count() == 3
    counts = []
    for ids in (stories[:1], stories):
        with TestCase.captureOnCommitCallbacks(execute=True), CaptureQueriesContext(connection) as queries:
            story_notes_refresh(story_ids=ids)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_story_page_reads_its_reports_features_from_their_entries(sources):
    first = relay(STATEMENT, publisher="Northwire", chain=[sources["ministry"]], day=7)
    second = relay(STATEMENT, publisher="Morning Post", chain=[sources["ministry"], sources["wire_a"]], day=8)
    match(first, second)
    story = Story.objects.get()
    assert story_page(story).reports[1].drift == []
    entry = ClaimEntry.objects.get(claim=second)
    ClaimEntry.objects.filter(claim=second).update(features={**entry.features, "figures": ["40"]})
    assert story_page(story).reports[1].drift == ["figure changed: 27 → 40"]
    ClaimEntry.objects.filter(claim=second).update(text_hash="0" * 64)  # another text's: not trusted
    assert story_page(story).reports[1].drift == []
