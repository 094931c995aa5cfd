"""The CSV reads its claims a chunk at a time as values: never the article text, a fixed number of
queries per chunk, every column still filled (chain, evidence, assignee, flags, discrepancies)."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsverify.exports import csv as claims_csv
from newsverify.review.services import claim_assign, claim_flag, claim_set_verdict
from tests.big_articles import article_with_claims

CHUNK = 10


@pytest.fixture(autouse=True)
def _small_chunks(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(claims_csv, "CHUNK", CHUNK)


@pytest.fixture
def big(db):  # type: ignore[no-untyped-def]
    return article_with_claims(45, url="https://example.com/big")


def download(client, **params):  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("export_claims_csv"), params)
        body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body))), [query["sql"] for query in queries.captured_queries]


def test_it_never_reads_the_article_text(editor_client, big):
    rows, queries = download(editor_client, article=big.pk)
    assert len(rows) == 45
    assert not [sql for sql in queries if '"articles_article"."text"' in sql]


def test_its_queries_grow_with_chunks_not_rows(editor_client, big):
    _rows, queries = download(editor_client, article=big.pk)
    chunks = -(-45 // CHUNK)
    per_chunk = [sql for sql in queries if '"review_hop"' in sql and "IN (" in sql]
    assert len(per_chunk) == chunks, "one query for the hops of each chunk"
    assert len(queries) <= 10 + 4 * chunks


def test_every_column_is_filled_from_the_chunk(editor_client, editor, factchecker, big):
    claims = list(big.claims.order_by("span_start"))
    first, second, own = claims[0], claims[1], claims[9]
    claim_assign(claim=first, by=editor, assignee=factchecker)
    claim_set_verdict(claim=first, by=factchecker, verdict="verified", evidence_url="https://example.org/proof")
    claim_flag(claim=second, by=editor, note="Which drones?")
    rows, _queries = download(editor_client, article=big.pk)
    by_id = {int(row["claim_id"]): row for row in rows}
    assert [int(row["claim_id"]) for row in rows] == [claim.pk for claim in claims], "reading order"
    assert by_id[first.pk]["evidence_url"] == "https://example.org/proof"
    assert by_id[first.pk]["assignee"] == factchecker.get_username()
    assert by_id[first.pk]["review_status"] == "verified"
    assert (by_id[second.pk]["flags"], by_id[second.pk]["open_flags"]) == ("1", "1")
    assert (by_id[own.pk]["flags"], by_id[own.pk]["chain"]) == ("0", "Example Times")
    assert by_id[first.pk]["chain"] == "The mayor of Arlen -> Norden Wire -> Example Times"
    assert by_id[second.pk]["discrepancy"] == "drones intercepted 1: 3"
    assert by_id[first.pk]["claim_url"] == f"http://testserver/articles/{big.pk}/claims/{first.pk}/"
    assert by_id[first.pk]["article_url"] == "https://example.com/big"
    assert by_id[first.pk]["claim"] == first.text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_its_cursor_is_not_held_so_the_first_rows_come_before_the_last_are_read(client, editor):
    """Outside a transaction, PostgreSQL's server-side cursor is declared WITH HOLD, and a held
    cursor is computed whole when its statement's transaction commits: before the first row, a
    wait that grows with the archive (3.7 s for 400,000 claims). The export reads in a transaction."""
    if connection.vendor != "postgresql":
        pytest.skip("server-side cursors are PostgreSQL's")
    article_with_claims(25)
    client.force_login(editor)
    rows, queries = download(client)
    assert len(rows) == 25
    declared = [sql for sql in queries if sql.startswith("DECLARE")]
    assert declared, "the claims are read through a server-side cursor"
    assert not [sql for sql in declared if "WITH HOLD" in sql]
