"""The stored claim kinds are the engine's, so every claim the engine reports can be stored."""

from newsverify.attribution import ClaimKind as EngineClaimKind
from newsverify.review.models import ClaimKind


def test_the_stored_kinds_are_the_engines_kinds():
    assert set(ClaimKind.values) == {k.value for k in EngineClaimKind}


def test_a_belief_has_a_label_of_its_own():
    assert ClaimKind("belief").label == "Belief or expectation"
