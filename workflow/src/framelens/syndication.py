"""Syndication: near-duplicate articles (republished copy) found by MinHash/LSH and clustered.

Each article's body is cut into word shingles (``shingle_size`` consecutive
tokens, as :func:`framelens.tokenize.word_tokens` splits them). MinHash
signatures with a fixed seed (so reruns are byte-identical) are indexed in a
locality-sensitive hash (``datasketch``) that proposes candidate pairs; a
candidate pair is accepted only when the *exact* Jaccard similarity of the two
shingle sets is at least ``threshold``. Accepted pairs are joined into
clusters (connected components). In each cluster the *origin* is the earliest
article (by date; undated articles count as latest; ties broken by outlet,
then id); every other member is a *copy* of it. This works within an outlet
(a re-run story) as well as across outlets (wire copy, aggregators).

Policies decide what the rest of the workflow sees:

* ``keep_all``: every article stays, weight 1.
* ``origin_only``: copies are dropped (they are listed in the syndication
  table and counted as "dropped duplicates" in the accounting).
* ``weight``: every article stays with ``weight = 1 / cluster size``, so each
  cluster sums to one article. The comparison step may use the ``weight``
  column; all other policies write ``weight = 1``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from datasketch import MinHash, MinHashLSH

from framelens.errors import ConfigError
from framelens.tokenize import word_tokens

__all__ = [
    "POLICIES",
    "SYNDICATION_COLUMNS",
    "REPUBLISHED_COLUMNS",
    "Syndication",
    "shingles",
    "jaccard",
    "find_clusters",
    "singletons",
    "apply_policy",
    "republished_by_outlet",
    "lsh_params",
    "band_keys",
    "candidate_pairs",
    "shingle_fingerprint",
    "jaccard_fingerprints",
    "clusters_from_pairs",
]

POLICIES = ("keep_all", "origin_only", "weight")
SYNDICATION_COLUMNS = (
    "cluster", "cluster_size", "id", "outlet", "date", "is_origin", "origin_id", "origin_outlet",
    "jaccard_to_origin", "kept",
)
REPUBLISHED_COLUMNS = (
    "outlet", "n_articles", "n_copies", "share_copies", "copies_of_other_outlets",
    "copies_within_outlet", "originals_republished",
)


@dataclass(frozen=True)
class Syndication:
    """Per article: its cluster, origin and weight (one row per input article, input order)."""

    members: pd.DataFrame  # id, cluster, cluster_size, origin_id, is_copy, jaccard_to_origin


def shingles(text: str, *, size: int = 5) -> frozenset[str]:
    """Return the set of ``size``-word shingles of ``text`` (all its tokens if it is shorter)."""
    if size < 1:
        raise ConfigError(f"shingle size must be at least 1, not {size!r}")
    tokens = word_tokens(text)
    if len(tokens) < size:
        return frozenset([" ".join(tokens)]) if tokens else frozenset()
    return frozenset(" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Exact Jaccard similarity of two sets (0 when both are empty)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


class _Components:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def find_clusters(
    ids: Sequence[str],
    outlets: Sequence[str],
    dates: Sequence[str | None],
    texts: Sequence[str],
    *,
    threshold: float = 0.5,
    shingle_size: int = 5,
    num_perm: int = 128,
    seed: int = 1,
    late_outlets: Collection[str] = (),
) -> Syndication:
    """Cluster near-duplicate texts; return one row per article (see :class:`Syndication`).

    ``cluster`` is the origin's id for members of a cluster of two or more and
    the article's own id otherwise; ``jaccard_to_origin`` is the exact Jaccard
    similarity of the article's shingles to the origin's (1 for the origin).
    Among members with the same earliest date, articles of ``late_outlets``
    (aggregators, which only republish) are never preferred as the origin.
    """
    if not 0 < threshold <= 1:
        raise ConfigError(f"syndication threshold must be in (0, 1], not {threshold!r}")
    if num_perm < 16:
        raise ConfigError(f"syndication num_perm must be at least 16, not {num_perm!r}")
    ids, outlets, dates, texts = (list(x) for x in (ids, outlets, dates, texts))
    n = len(ids)
    if not n == len(outlets) == len(dates) == len(texts):
        raise ValueError("ids, outlets, dates and texts must have the same length")
    if len(set(ids)) != n:
        raise ValueError("article ids must be unique")
    sets = [shingles(t, size=shingle_size) for t in texts]

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    hashes: list[MinHash | None] = []
    for i, s in enumerate(sets):
        if not s:
            hashes.append(None)
            continue
        m = MinHash(num_perm=num_perm, seed=seed)
        m.update_batch([x.encode("utf-8") for x in sorted(s)])
        lsh.insert(str(i), m)
        hashes.append(m)

    comps = _Components(n)
    for i, m in enumerate(hashes):
        if m is None:
            continue
        for key in sorted(int(k) for k in lsh.query(m)):
            if key > i and jaccard(sets[i], sets[key]) >= threshold:
                comps.union(i, key)

    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(comps.find(i), []).append(i)

    late = set(late_outlets)

    def age(i: int) -> tuple[int, str, bool, str, str]:
        date = dates[i] if isinstance(dates[i], str) and dates[i] else None
        return (date is None, date or "", outlets[i] in late, outlets[i], ids[i])

    cluster = [""] * n
    size = [1] * n
    origin = [""] * n
    sim = [1.0] * n
    for members in groups.values():
        first = min(members, key=age)
        for i in members:
            cluster[i] = ids[first]
            size[i] = len(members)
            origin[i] = ids[first]
            sim[i] = 1.0 if i == first else jaccard(sets[i], sets[first])
    frame = pd.DataFrame({
        "id": list(ids), "cluster": cluster, "cluster_size": np.asarray(size, dtype="int64"),
        "origin_id": origin, "is_copy": [o != i for o, i in zip(origin, ids)],
        "jaccard_to_origin": np.asarray(sim, dtype="float64"),
    })
    return Syndication(members=frame)


def singletons(ids: Sequence[str]) -> Syndication:
    """Every article its own cluster (what :func:`find_clusters` returns when nothing is alike)."""
    return Syndication(members=pd.DataFrame({
        "id": list(ids), "cluster": list(ids), "cluster_size": np.ones(len(ids), dtype="int64"),
        "origin_id": list(ids), "is_copy": np.zeros(len(ids), dtype=bool),
        "jaccard_to_origin": np.ones(len(ids), dtype="float64"),
    }))


def apply_policy(
    articles: pd.DataFrame, syndication: Syndication, *, policy: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Add ``cluster, cluster_size, origin_id, is_copy, weight`` to ``articles``; apply ``policy``.

    Returns the articles the workflow keeps and the syndication table
    (:data:`SYNDICATION_COLUMNS`, clusters of two or more only, with ``kept``).
    """
    if policy not in POLICIES:
        raise ConfigError(f"syndication policy must be one of {POLICIES}, not {policy!r}")
    members = syndication.members.set_index("id")
    out = articles.copy()
    for col in ("cluster", "cluster_size", "origin_id", "is_copy"):
        out[col] = members.loc[out["id"], col].to_numpy()
    out["cluster_size"] = out["cluster_size"].astype("int64")
    out["is_copy"] = out["is_copy"].astype(bool)
    out["weight"] = (1.0 / out["cluster_size"]) if policy == "weight" else 1.0
    out["weight"] = out["weight"].astype("float64")
    keep = ~out["is_copy"] if policy == "origin_only" else pd.Series(True, index=out.index)

    multi = out[out["cluster_size"] > 1]
    outlet_of = out.set_index("id")["outlet"]
    table = pd.DataFrame({
        "cluster": multi["cluster"], "cluster_size": multi["cluster_size"], "id": multi["id"],
        "outlet": multi["outlet"], "date": multi["date"], "is_origin": ~multi["is_copy"],
        "origin_id": multi["origin_id"], "origin_outlet": outlet_of.loc[multi["origin_id"]].to_numpy(),
        "jaccard_to_origin": members.loc[multi["id"], "jaccard_to_origin"].to_numpy(),
        "kept": keep[multi.index],
    }, columns=list(SYNDICATION_COLUMNS))
    table = table.sort_values(["cluster", "is_origin", "date", "outlet", "id"],
                              ascending=[True, False, True, True, True], kind="stable", na_position="last")
    return out[keep].reset_index(drop=True), table.reset_index(drop=True)


def republished_by_outlet(articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet, how much of its corpus is republished copy (:data:`REPUBLISHED_COLUMNS`).

    ``articles`` are the articles *before* a policy drops anything, with the
    columns added by :func:`apply_policy`. ``share_copies`` = copies / articles;
    ``originals_republished`` counts the outlet's articles that are the origin
    of a cluster with at least one copy.
    """
    outlet_of = articles.set_index("id")["outlet"]
    origin_outlet = outlet_of.loc[articles["origin_id"]].to_numpy()
    frame = articles.assign(
        _copy=articles["is_copy"].astype(bool),
        _other=articles["is_copy"].astype(bool) & (origin_outlet != articles["outlet"].to_numpy()),
        _origin=~articles["is_copy"].astype(bool) & (articles["cluster_size"] > 1),
    )
    g = frame.groupby("outlet", sort=True)
    table = pd.DataFrame({
        "n_articles": g.size(),
        "n_copies": g["_copy"].sum(),
        "copies_of_other_outlets": g["_other"].sum(),
        "originals_republished": g["_origin"].sum(),
    })
    table["share_copies"] = table["n_copies"] / table["n_articles"]
    table["copies_within_outlet"] = table["n_copies"] - table["copies_of_other_outlets"]
    table = table.reset_index()[list(REPUBLISHED_COLUMNS)]
    return table.astype({c: "int64" for c in REPUBLISHED_COLUMNS if c not in ("outlet", "share_copies")})


# --------------------------------------------------------------------------- streamed search (issue 9)
# The same clusters as :func:`find_clusters`, computed from compact per-article state so that
# a corpus never has to be in memory: MinHash band keys (``bands`` x 8 bytes per article)
# batch by batch, candidate pairs by sorting band keys (datasketch's LSH proposes exactly the
# pairs that share one band), and exact Jaccard only for candidates, on shingle fingerprints.

_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def lsh_params(*, threshold: float, num_perm: int) -> tuple[int, int]:
    """``(bands, rows)`` that datasketch's :class:`MinHashLSH` chooses for ``threshold`` and ``num_perm``."""
    if not 0 < threshold <= 1:
        raise ConfigError(f"syndication threshold must be in (0, 1], not {threshold!r}")
    if num_perm < 16:
        raise ConfigError(f"syndication num_perm must be at least 16, not {num_perm!r}")
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return int(lsh.b), int(lsh.r)


def _mix64(x: np.ndarray) -> np.ndarray:
    # splitmix64 finaliser, vectorised (uint64 arithmetic wraps).
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def band_keys(
    texts: Sequence[str], *, shingle_size: int = 5, num_perm: int = 128, seed: int = 1,
    bands: int, rows: int,
) -> tuple[np.ndarray, np.ndarray]:
    """MinHash band keys of ``texts``: ``(keys, valid)``, keys ``uint64`` of shape ``(len(texts), bands)``.

    The signatures are datasketch's (same permutations for the same ``seed``);
    each band of ``rows`` values is reduced to one 64-bit key. ``valid`` is
    false for texts without shingles (never candidates, as in :func:`find_clusters`).
    """
    keys = np.zeros((len(texts), bands), dtype=np.uint64)
    valid = np.zeros(len(texts), dtype=bool)
    for k, text in enumerate(texts):
        s = shingles(text, size=shingle_size)
        if not s:
            continue
        m = MinHash(num_perm=num_perm, seed=seed)
        m.update_batch([x.encode("utf-8") for x in sorted(s)])
        sig = m.hashvalues[: bands * rows].astype(np.uint64).reshape(bands, rows)
        h = np.arange(1, bands + 1, dtype=np.uint64)
        for j in range(rows):
            h = _mix64(h ^ sig[:, j])
        keys[k] = h
        valid[k] = True
    return keys, valid


def candidate_pairs(keys: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Pairs ``(i, j)``, ``i < j``, of valid rows that share at least one band key; sorted, unique."""
    idx = np.flatnonzero(valid)
    found: list[np.ndarray] = []
    for band in range(keys.shape[1]):
        col = keys[idx, band]
        order = np.argsort(col, kind="stable")
        sorted_keys = col[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        ends = np.r_[starts[1:], len(sorted_keys)]
        for a, b in zip(starts[ends - starts > 1], ends[ends - starts > 1]):
            members = np.sort(idx[order[a:b]])
            ii, jj = np.triu_indices(len(members), k=1)
            found.append(np.stack([members[ii], members[jj]], axis=1))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    return np.unique(np.concatenate(found).astype(np.int64), axis=0)


def shingle_fingerprint(text: str, *, size: int = 5) -> np.ndarray:
    """The shingles of ``text`` as a sorted array of 64-bit hashes (8 bytes per shingle).

    Jaccard similarity of two fingerprints equals that of the shingle sets
    unless two different shingles of the pair share a hash (odds about 1e-13).
    """
    return np.unique(np.fromiter((hash(s) for s in shingles(text, size=size)), dtype=np.int64))


def jaccard_fingerprints(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two fingerprints (0 when both are empty)."""
    inter = len(np.intersect1d(a, b, assume_unique=True))
    union = len(a) + len(b) - inter
    return inter / union if union else 0.0


def clusters_from_pairs(
    n: int,
    pairs: np.ndarray,
    fingerprints: dict[int, np.ndarray],
    *,
    threshold: float,
    age: Callable[[int], tuple],
) -> dict[int, tuple[int, int, float]]:
    """Accept candidate ``pairs`` with Jaccard >= ``threshold``; cluster; pick each cluster's origin.

    Returns, for members of clusters of two or more only, ``index -> (origin
    index, cluster size, Jaccard to the origin)``; ``age(i)`` orders articles
    as in :func:`find_clusters` (the smallest is the origin).
    """
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        parent.setdefault(i, i)
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs.tolist():
        if jaccard_fingerprints(fingerprints[i], fingerprints[j]) >= threshold:
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = {}
    for i in list(parent):
        groups.setdefault(find(i), []).append(i)
    out: dict[int, tuple[int, int, float]] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        first = min(members, key=age)
        for i in members:
            sim = 1.0 if i == first else jaccard_fingerprints(fingerprints[i], fingerprints[first])
            out[i] = (first, len(members), sim)
    return out
