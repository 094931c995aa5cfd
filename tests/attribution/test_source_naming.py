"""Sources named by the right words: the whole title of an outlet, not one word of it; the author
of a message or document, not the message; the person named beside a title (real model;
invented sentences)."""

from __future__ import annotations

import pytest

from tests.attribution.reading import attributed, chain_names, claim_about, describe


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("According to Valmor Bulletin, the earthquake was the strongest on record.", "Valmor Bulletin"),
        ("The Ostra Review reported that the mine had closed.", "Ostra Review"),
        ("According to News from Ostrava, the dam held overnight.", "News from Ostrava"),
    ],
)
def test_an_outlet_is_named_by_its_whole_title(extract, text, outlet) -> None:
    report = extract(text)
    (claim,) = attributed(report)
    assert chain_names(report, claim) == [outlet], describe(report)
    assert report.source(claim.chain[0].source).type.value == "news_outlet"


def test_a_document_word_in_lower_case_is_still_a_document(extract) -> None:
    report = extract("A ministry bulletin said the roads were closed.")
    (claim,) = attributed(report)
    assert report.source(claim.chain[0].source).type.value in ("document", "government_body"), describe(report)


@pytest.mark.parametrize(
    "text",
    [
        "The Commission on Fair Trade met on Monday. They released a statement which said the port must stay open.",
        "The Commission on Fair Trade issued a statement which said the port must stay open.",
        "The Commission on Fair Trade met on Monday and published a report which said the port must stay open.",
    ],
)
def test_a_document_put_out_by_someone_is_theirs(extract, text) -> None:
    report = extract(text)
    claim = claim_about(report, "port must stay open")
    assert chain_names(report, claim) == ["Commission on Fair Trade"], describe(report)
    assert claim.chain[0].medium in ("statement", "report"), describe(report)


@pytest.mark.parametrize(
    "text",
    [
        "The post by Marta Kowalski said the road was shut.",
        "Marta Kowalski's tweet said the road was shut.",
        "Mayor Marta Kowalski spoke on Monday. A video from the mayor said the road was shut.",
    ],
)
def test_a_message_stands_for_its_author(extract, text) -> None:
    report = extract(text)
    claim = claim_about(report, "road was shut")
    assert chain_names(report, claim) == ["Marta Kowalski"], describe(report)
    assert claim.chain[0].medium in ("post", "tweet", "video"), describe(report)


def test_a_capitalised_title_word_after_the_outlet_is_the_outlet(extract) -> None:
    report = extract("The Valmor Post reported the mine had closed. The Post said that 40 jobs were lost.")
    origins = {c.chain[0].source for c in attributed(report)}
    assert len(origins) == 1, describe(report)


@pytest.mark.parametrize(
    "text",
    [
        "The trade envoy, Lena Ortiz, said the deal was close.",
        "The deal was close, said the trade envoy Lena Ortiz.",
        "The deal is close, according to the trade envoy, Lena Ortiz.",
        "Lena Ortiz, the trade envoy, said the deal was close.",
    ],
)
def test_a_title_beside_a_name_is_that_person(extract, text) -> None:
    report = extract(text)
    (claim,) = attributed(report)
    assert chain_names(report, claim) == ["Lena Ortiz"], describe(report)


def test_a_body_named_with_a_document_word_is_the_body(extract) -> None:
    report = extract("The National Seismic Survey said the quake was shallow.")
    (claim,) = attributed(report)
    assert chain_names(report, claim) == ["National Seismic Survey"], describe(report)


def test_an_abbreviation_inside_the_name_is_left_out_of_it(extract) -> None:
    report = extract(
        "The National Flood Risk Council (NFRC) of Valmor raised the toll to six. "
        "Nine villages were affected, according to an NFRC report on Saturday."
    )
    claim = claim_about(report, "villages")
    assert chain_names(report, claim) == ["National Flood Risk Council of Valmor"], describe(report)
    assert claim.chain[0].medium == "report"


@pytest.mark.parametrize(
    "text",
    [
        "According to projections by Valmor Radio, he won in six states.",
        "Valmor Radio's projections showed that he won in six states.",
    ],
)
def test_projections_are_the_document_of_whoever_made_them(extract, text) -> None:
    report = extract(text)
    (claim,) = attributed(report)
    assert chain_names(report, claim) == ["Valmor Radio"], describe(report)


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Police reports said the driver was drunk.", "Police"),
        ("The Valmor government said schools would close. Government figures show that 40 died.", "Valmor government"),
    ],
)
def test_a_document_of_a_public_body_named_by_a_common_noun_is_the_bodys(extract, text, owner) -> None:
    report = extract(text)
    claim = attributed(report)[-1]
    assert chain_names(report, claim) == [owner], describe(report)


@pytest.mark.parametrize("outlet", ["Valmor Insider", "Ostrapress", "Valmor Online"])
def test_a_name_that_quotes_someone_is_a_news_outlet(extract, outlet) -> None:
    report = extract(f'Lena Ortiz said, "It is an insult to the law", as quoted by {outlet}.')
    types = {s.name: s.type.value for s in report.sources}
    assert types.get(outlet) == "news_outlet", describe(report)


def test_an_outlet_ending_is_no_outlet_word_for_a_description(extract) -> None:
    report = extract("The Ostra Reporter said the mine would close. The reporter said that 40 jobs would go.")
    types = [report.source(c.chain[0].source).type.value for c in attributed(report)]
    assert types == ["news_outlet", "person"], describe(report)
