"""The real sentence embedding (all-MiniLM-L6-v2 from its PyPI package, offline): one load, few tests."""

from __future__ import annotations

import numpy as np
import pytest

from newsverify.stories.embeddings import embed, vector_from_bytes, vector_to_bytes


@pytest.mark.slow  # the model load takes seconds; CI runs the slow tests
def test_minilm_loads_offline_and_puts_a_paraphrase_nearer_than_an_unrelated_claim():
    claim = "Rescue teams pulled nine people from the collapsed hotel in Valmor on Thursday."
    paraphrase = "On Thursday nine survivors were rescued from the ruins of a Valmor hotel."
    unrelated = "The orchestra cancelled its spring tour after the conductor fell ill."
    vectors = embed([claim, paraphrase, unrelated], name="minilm")
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-3)
    assert vectors[0] @ vectors[1] > 0.6 > vectors[0] @ vectors[2]


def test_the_word_encoder_needs_no_model_and_vectors_survive_storage():
    vectors = embed(["Nine people were rescued in Valmor.", "Valmor rescuers freed nine people."], name="words")
    assert 0 < float(vectors[0] @ vectors[1]) < 1
    assert np.allclose(vector_from_bytes(vector_to_bytes(vectors[0])), vectors[0], atol=1e-3)
    with pytest.raises(ValueError, match="Unknown sentence embedding"):
        embed(["x"], name="glove")
