from __future__ import annotations

import csv
import io

from newsverify.exports.csv import HEADER, cell_neutralise, claims_csv_lines
from newsverify.exports.selectors import claims_for_export
from newsverify.review.services import claim_flag
from tests.exports.conftest import DRONES, is_russian_defence_ministry
from tests.factories import ArticleFactory, ClaimFactory, HopFactory, SourceFactory


def _rows(claims) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    return list(csv.DictReader(io.StringIO("".join(claims_csv_lines(claims, base_url="https://nv.example")))))


def test_it_lists_each_claim_with_its_chain_status_and_flags(seed_article, editor):
    claim = seed_article.claims.get(text=DRONES)
    claim_flag(claim=claim, by=editor, note="Which drones?")
    rows = _rows(claims_for_export().filter(article=seed_article))
    assert list(rows[0]) == HEADER
    assert len(rows) == seed_article.claims.count()
    row = next(row for row in rows if row["claim"] == DRONES)
    origin, *relays = row["chain"].split(" -> ")
    assert is_russian_defence_ministry(origin)
    assert relays == ["TASS", "CNN", "Example Times"]
    assert row["depth"] == "3"
    assert row["review_status"] == "unreviewed"
    assert (row["flags"], row["open_flags"]) == ("1", "1")
    assert row["claim_url"] == f"https://nv.example/articles/{seed_article.pk}/claims/{claim.pk}/"
    assert row["article_url"] == "https://example.com/news/ceasefire"
    assert any(row["discrepancy"] for row in rows)


def test_it_neutralises_spreadsheet_formulas(db):
    article = ArticleFactory(title='=HYPERLINK("http://evil")', text="+1 drones were seen, officials said.")
    claim = ClaimFactory(article=article, span_start=0, span_end=19)
    HopFactory(claim=claim, source=SourceFactory(name="@officials"))
    row = _rows(claims_for_export().filter(pk=claim.pk))[0]
    assert row["article_title"] == '\'=HYPERLINK("http://evil")'
    assert row["claim"] == "'+1 drones were seen"
    assert row["chain"] == "'@officials -> Example Times"
    assert [cell_neutralise(value) for value in ("-2", "\tx", "a=b", 3)] == ["'-2", "'\tx", "a=b", 3]


def test_it_has_the_verdicts_evidence_and_the_assignee(db, editor, factchecker):
    from newsverify.review.services import claim_assign, claim_set_verdict

    checked, open_claim = ClaimFactory(), ClaimFactory()
    claim_assign(claim=checked, by=editor, assignee=factchecker)
    claim_set_verdict(claim=checked, by=factchecker, verdict="verified", evidence_url="https://example.org/proof")
    rows = {row["claim_id"]: row for row in _rows(claims_for_export().filter(pk__in=[checked.pk, open_claim.pk]))}
    assert (rows[str(checked.pk)]["evidence_url"], rows[str(checked.pk)]["assignee"]) == (
        "https://example.org/proof",
        factchecker.get_username(),
    )
    assert (rows[str(open_claim.pk)]["evidence_url"], rows[str(open_claim.pk)]["assignee"]) == ("", "")
