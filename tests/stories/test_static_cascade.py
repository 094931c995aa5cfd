"""The static encoder's cached table, the cascade's split between it and MiniLM, and story filing
when one article's claims join two stories."""

from __future__ import annotations

import numpy as np
import pytest

from newsverify.stories import embeddings, services
from newsverify.stories.matching import CASCADE_BAND, MatchVerdict, cascade_undecided
from newsverify.stories.models import ClaimVector, Story, StoryClaim
from tests.factories import ClaimFactory


def test_the_static_table_is_built_once_and_read_back_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSVERIFY_MODEL_CACHE", str(tmp_path))
    built = []

    def build() -> np.ndarray:
        built.append(1)
        return np.arange(12, dtype=np.float32).reshape(3, 4)

    monkeypatch.setattr(embeddings, "_static_table_build", build)
    first = embeddings.static_table()
    second = embeddings.static_table()
    assert built == [1], "the second call reads the file"
    assert embeddings.static_table_path().parent == tmp_path
    assert np.array_equal(first, second)
    assert [p.name for p in tmp_path.iterdir()] == [embeddings.static_table_path().name], "no partial file left"


def test_the_band_leaves_to_minilm_only_what_the_static_cosine_cannot_decide():
    low, high = CASCADE_BAND
    assert cascade_undecided(low) and cascade_undecided((low + high) / 2)
    assert not cascade_undecided(high) and not cascade_undecided(low - 0.01)


@pytest.mark.django_db
def test_the_cascade_asks_minilm_only_about_undecided_pairs_and_uses_its_cosine(monkeypatch):
    mine, sure, unsure, far = (ClaimFactory(text=f"claim {name}") for name in ("mine", "sure", "unsure", "far"))
    low, high = CASCADE_BAND
    # Unit vectors whose dot product with ``mine``'s is the cosine wanted.
    static = {"mine": 1.0, "sure": high + 0.1, "unsure": (low + high) / 2, "far": low - 0.2}
    asked: list[list[str]] = []

    def fake_embed(texts, *, name):  # type: ignore[no-untyped-def]
        if name == "static":
            return np.array([[static[t.split()[1]], np.sqrt(1 - static[t.split()[1]] ** 2)] for t in texts])
        assert name == "minilm"
        asked.append(sorted(texts))
        return np.array([[1.0, 0.0] if t == "claim mine" else [0.0, 1.0] for t in texts])

    monkeypatch.setattr(services, "embed", fake_embed)
    texts = {claim.pk: claim.text for claim in (mine, sure, unsure, far)}
    pairs = [(mine.pk, other.pk) for other in (sure, unsure, far)]
    cosines = services._pair_cosines(pairs, texts, encoder="cascade")
    assert asked == [["claim mine", "claim unsure"]]
    assert cosines[mine.pk, sure.pk] == pytest.approx(high + 0.1)
    assert cosines[mine.pk, far.pk] == pytest.approx(low - 0.2)
    assert cosines[mine.pk, unsure.pk] == pytest.approx(0.0), "MiniLM's cosine, not the static one"
    assert set(ClaimVector.objects.values_list("claim_id", "encoder")) == {(mine.pk, "minilm"), (unsure.pk, "minilm")}


@pytest.mark.django_db
def test_an_article_whose_claims_match_two_stories_joins_them_into_one():
    a, b, c, d = (ClaimFactory() for _ in range(4))
    first, second = Story.objects.create(), Story.objects.create()
    for story, claim in ((first, a), (first, b), (second, c), (second, d)):
        StoryClaim.objects.create(story=story, claim=claim, how="wire", score=1.0)
    new = ClaimFactory()
    other = ClaimFactory(article=new.article)
    wire = MatchVerdict(how="wire", score=0.9, why="near-verbatim")
    matches = [
        services.ClaimMatch(claim_id=new.pk, other_id=b.pk, verdict=wire),
        services.ClaimMatch(claim_id=new.pk, other_id=d.pk, verdict=MatchVerdict("paraphrase", 0.8, "same meaning")),
        services.ClaimMatch(claim_id=other.pk, other_id=a.pk, verdict=wire),
    ]
    services._stories_file([new, other], matches)
    rows = sorted(StoryClaim.objects.values_list("claim_id", "story_id", "matched_to_id"))
    assert list(Story.objects.values_list("pk", flat=True)) == [first.pk]
    assert {claim_id for claim_id, _, _ in rows} == {a.pk, b.pk, c.pk, d.pk, new.pk, other.pk}
    assert StoryClaim.objects.get(claim=new).matched_to_id == b.pk, "the best match"
    assert StoryClaim.objects.get(claim=other).matched_to_id == a.pk
    services._stories_file([new, other], matches)
    assert sorted(StoryClaim.objects.values_list("claim_id", "story_id", "matched_to_id")) == rows


@pytest.mark.slow  # runs MiniLM over part of its vocabulary: some seconds
def test_the_static_encoder_puts_a_paraphrase_nearer_than_an_unrelated_claim():
    table = embeddings._static_table_build(pieces=12000)
    assert table.shape == (12000, 384)
    assert np.allclose(table.mean(axis=0), 0, atol=1e-4)
    encode = embeddings._static_encoder(table)
    vectors = encode(["Police arrested many people in the city.", "Many people were held by police.", "The music."])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-3)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert encode([]).shape == (0, 384)
