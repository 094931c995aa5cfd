"""The pure matcher: no database, no model (cosines are given)."""

from __future__ import annotations

from newsverify.stories.matching import Origin, claim_features, conflict, index_keys, match_decide

BASE = "Rescue teams pulled nine people from the collapsed hotel in Valmor on Thursday."


def test_wire_copy_matches_without_any_embedding():
    wire = "Rescue teams pulled nine people from the collapsed hotel in Valmor on Thursday, officials said."
    verdict = match_decide(claim_features(BASE), claim_features(wire), cosine=None)
    assert verdict is not None and verdict.how == "wire"


def test_wire_copy_shares_index_keys_and_unrelated_text_shares_none():
    wire = claim_features("Rescue teams pulled nine people from the collapsed hotel in Valmor on Thursday night.")
    other = claim_features("The orchestra cancelled its spring tour after the conductor fell ill.")
    mine = set(index_keys(claim_features(BASE)))
    assert mine & set(index_keys(wire))
    assert not mine & set(index_keys(other))


def test_same_words_about_another_place_or_day_are_not_the_same_claim():
    elsewhere = claim_features("Rescue teams pulled nine people from the collapsed hotel in Ostrel on Thursday.")
    other_day = claim_features("Rescue teams pulled nine people from the collapsed hotel in Valmor on Sunday.")
    assert conflict(claim_features(BASE), elsewhere) == "different places or names"
    assert conflict(claim_features(BASE), other_day) == "different days"
    assert match_decide(claim_features(BASE), elsewhere, cosine=0.97) is None


def test_a_different_figure_does_not_stop_a_match():
    drifted = claim_features("Rescuers freed dozens of people from a collapsed Valmor hotel on Thursday.")
    assert drifted.figures == {"dozens"}
    verdict = match_decide(claim_features(BASE), drifted, cosine=0.8)
    assert verdict is not None and verdict.how == "paraphrase"


def test_a_paraphrase_needs_a_high_enough_similarity():
    paraphrase = claim_features("On Thursday nine survivors were rescued from the ruins of a Valmor hotel.")
    assert match_decide(claim_features(BASE), paraphrase, cosine=0.3) is None
    assert match_decide(claim_features(BASE), paraphrase, cosine=0.75) is not None
    # Below the bar, a shared figure and a shared place still carry it.
    assert match_decide(claim_features(BASE), paraphrase, cosine=0.55) is not None


def test_different_named_origins_are_different_statements_and_anonymous_agrees_with_any():
    ministry = claim_features(BASE, origin=Origin(source_id=1, name="Interior Ministry"))
    mayor = claim_features(BASE, origin=Origin(source_id=2, name="Mayor of Valmor"))
    same_body = claim_features(BASE, origin=Origin(source_id=3, name="Ministry of the Interior"))
    unnamed = claim_features(BASE, origin=Origin(source_id=4, name="officials", anonymous=True))
    assert conflict(ministry, mayor) == "different origins"
    assert conflict(ministry, same_body) is None
    assert conflict(ministry, unnamed) is None


def test_features_read_names_days_figures_and_hedges():
    features = claim_features("Police in Ostrel reportedly detained 1,200 protesters on Monday.")
    assert "ostrel" in features.names and "police" not in features.names
    assert features.times == {"monday"}
    assert features.figures == {"1200"}
    assert features.hedged
    assert not claim_features(BASE).hedged
