"""Source rules on hand-built parses: no trained model, milliseconds per test (see
``test_cues_handbuilt.py`` for how the ``Doc`` is laid out)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newsverify.attribution.sources import (
    NAME_MATCHERS,
    EntityRegistry,
    _fold,
    conjunct_people,
    describe,
    describes_news_organisation,
    is_subject,
)
from tests.attribution.test_cues_handbuilt import VOCAB


def _doc(rows: list[tuple[str, int, str, str, str]], ents: list[tuple[int, int, str]] | None = None) -> Doc:
    """Rows of (word, head index, dep, pos, tag); ``ents``: (start, end, label)."""
    words, heads, deps, pos, tags = (list(col) for col in zip(*rows, strict=True))
    doc = Doc(
        VOCAB, words=words, heads=heads, deps=deps, pos=pos, tags=tags, sent_starts=[True] + [False] * (len(words) - 1)
    )
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents or []]
    return doc


def test_a_second_name_the_parser_joined_to_a_place_is_a_conjunct_subject() -> None:
    # "Senator Ribeiro of Lisbon and Ivo Brandt ended their campaigns" with "Brandt" parsed as a
    # conjunct of "Lisbon"
    doc = _doc(
        [
            ("Senator", 1, "compound", "PROPN", "NNP"),
            ("Ribeiro", 7, "nsubj", "PROPN", "NNP"),
            ("of", 1, "prep", "ADP", "IN"),
            ("Lisbon", 2, "pobj", "PROPN", "NNP"),
            ("and", 3, "cc", "CCONJ", "CC"),
            ("Ivo", 6, "compound", "PROPN", "NNP"),
            ("Brandt", 3, "conj", "PROPN", "NNP"),
            ("ended", 7, "ROOT", "VERB", "VBD"),
            ("campaigns", 7, "dobj", "NOUN", "NNS"),
        ],
        ents=[(1, 2, "PERSON"), (3, 4, "GPE"), (5, 7, "PERSON")],
    )
    assert is_subject(doc[6])
    assert is_subject(doc[1])
    assert not is_subject(doc[8])


def _joined(second: list[tuple[str, str]], label: str) -> Doc:
    """ "Senator Ana Ribeiro and <second> quit the race", ``second`` as (word, pos) pairs."""
    n = len(second)
    head = 4 + n - 1  # the last word of the second name; the verb comes after it
    rows = [
        ("Senator", 2, "compound", "PROPN", "NNP"),
        ("Ana", 2, "compound", "PROPN", "NNP"),
        ("Ribeiro", head + 1, "nsubj", "PROPN", "NNP"),
        ("and", 2, "cc", "CCONJ", "CC"),
    ]
    for k, (word, pos) in enumerate(second):
        last = k == n - 1
        rows.append(
            (
                word,
                2 if last else head,
                "conj" if last else ("det" if pos == "DET" else "compound"),
                pos,
                "DT" if pos == "DET" else "NNP",
            )
        )
    rows += [("quit", head + 1, "ROOT", "VERB", "VBD"), ("race", head + 1, "dobj", "NOUN", "NN")]
    return _doc(rows, ents=[(1, 3, "PERSON"), (4, 4 + n, label)])


def test_a_name_joined_to_a_person_and_shaped_as_a_name_is_a_person() -> None:
    doc = _joined([("Ivo", "PROPN"), ("Reuters", "PROPN")], "ORG")
    assert [s.text for s in conjunct_people(doc[2])] == ["Ivo Reuters"]


def test_a_joined_name_with_a_determiner_or_an_organisation_word_is_no_person() -> None:
    assert conjunct_people(_joined([("the", "DET"), ("Valmor", "PROPN"), ("Press", "PROPN")], "ORG")[2]) == []
    assert conjunct_people(_joined([("Ostra", "PROPN"), ("Holdings", "PROPN")], "ORG")[2]) == []
    assert conjunct_people(_joined([("Reuters", "PROPN")], "ORG")[2]) == []


def test_an_object_is_not_a_subject() -> None:
    doc = _doc(
        [
            ("Ribeiro", 1, "nsubj", "PROPN", "NNP"),
            ("endorsed", 1, "ROOT", "VERB", "VBD"),
            ("Brandt", 1, "dobj", "PROPN", "NNP"),
        ]
    )
    assert is_subject(doc[0]) and not is_subject(doc[2])


def test_the_name_matchers_are_an_ordered_table_of_registry_methods() -> None:
    names = [m.__name__ for m in NAME_MATCHERS]
    assert names[0] == "_abbreviated" and "_surname" in names
    assert all(callable(getattr(EntityRegistry, n)) and getattr(EntityRegistry, n).__doc__ for n in names)


def test_fold_keeps_words_apart_that_differ() -> None:
    assert _fold("Brandt") != _fold("Brand")


def _described(words: list[str]) -> Span:
    """ "the <Name Name> <modifier> <head>" as one noun phrase headed by its last word."""
    last = len(words) - 1
    rows = [
        (
            w,
            last,
            "det" if w == "the" else "compound",
            "DET" if w == "the" else ("PROPN" if w[0].isupper() else "NOUN"),
            "DT" if w == "the" else ("NNP" if w[0].isupper() else "NN"),
        )
        for w in words[:-1]
    ] + [(words[-1], last, "ROOT", "NOUN", "NN")]
    doc = _doc(rows)
    return doc[0 : len(words)]


def test_a_news_modifier_makes_a_described_name_a_news_organisation() -> None:
    span = _described(["the", "Ostra", "Kiel", "news", "service"])
    assert describes_news_organisation(span)
    info = describe(span)
    assert (info.type.value, info.name) == ("news_agency", "Ostra Kiel")
    portal = describe(_described(["the", "Ostra", "news", "portal"]))
    assert portal.type.value == "news_outlet"


def test_a_service_without_a_news_modifier_is_no_news_organisation() -> None:
    span = _described(["the", "Ostra", "Kiel", "fire", "service"])
    assert not describes_news_organisation(span)
    assert describe(span).type.value not in ("news_agency", "news_outlet")
