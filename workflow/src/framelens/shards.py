"""Shards: assign articles to a fixed number of shards by a stable hash of their id.

The assignment depends only on the article id and the shard count (never on
the order of the corpus, the machine or the Python hash seed), so a shard's
content is reproducible and per-shard jobs can run anywhere. Gathering sorts
rows back into the corpus order (outlet, id), so gathered tables are the same
whatever the shard count.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from framelens.errors import ConfigError

__all__ = ["shard_names", "shard_of", "shard_indices", "sample_ids", "GATHER_ORDER"]

#: Sort keys that put gathered rows back into corpus order (stable: rows of one article keep their order).
GATHER_ORDER = (("outlet", "ascending"), ("id", "ascending"))


def _hash64(article_id: str) -> int:
    return int.from_bytes(hashlib.blake2b(article_id.encode("utf-8"), digest_size=8).digest(), "big")


def shard_names(n_shards: int) -> list[str]:
    """Return the shard names used in paths: ``000``, ``001``, ... (``n_shards`` of them)."""
    if not isinstance(n_shards, int) or isinstance(n_shards, bool) or n_shards < 1:
        raise ConfigError(f"the shard count must be a whole number >= 1, not {n_shards!r}")
    return [f"{i:03d}" for i in range(n_shards)]


def shard_of(article_id: str, n_shards: int) -> int:
    """Return the shard (0-based) of ``article_id`` among ``n_shards`` (BLAKE2b of the UTF-8 id)."""
    if n_shards < 1:
        raise ConfigError(f"the shard count must be >= 1, not {n_shards!r}")
    return _hash64(article_id) % n_shards


def shard_indices(ids: Sequence[str], n_shards: int) -> list[int]:
    """Return :func:`shard_of` for every id in ``ids``."""
    return [shard_of(i, n_shards) for i in ids]


def sample_ids(ids: Iterable[str], max_articles: int) -> set[str]:
    """Return a deterministic sample of at most ``max_articles`` ids (smallest hashes).

    Independent of corpus order and shard count; all ids when there are fewer.
    """
    if max_articles < 1:
        raise ConfigError(f"the sample size must be >= 1, not {max_articles!r}")
    import heapq

    return {i for _, i in heapq.nsmallest(max_articles, ((_hash64(i), i) for i in ids))}
