"""``extract_chains_many`` parses many articles as one stream: the reports must be exactly those
of ``extract_chains`` one article at a time, in order (real model)."""

from __future__ import annotations

from pathlib import Path

from newsverify.attribution import extract_chains, extract_chains_many

ROOT = Path(__file__).resolve().parents[2]

ARTICLES = [
    "Mayor Ana Ribeiro said that the tunnel would open in May. She added that tolls would rise.",
    "",
    "The dam at Korvo burst overnight, Reuters cited Interfax report. Water flooded three villages.",
    '"The blaze started in the kitchen," fire chief Marta Kowalski said.\n\n"Nobody was hurt."',
    "A gas explosion hit a bakery in Varnsdorf on Monday. The fire brigade said that four people were injured. "
    "Regional police said that nine people were injured.",
    "   \n\n  ",
    ("Sentence number one is here and it is plain. " * 300).strip(),
]


def test_many_gives_the_same_reports_as_one_at_a_time(nlp) -> None:
    one_by_one = [extract_chains(t).to_dict() for t in ARTICLES]
    together = [r.to_dict() for r in extract_chains_many(ARTICLES)]
    assert together == one_by_one


def test_many_keeps_the_order_and_the_publisher(nlp) -> None:
    reports = list(extract_chains_many(iter(ARTICLES), publisher="Evening Ledger"))
    assert len(reports) == len(ARTICLES)
    assert all(r.publisher == "Evening Ledger" for r in reports)
    assert [c.text for c in reports[0].claims] == ["the tunnel would open in May", "tolls would rise"]
    assert reports[1].claims == ()
    assert [c.text for c in reports[2].claims][0] == "The dam at Korvo burst overnight"


def test_many_of_nothing_is_nothing(nlp) -> None:
    assert list(extract_chains_many([])) == []


def test_the_seed_article_is_the_same_alone_and_in_a_batch(nlp) -> None:
    seed = (ROOT / "seeds" / "000_10a75b55b132236b.txt").read_text(encoding="utf-8")
    alone = extract_chains(seed).to_dict()
    batch = [r.to_dict() for r in extract_chains_many([ARTICLES[0], seed, ARTICLES[2]])]
    assert batch[1] == alone
