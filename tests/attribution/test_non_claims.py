"""What is not an attributed claim: refusals to comment, and the publisher's own statements
(real model)."""

from __future__ import annotations

import pytest

from tests.attribution.reading import attributed, claim_about, describe


@pytest.mark.parametrize(
    "sentence",
    [
        "The Harbour Authority declined to comment.",
        "The Harbour Authority did not comment on the report.",
        "A spokesman for Halvard Shipping Ltd did not respond to a request for comment.",
        "Asked about the collapse, the minister declined to comment.",
        "The Harbour Authority refused to comment on the cause.",
    ],
)
def test_a_refusal_to_comment_is_not_a_claim(extract, sentence) -> None:
    report = extract(sentence)
    assert attributed(report) == [], describe(report)
    assert report.attributions == ()
    assert all(c.depth == 0 for c in report.claims)


def test_a_refusal_next_to_a_claim_leaves_the_claim_alone(extract) -> None:
    report = extract(
        "The Finnish Environment Ministry said that the lake was polluted. The ferry "
        "operator did not comment on the report."
    )
    assert [c.text for c in attributed(report)] == ["the lake was polluted"]
    refusal = claim_about(report, "did not comment")
    assert refusal.kind.value == "unattributed"


def test_the_publishers_own_statements_are_unattributed_with_depth_0(extract) -> None:
    report = extract("The ferry left the harbour at noon. It carried 200 passengers.")
    assert [(c.text, c.kind.value, c.depth, c.cue) for c in report.claims] == [
        ("The ferry left the harbour at noon.", "unattributed", 0, None),
        ("It carried 200 passengers.", "unattributed", 0, None),
    ]
    assert report.sources == ()
    assert report.attributions == ()


def test_a_question_is_not_a_statement(extract) -> None:
    report = extract("Will the ferry sail tomorrow?")
    assert report.claims == ()


def test_a_sentence_about_a_speaker_is_the_publishers_own(extract) -> None:
    report = extract("Mayor Ana Ribeiro said the tunnel would open in May. She made the remarks at a meeting in Porto.")
    remark = claim_about(report, "made the remarks")
    assert remark.kind.value == "unattributed"
    assert remark.depth == 0


def test_the_publisher_reporting_itself_makes_its_own_statement(extract) -> None:
    report = extract("The Lakeside Gazette reported that the cannery would close.", publisher="Lakeside Gazette")
    claim = claim_about(report, "cannery")
    assert claim.depth == 0
    assert claim.kind.value == "unattributed"


def test_the_publisher_named_in_the_text_is_never_a_hop(extract) -> None:
    report = extract(
        "The Lakeside Gazette reported that the cannery would close. Mayor Ana Ribeiro told the Lakeside Gazette "
        "that the tunnel would open in May.",
        publisher="Lakeside Gazette",
    )
    tunnel = claim_about(report, "tunnel")
    assert [report.source(h.source).name for h in tunnel.chain] == ["Ana Ribeiro"], describe(report)
    assert report.publisher == "Lakeside Gazette"


def test_a_publisher_relaying_another_outlet_lists_only_the_other_outlet(extract) -> None:
    report = extract("The Coastal Herald reported that the cannery would close.", publisher="Lakeside Gazette")
    claim = claim_about(report, "cannery")
    assert [report.source(h.source).name for h in claim.chain] == ["Coastal Herald"]
    assert report.to_dict()["publisher"] == {"name": "Lakeside Gazette"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Mayor Ana Ribeiro did not say whether the tunnel was safe.",
        "Mayor Ana Ribeiro has not said when the tunnel will open.",
        "Mayor Ana Ribeiro said nothing about the tunnel.",
        "Mayor Ana Ribeiro denied the report.",
    ],
)
def test_saying_nothing_or_asking_is_not_a_claim(extract, sentence) -> None:
    report = extract(sentence)
    assert attributed(report) == [], describe(report)


def test_a_relative_clause_speaker_does_not_swallow_the_main_clause(extract) -> None:
    report = extract("Mayor Ana Ribeiro, who said last week that the tunnel was safe, closed it on Monday.")
    assert [c.text for c in attributed(report)] == ["the tunnel was safe"]


def test_bylines_and_credit_lines_are_not_claims(extract) -> None:
    report = extract(
        "Tunnel to open in May, mayor says\nBy Pia Laine\n\n"
        "Mayor Ana Ribeiro said on Monday that the tunnel would open in May.\n\n"
        "(Reporting by Pia Laine; Editing by Omar Salas)"
    )
    assert not any("Pia Laine" in c.text for c in report.claims), describe(report)
