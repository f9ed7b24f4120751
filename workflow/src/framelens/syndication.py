"""Syndication: near-duplicate articles (republished copy) found by MinHash/LSH and clustered.

Each article's body is cut into word shingles (``shingle_size`` consecutive
tokens, as :func:`framelens.tokenize.word_tokens` splits them). MinHash
signatures with a fixed seed (so reruns are byte-identical) are cut into the
bands of a locality-sensitive hash that proposes candidate pairs; a
candidate pair is accepted only when the *exact* Jaccard similarity of the two
shingle sets is at least ``threshold``. :func:`find_clusters` is the
reference (``datasketch``, in memory); the workflow step uses the streamed,
vectorised path below (:func:`band_keys`, :func:`candidate_pairs`,
:func:`clusters_from_pairs`), which proposes candidates with the same
probability (``datasketch``'s bands and rows) but its own hash functions, so
the two can differ only for pairs LSH may miss (Jaccard near the threshold). Accepted pairs are joined into
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

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from datasketch import MinHash, MinHashLSH

from framelens.errors import ConfigError
from framelens.fastmatch import normalized_bytes
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
    "band_pairs",
    "band_pairs_streamed",
    "merge_pairs",
    "shingle_fingerprint",
    "shingle_fingerprints",
    "shingle_hashes",
    "token_bytes",
    "minhash_signatures",
    "jaccard_fingerprints",
    "clusters_from_pairs",
    "block_similarities",
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
# The clusters of :func:`find_clusters`, computed from compact per-article state so that
# a corpus never has to be in memory: MinHash band keys (``bands`` x 8 bytes per article)
# batch by batch, candidate pairs by sorting band keys (like datasketch's LSH: the pairs that
# share one band), and exact Jaccard only for candidates, on shingle fingerprints. Shingle
# hashes and MinHash values are computed for a whole batch at once in numpy (issue 9), not
# with a datasketch MinHash (one SHA-1 per shingle) per article.

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


# Fast shingle hashes: each text becomes the bytes of its tokens (:func:`framelens.fastmatch.
# normalized_bytes`, the tokens of ``word_tokens`` with spaces between), a whole batch at once in
# numpy: a token's hash is a polynomial hash of its bytes (prefix sums of byte * P**k, uint64
# arithmetic, normalised by the inverse power of its start) mixed with its length; a shingle's
# hash is a polynomial combination of its ``size`` token hashes, mixed. Everything is a function
# of the token strings alone (no salted ``hash()``), so reruns and batches give the same values.
_P = np.uint64(0x100000001B3)  # odd, so invertible modulo 2**64
_P_INV = np.uint64(pow(0x100000001B3, -1, 2**64))
_Q = np.uint64(0x9E3779B97F4A7C15)
_LEN = np.uint64(0xD6E8FEB86659FD93)
_CHUNK_BYTES = 1 << 20  # bytes of text hashed at once (about 40 bytes of arrays per byte: ~40 MB)
_MINHASH_WIDTH = 8192  # shingles per MinHash block (num_perm x width uint32: 4 MB at 128)
_powers: list[np.ndarray] = [np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64)]
# Python's str.split() also splits on these; normalized_bytes leaves only spaces in practice.
_ASCII_SPACES = bytes.maketrans(bytes([*range(9, 14), *range(0x1C, 0x20)]), b" " * 9)
_UNICODE_SPACE_LEADS = (b"\xc2\x85", b"\xc2\xa0", b"\xe1\x9a\x80", b"\xe2\x80", b"\xe2\x81\x9f", b"\xe3\x80\x80")
_UNICODE_SPACE = re.compile(rb"\xc2[\x85\xa0]|\xe1\x9a\x80|\xe2\x80[\x80-\x8a\xa8\xa9\xaf]|\xe2\x81\x9f|\xe3\x80\x80")


def _power_tables(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``P**k`` and ``P**-k`` modulo 2**64 for ``k < n`` (cached, grown by doubling)."""
    if len(_powers[0]) < n:
        size = max(n, _CHUNK_BYTES)
        for i, base in enumerate((_P, _P_INV)):
            table = np.full(size, base, dtype=np.uint64)
            table[0] = 1
            _powers[i] = np.multiply.accumulate(table)
    return _powers[0][:n], _powers[1][:n]


def token_bytes(text: str) -> bytes:
    """The tokens of :func:`framelens.tokenize.word_tokens` as UTF-8 bytes separated by runs of spaces."""
    data = normalized_bytes(text)
    if data is None:
        return " ".join(word_tokens(text)).encode()
    data = data.translate(_ASCII_SPACES)  # these bytes never occur inside a UTF-8 sequence
    if (not data.isascii() and any(lead in data for lead in _UNICODE_SPACE_LEADS)
            and _UNICODE_SPACE.search(data)):
        return " ".join(data.decode().split()).encode()
    return data


def _token_hashes(datas: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of all tokens of ``datas`` (uint64, in order) and the number of tokens of each."""
    buf = b" ".join(datas)
    codes = np.frombuffer(buf, dtype=np.uint8)
    word = np.zeros(len(codes) + 2, dtype=bool)
    np.not_equal(codes, 32, out=word[1:-1])
    edges = np.flatnonzero(word[1:] != word[:-1])  # token starts and ends, alternately (bool: numpy's fast path)
    starts, ends = edges[0::2], edges[1::2]
    bounds = np.cumsum([len(d) + 1 for d in datas])  # one past each text's separator
    counts = np.diff(np.searchsorted(starts, bounds), prepend=0)
    if not len(starts):
        return np.zeros(0, dtype=np.uint64), counts
    power, inverse = _power_tables(len(codes) + 1)
    prefix = np.zeros(len(codes) + 1, dtype=np.uint64)  # token bytes are never 0
    np.cumsum(np.multiply(codes, power[:len(codes)], dtype=np.uint64), out=prefix[1:])
    raw = prefix[ends]
    raw -= prefix[starts]
    raw *= inverse[starts]
    raw ^= (ends - starts).astype(np.uint64) * _LEN
    return _mix64(raw), counts


def _shingle_hashes_of_tokens(tokens: np.ndarray, counts: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Shingle hashes (uint64, with repeats, text by text) and the number of shingles of each text.

    A shingle's hash mixes ``width * L`` and then, Horner-wise with the
    multiplier ``Q``, its ``width`` token hashes (``width = size``, or all the
    tokens of a text with fewer than ``size`` tokens: its one shingle).
    """
    ends = np.cumsum(counts)
    starts = ends - counts
    n_sh = np.where(counts >= size, counts - size + 1, np.minimum(counts, 1)).astype(np.int64)
    parts: list[np.ndarray] = []
    full = counts >= size
    m = len(tokens) - size + 1
    if full.any():
        # every window of ``size`` consecutive tokens, then keep those inside one text
        h = np.full(m, (size * int(_LEN) * int(_Q)) % 2**64, dtype=np.uint64)
        h += tokens[:m]
        for j in range(1, size):
            h *= _Q
            h += tokens[j:m + j]
        keep = np.ones(m, dtype=bool)
        for k in range(1, size):
            pos = ends - k
            keep[pos[(pos >= starts) & (pos < m)]] = False
        parts.append(h[keep])
    short = np.flatnonzero(~full & (counts > 0))
    if not len(short):
        out = parts[0] if parts else np.zeros(0, dtype=np.uint64)
        return _mix64(out), n_sh
    out = np.empty(int(n_sh.sum()), dtype=np.uint64)
    first = np.cumsum(n_sh) - n_sh
    if parts:
        is_full = np.ones(len(out), dtype=bool)
        is_full[first[short]] = False
        out[is_full] = parts[0]
    for width in np.unique(counts[short]).tolist():
        texts = short[counts[short] == width]
        h = np.full(len(texts), (width * int(_LEN)) % 2**64, dtype=np.uint64)
        for j in range(width):
            h = h * _Q + tokens[starts[texts] + j]
        out[first[texts]] = h
    return _mix64(out), n_sh


def shingle_hashes(texts: Sequence[str], *, size: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of the shingles of ``texts``: ``(hashes, counts)``, text after text, with repeats.

    ``counts[k]`` is the number of shingle positions of text ``k`` (0 for a text
    without tokens). Equal shingles (as :func:`shingles` builds them) get equal
    hashes, in any batch; different ones collide with odds of about 2**-64.
    """
    if size < 1:
        raise ConfigError(f"shingle size must be at least 1, not {size!r}")
    datas = [token_bytes(t) for t in texts]
    hashes: list[np.ndarray] = []
    counts: list[np.ndarray] = []
    lo = 0
    while lo < len(datas):
        hi, nbytes = lo, 0
        while hi < len(datas) and (hi == lo or nbytes + len(datas[hi]) < _CHUNK_BYTES):
            nbytes += len(datas[hi]) + 1
            hi += 1
        tokens, n_tok = _token_hashes(datas[lo:hi])
        h, n_sh = _shingle_hashes_of_tokens(tokens, n_tok, size)
        hashes.append(h)
        counts.append(n_sh)
        lo = hi
    if not hashes:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    return np.concatenate(hashes), np.concatenate(counts)


def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``num_perm`` random maps ``x -> a * x + b`` modulo 2**32 (``a`` odd, so each is a permutation)."""
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 2**32, size=num_perm, dtype=np.uint64).astype(np.uint32) | np.uint32(1)
    b = rng.integers(0, 2**32, size=num_perm, dtype=np.uint64).astype(np.uint32)
    return a, b


def minhash_signatures(hashes: np.ndarray, counts: np.ndarray, *, num_perm: int = 128, seed: int = 1
                       ) -> np.ndarray:
    """MinHash signatures ``(len(counts), num_perm)`` uint32 of the shingle hashes of each text.

    Value ``k`` of a text is the minimum over its shingles of ``a_k * h + b_k``
    modulo 2**32, ``h`` the high 32 bits of the shingle hash, ``a_k, b_k`` drawn
    from ``numpy.random.default_rng(seed)``. Texts without shingles get all
    ``2**32 - 1``.
    """
    a, b = _permutations(num_perm, seed)
    sig = np.full((len(counts), num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
    h32 = (hashes >> np.uint64(32)).astype(np.uint32)
    text_start = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
    nonempty = np.flatnonzero(counts > 0)
    starts = text_start[nonempty]
    for c0 in range(0, len(h32), _MINHASH_WIDTH):
        c1 = min(c0 + _MINHASH_WIDTH, len(h32))
        # the texts with shingles in [c0, c1): the one running at c0, then those starting inside
        lo = int(np.searchsorted(starts, c0, side="right")) - 1
        hi = int(np.searchsorted(starts, c1, side="left"))
        seg = np.maximum(starts[lo:hi], c0) - c0
        block = a[:, None] * h32[None, c0:c1]
        block += b[:, None]
        mins = np.minimum.reduceat(block, seg, axis=1).T
        rows = nonempty[lo:hi]
        sig[rows] = np.minimum(sig[rows], mins)
    return sig


def band_keys(
    texts: Sequence[str], *, shingle_size: int = 5, num_perm: int = 128, seed: int = 1,
    bands: int, rows: int,
) -> tuple[np.ndarray, np.ndarray]:
    """MinHash band keys of ``texts``: ``(keys, valid)``, keys ``uint64`` of shape ``(len(texts), bands)``.

    The signatures are :func:`minhash_signatures` of :func:`shingle_hashes`
    (fixed ``seed``: reruns are identical; not datasketch's permutations, but
    the same collision probability, the Jaccard similarity); each band of
    ``rows`` values is reduced to one 64-bit key. ``valid`` is false for texts
    without shingles (never candidates, as in :func:`find_clusters`).
    """
    if bands * rows > num_perm:
        raise ConfigError(f"{bands} bands of {rows} rows need at least {bands * rows} permutations")
    hashes, counts = shingle_hashes(texts, size=shingle_size)
    sig = minhash_signatures(hashes, counts, num_perm=num_perm, seed=seed)[:, : bands * rows]
    sig = sig.astype(np.uint64).reshape(len(texts), bands, rows)
    keys = np.broadcast_to(np.arange(1, bands + 1, dtype=np.uint64), (len(texts), bands)).copy()
    for j in range(rows):
        keys = _mix64(keys ^ sig[:, :, j])
    return keys, counts > 0


def band_pairs(keys: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Pairs ``(i, j)``, ``i < j``, of valid rows with equal keys in one band (``keys``: that band's
    column); an ``(m, 2)`` int64 array, sorted by ``i`` within each group of equal keys."""
    idx = np.flatnonzero(valid)
    col = keys[idx]
    order = np.argsort(col, kind="stable")
    sorted_keys = col[order]
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    ends = np.r_[starts[1:], len(sorted_keys)]
    found = []
    for a, b in zip(starts[ends - starts > 1], ends[ends - starts > 1]):
        members = np.sort(idx[order[a:b]])
        ii, jj = np.triu_indices(len(members), k=1)
        found.append(np.stack([members[ii], members[jj]], axis=1))
    return np.concatenate(found).astype(np.int64) if found else np.zeros((0, 2), dtype=np.int64)


def band_pairs_streamed(
    batches: Callable[[], Iterable[np.ndarray]], valid: np.ndarray, *, table_bits: int = 27,
) -> np.ndarray:
    """:func:`band_pairs` of one band whose keys come in batches, without holding the band's column.

    ``batches()`` gives the band's keys in row order, a batch at a time (called
    twice: two passes). The first pass marks each key's top ``table_bits`` bits in a
    bit table (2^27 bits: 16 MB) and keeps the keys found marked already: every key
    that occurs twice or more among the valid rows is kept at its second occurrence,
    with a few keys that occur once (their bits marked by another key). The second
    pass keeps the rows whose key was kept, and :func:`band_pairs` pairs those: a
    false alarm is a group of one, with no pair. Memory holds the table and the
    kept keys and rows, not a key per article; the pairs are those of
    :func:`band_pairs` on the whole column.
    """
    if not 1 <= table_bits <= 32:  # 2^32 bits is a 512 MB table already
        raise ValueError(f"table_bits must be 1..32, not {table_bits}")
    valid = np.asarray(valid, dtype=bool)
    table = np.zeros(max(1, (1 << table_bits) // 8), dtype=np.uint8)
    shift = np.uint64(64 - table_bits)
    seen: list[np.ndarray] = []  # keys found marked: a superset of the repeated keys
    at = 0
    for batch in batches():
        keys = np.asarray(batch, dtype=np.uint64)
        keys = keys[valid[at:at + len(keys)]]
        at += len(batch)
        if not len(keys):
            continue
        pos = keys >> shift
        byte, bit = (pos >> np.uint64(3)).astype(np.int64), (pos & np.uint64(7)).astype(np.uint8)
        marked = ((table[byte] >> bit) & 1).astype(bool)
        # within the batch, a position's later occurrences find it marked by its first one
        order = np.argsort(pos, kind="stable")
        again = np.zeros(len(pos), dtype=bool)
        again[order[1:][pos[order[1:]] == pos[order[:-1]]]] = True
        seen.append(np.unique(keys[marked | again]))
        np.bitwise_or.at(table, byte, np.left_shift(np.uint8(1), bit))
    if at != len(valid):
        raise ValueError(f"the batches hold {at} keys, but valid has {len(valid)} rows")
    del table
    wanted = np.unique(np.concatenate(seen)) if seen else np.zeros(0, dtype=np.uint64)
    if not len(wanted):  # no key was seen twice: no pair, and no second pass
        return np.zeros((0, 2), dtype=np.int64)
    kept_keys: list[np.ndarray] = []
    kept_rows: list[np.ndarray] = []
    at = 0
    for batch in batches():
        keys = np.asarray(batch, dtype=np.uint64)
        rows = np.arange(at, at + len(keys), dtype=np.int64)
        at += len(keys)
        where = np.minimum(np.searchsorted(wanted, keys), len(wanted) - 1)
        hit = valid[rows] & (wanted[where] == keys)
        kept_keys.append(keys[hit])
        kept_rows.append(rows[hit])
    rows = np.concatenate(kept_rows)
    pairs = band_pairs(np.concatenate(kept_keys), np.ones(len(rows), dtype=bool))
    return rows[pairs]  # rows rise with the kept positions: i < j stays


def merge_pairs(chunks: Iterable[np.ndarray], n: int) -> np.ndarray:
    """The sorted, unique union of pair arrays over ``n`` rows (e.g. :func:`band_pairs` of each band).

    Kept unique as it goes (a pair is one ``i·n + j`` code), so memory holds the distinct pairs
    found so far and one band's, never every band's pairs at once.
    """
    codes = np.zeros(0, dtype=np.int64)
    for chunk in chunks:
        if len(chunk):
            codes = np.unique(np.concatenate([codes, chunk[:, 0] * np.int64(n) + chunk[:, 1]]))
    return np.stack([codes // n, codes % n], axis=1) if len(codes) else np.zeros((0, 2), dtype=np.int64)


def candidate_pairs(keys: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Pairs ``(i, j)``, ``i < j``, of valid rows that share at least one band key; sorted, unique."""
    return merge_pairs((band_pairs(keys[:, band], valid) for band in range(keys.shape[1])), len(valid))


def shingle_fingerprint(text: str, *, size: int = 5) -> np.ndarray:
    """The shingles of ``text`` as a sorted array of distinct 64-bit hashes (8 bytes per shingle).

    The hashes are :func:`shingle_hashes`'; Jaccard similarity of two
    fingerprints equals that of the shingle sets unless two different shingles
    of the pair share a hash (odds about 1e-13).
    """
    return shingle_fingerprints([text], size=size)[0]


def shingle_fingerprints(texts: Sequence[str], *, size: int = 5) -> list[np.ndarray]:
    """:func:`shingle_fingerprint` of each of ``texts``, hashed as one batch.

    The fingerprints are views into one array (sorted by text, then hash), so a
    batch's fingerprints are one allocation, handed back whole when the last of
    them is dropped, rather than thousands of small blocks left in the heap.
    """
    if not len(texts):
        return []
    hashes, counts = shingle_hashes(texts, size=size)
    owner = np.repeat(np.arange(len(texts)), counts)
    order = np.lexsort((hashes, owner))
    hashes, owner = hashes[order], owner[order]
    distinct = np.r_[True, (hashes[1:] != hashes[:-1]) | (owner[1:] != owner[:-1])][:len(hashes)]
    hashes, owner = hashes[distinct], owner[distinct]
    return np.split(hashes, np.searchsorted(owner, np.arange(1, len(texts))))


def jaccard_fingerprints(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two fingerprints (0 when both are empty)."""
    inter = len(np.intersect1d(a, b, assume_unique=True))
    union = len(a) + len(b) - inter
    return inter / union if union else 0.0


def block_similarities(pairs: np.ndarray, block_sizes: Sequence[int], read_block: Callable[[int], list[np.ndarray]],
                       *, blocks_held: int) -> np.ndarray:
    """Jaccard similarity of each of ``pairs`` (item numbers), with only a few blocks of fingerprints in memory.

    The items' fingerprints are stored in consecutive blocks (``block_sizes``
    items each; ``read_block(k)`` gives block ``k``). A block nested-loop join:
    ``blocks_held`` blocks of first items are loaded at a time; their pairs'
    second items are then visited block by block in order, each block read
    once per load. Memory: ``blocks_held + 1`` blocks, whatever the number of
    items; the reads grow with the square of the items over the blocks held.
    """
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    out = np.full(len(pairs), np.nan)
    if not len(pairs):
        return out
    starts = np.concatenate([[0], np.cumsum(block_sizes)]).astype(np.int64)
    block_i = np.searchsorted(starts, pairs[:, 0], side="right") - 1
    block_j = np.searchsorted(starts, pairs[:, 1], side="right") - 1
    for lo in range(0, len(block_sizes), max(1, blocks_held)):
        hi = min(lo + max(1, blocks_held), len(block_sizes))
        mine = np.flatnonzero((block_i >= lo) & (block_i < hi))
        if not len(mine):
            continue
        held: dict[int, np.ndarray] = {}
        for k in range(lo, hi):
            held.update(zip(range(int(starts[k]), int(starts[k + 1])), read_block(k)))
        order = mine[np.argsort(block_j[mine], kind="stable")]
        for k in np.unique(block_j[order]).tolist():
            chosen = order[block_j[order] == k]
            other = held if lo <= k < hi else dict(zip(range(int(starts[k]), int(starts[k + 1])), read_block(k)))
            for p, (i, j) in zip(chosen.tolist(), pairs[chosen].tolist()):
                out[p] = jaccard_fingerprints(held[i], other[j])
        del held
    return out


def clusters_from_pairs(
    n: int,
    pairs: np.ndarray,
    fingerprints: dict[int, np.ndarray] | None = None,
    *,
    threshold: float,
    age: Callable[[int], tuple],
    similarity: Callable[[np.ndarray], np.ndarray] | None = None,
) -> dict[int, tuple[int, int, float]]:
    """Accept candidate ``pairs`` with Jaccard >= ``threshold``; cluster; pick each cluster's origin.

    Returns, for members of clusters of two or more only, ``index -> (origin
    index, cluster size, Jaccard to the origin)``; ``age(i)`` orders articles
    as in :func:`find_clusters` (the smallest is the origin). The similarities
    come from ``fingerprints`` (index -> fingerprint) or from ``similarity``
    (an ``(m, 2)`` array of index pairs -> their Jaccard similarities, e.g.
    :func:`block_similarities`, called twice: the candidate pairs, then each
    member with its origin).
    """
    if similarity is None:
        if fingerprints is None:
            raise ValueError("give the fingerprints or a similarity function")
        prints = fingerprints

        def similarity(chosen: np.ndarray) -> np.ndarray:
            return np.array([jaccard_fingerprints(prints[i], prints[j]) for i, j in chosen.tolist()], dtype=float)

    parent: dict[int, int] = {}

    def find(i: int) -> int:
        parent.setdefault(i, i)
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    accepted = pairs[similarity(pairs) >= threshold]  # only these become Python objects
    for i, j in accepted.tolist():
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = {}
    for i in list(parent):
        groups.setdefault(find(i), []).append(i)
    origin: dict[int, tuple[int, int]] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        first = min(members, key=age)
        for i in members:
            origin[i] = (first, len(members))
    copies = sorted((min(i, f), max(i, f)) for i, (f, _) in origin.items() if i != f)
    sims = dict(zip(copies, similarity(np.array(copies, dtype=np.int64).reshape(-1, 2)).tolist()))
    return {i: (f, size, 1.0 if i == f else sims[(min(i, f), max(i, f))]) for i, (f, size) in origin.items()}
