"""The fast syndication path (issue 9): vectorised shingle hashes, MinHash, LSH candidates.

It must find the same clusters as the reference :func:`find_clusters` (datasketch):
clusters are decided by the exact Jaccard similarity of shingle sets either way; only
the candidate pairs proposed by LSH differ, and for pairs well above the threshold
both propose them (almost) always.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from framelens import syndication as syn
from framelens.cli import main
from framelens.syndication import (
    band_keys, candidate_pairs, clusters_from_pairs, find_clusters, jaccard, jaccard_fingerprints, lsh_params,
    minhash_signatures, shingle_fingerprint, shingle_fingerprints, shingle_hashes, shingles, token_bytes,
)
from framelens.tokenize import word_tokens

def fast_members(ids, outlets, dates, texts, *, threshold=0.5, shingle_size=5, num_perm=128, seed=1,
                 late_outlets=(), batch=3):
    """What ``framelens syndication`` computes, batch by batch: ``(origin ids, sizes, similarities)``."""
    bands, rows = lsh_params(threshold=threshold, num_perm=num_perm)
    parts = [band_keys(texts[i:i + batch], shingle_size=shingle_size, num_perm=num_perm, seed=seed,
                       bands=bands, rows=rows) for i in range(0, len(texts), batch)]
    keys = np.concatenate([k for k, _ in parts]) if parts else np.zeros((0, bands), np.uint64)
    valid = np.concatenate([v for _, v in parts]) if parts else np.zeros(0, bool)
    pairs = candidate_pairs(keys, valid)
    wanted = np.unique(pairs).tolist()
    prints = dict(zip(wanted, shingle_fingerprints([texts[i] for i in wanted], size=shingle_size)))

    def age(i):
        date = dates[i] if isinstance(dates[i], str) and dates[i] else None
        return (date is None, date or "", outlets[i] in late_outlets, outlets[i], ids[i])

    members = clusters_from_pairs(len(texts), pairs, prints, threshold=threshold, age=age)
    return ([ids[members[i][0]] if i in members else ids[i] for i in range(len(texts))],
            [members[i][1] if i in members else 1 for i in range(len(texts))],
            [members[i][2] if i in members else 1.0 for i in range(len(texts))])


def edited(tokens: list[str], every: int, rng: np.random.Generator) -> list[str]:
    """``tokens`` with one token in ``every`` (from the 3rd) replaced by a fresh word."""
    out = list(tokens)
    for i in range(2, len(out), every):
        out[i] = f"new{rng.integers(10**9)}"
    return out


def random_text(rng: np.random.Generator, n: int) -> list[str]:
    return [f"w{x}" for x in rng.integers(0, 20000, size=n)]


# --------------------------------------------------------------------------- tokens and hashes
def test_token_bytes_split_into_word_tokens_by_hand():
    text = "It's the\u00a0PM\u2019s  plan:\ttax\u2003cuts, 2024 \u2014 e\u0301tude"
    assert token_bytes(text).decode().split() == word_tokens(text)
    assert token_bytes("") == b"" or not token_bytes("").split()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab c'-.\n\t\u00a0\u2003\u3000\x1c\u0301\u00e9\u0451\u2019ЖA1")),
               max_size=40))
def test_token_bytes_are_word_tokens(text):
    assert token_bytes(text).split() == [t.encode() for t in word_tokens(text)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("ab c d'.\u00e9Ж")), max_size=30), max_size=6),
       st.integers(1, 5))
def test_fingerprints_are_the_shingle_sets(texts, size):
    prints = shingle_fingerprints(texts, size=size)
    sets = [shingles(t, size=size) for t in texts]
    for p, s in zip(prints, sets):
        assert len(p) == len(s)
    for i in range(len(texts)):
        assert np.array_equal(prints[i], shingle_fingerprint(texts[i], size=size))  # batch does not matter
        for j in range(len(texts)):
            assert len(np.intersect1d(prints[i], prints[j])) == len(sets[i] & sets[j])
            assert jaccard_fingerprints(prints[i], prints[j]) == pytest.approx(jaccard(sets[i], sets[j]))


def test_shingle_hashes_counts_short_and_empty_texts():
    hashes, counts = shingle_hashes(["a b c d e f", "", "a b", "...", "A B", "b c d e f"], size=5)
    assert counts.tolist() == [2, 0, 1, 0, 1, 1]
    assert len(hashes) == 5 and hashes.dtype == np.uint64
    assert hashes[2] == hashes[3]  # "a b" in both (case folded)
    assert hashes[1] == hashes[4]  # "b c d e f"
    assert len(set(hashes.tolist())) == 3
    with pytest.raises(syn.ConfigError):
        shingle_hashes(["a"], size=0)


def test_shingle_hashes_do_not_depend_on_chunking(monkeypatch):
    rng = np.random.default_rng(3)
    texts = [" ".join(random_text(rng, int(rng.integers(0, 30)))) for _ in range(40)]
    whole = shingle_hashes(texts, size=3)
    monkeypatch.setattr(syn, "_CHUNK_BYTES", 64)
    chunked = shingle_hashes(texts, size=3)
    assert np.array_equal(whole[0], chunked[0]) and np.array_equal(whole[1], chunked[1])


def test_minhash_signatures_by_brute_force(monkeypatch):
    rng = np.random.default_rng(5)
    texts = [" ".join(random_text(rng, int(n))) for n in (12, 0, 3, 40, 7)]
    hashes, counts = shingle_hashes(texts, size=3)
    a, b = syn._permutations(16, 9)
    expected = np.full((len(texts), 16), 2**32 - 1, dtype=np.int64)
    at = 0
    for k, c in enumerate(counts.tolist()):
        for h in hashes[at:at + c].tolist():
            v = (a.astype(np.int64) * (h >> 32) + b.astype(np.int64)) % 2**32
            expected[k] = np.minimum(expected[k], v)
        at += c
    for width in (4096, 5, 1):  # blocks that split texts, and one shingle per block
        monkeypatch.setattr(syn, "_MINHASH_WIDTH", width)
        assert np.array_equal(minhash_signatures(hashes, counts, num_perm=16, seed=9), expected)


def test_signature_agreement_estimates_jaccard():
    # the fraction of equal MinHash values of a pair estimates its Jaccard similarity, with the
    # binomial spread of independent permutations
    rng = np.random.default_rng(11)
    agree, truth = [], []
    for _ in range(150):
        a = random_text(rng, 120)
        b = edited(a, 12, rng)
        hashes, counts = shingle_hashes([" ".join(a), " ".join(b)])
        sig = minhash_signatures(hashes, counts)
        agree.append(np.mean(sig[0] == sig[1]))
        truth.append(jaccard(shingles(" ".join(a)), shingles(" ".join(b))))
    agree, truth = np.asarray(agree), np.asarray(truth)
    assert abs(agree.mean() - truth.mean()) < 0.02
    ratio = np.var(agree - truth) / np.mean(truth * (1 - truth) / 128)
    assert 0.6 < ratio < 1.6


# --------------------------------------------------------------------------- candidates and clusters
@pytest.mark.parametrize(("every", "low", "high"), [(50, 0.97, 1.0), (25, 0.90, 1.0), (10, 0.0, 0.2)])
def test_candidate_recall_follows_the_lsh_curve(every, low, high):
    # 25 bands of 5 rows: P(candidate) = 1 - (1 - J**5)**25: 0.9999 at J 0.8, 0.97 at 0.67, 0.06 at 0.3
    rng = np.random.default_rng(every)
    texts, sims = [], []
    for _ in range(150):
        a = random_text(rng, 100)
        b = edited(a, every, rng)
        texts += [" ".join(a), " ".join(b)]
        sims.append(jaccard(shingles(texts[-2]), shingles(texts[-1])))
    bands, rows = lsh_params(threshold=0.5, num_perm=128)
    keys, valid = band_keys(texts, bands=bands, rows=rows)
    pairs = {tuple(p) for p in candidate_pairs(keys, valid).tolist()}
    found = np.mean([(2 * k, 2 * k + 1) in pairs for k in range(150)])
    expected = np.mean([1 - (1 - s**rows) ** bands for s in sims])
    assert low <= found <= high
    assert abs(found - expected) < 0.07
    # unrelated texts are (almost) never candidates
    assert sum(j != i + 1 or i % 2 for i, j in pairs) <= 2


def test_fast_clusters_equal_reference_on_inline_corpus():
    rng = np.random.default_rng(2)
    base = random_text(rng, 120)
    texts, outlets, dates = [], [], []
    # edits of one story at Jaccard 0.87, 0.80, 0.73 (a cluster of 4) and 0.23, 0.0 (alone),
    # stories with a copy at 0.75 and one at 0.09, short and empty texts
    for k, every in enumerate((0, 60, 40, 30, 8, 4)):
        texts.append(" ".join(edited(base, every, rng) if every else base))
        outlets.append(f"o{k % 3}")
        dates.append(f"2024-01-0{k + 1}" if k != 2 else None)
    for k in range(4):
        story = random_text(rng, 60)
        texts += [" ".join(story), " ".join(edited(story, 30, rng)), " ".join(edited(story, 6, rng))]
        outlets += ["o1", "agg", "o2"]
        dates += ["2024-02-01", "2024-02-01", "2024-02-02"]
    texts += ["", "tiny note", "tiny note", "Tiny note!"]
    outlets += ["o1", "o2", "o1", "agg"]
    dates += [None, "2024-03-01", "2024-03-01", "2024-02-28"]
    ids = [f"a{i:02d}" for i in range(len(texts))]
    ref = find_clusters(ids, outlets, dates, texts, late_outlets={"agg"}).members
    sizes = ref["cluster_size"].tolist()
    assert sizes[:6] == [4, 4, 4, 4, 1, 1] and sizes[6:18] == [2, 2, 1] * 4 and sizes[18:] == [1, 3, 3, 3]
    for batch in (1, 4, 100):
        origin, size, sim = fast_members(ids, outlets, dates, texts, late_outlets={"agg"}, batch=batch)
        assert origin == ref["origin_id"].tolist()
        assert size == sizes
        assert sim == pytest.approx(ref["jaccard_to_origin"].tolist())


@pytest.mark.parametrize("block", [None, 3])
def test_fast_cli_equals_reference_on_demo_corpus(tmp_path, monkeypatch, block):
    # block 3: the candidates' fingerprints in blocks of 3, with memory for one block at a time
    import framelens.cli as cli

    if block is not None:
        monkeypatch.setattr(cli, "FINGERPRINT_BLOCK", block)
    config = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))
    articles = tmp_path / "articles.parquet"
    assert main(["ingest", "--corpus", str(REPO / "data" / "corpus" / "demo.jsonl"),
                 str(REPO / "data" / "corpus" / "demo_multilingual.jsonl"),
                 "--outlets", str(REPO / "data" / "outlets.csv"),
                 "--boilerplate", *config["ingest"]["boilerplate_patterns"],
                 "--articles", str(articles), "--rejected", str(tmp_path / "rejected.csv")]) == 0
    s = config["syndication"]
    out = tmp_path / "out.parquet"
    assert main(["syndication", "--articles", str(articles), "--outlets", str(REPO / "data" / "outlets.csv"),
                 "--enabled", "--threshold", str(s["threshold"]), "--shingle-size", str(s["shingle_size"]),
                 "--num-perm", str(s["num_perm"]), "--seed", str(s["seed"]), "--policy", "keep_all",
                 "--aggregator-groups", *s["aggregator_groups"], "--batch-rows", "50",
                 *(["--fingerprint-mb", "1e-9"] if block else []),
                 "--out", str(out), "--table", str(tmp_path / "syn.csv"),
                 "--republished", str(tmp_path / "rep.csv")]) == 0
    art = pd.read_parquet(articles)
    outlets = pd.read_csv(REPO / "data" / "outlets.csv")
    late = set(outlets.loc[outlets["group"].isin(s["aggregator_groups"]), "outlet"])
    ref = find_clusters(art["id"], art["outlet"], art["date"], art["text"], threshold=s["threshold"],
                        shingle_size=s["shingle_size"], num_perm=s["num_perm"], seed=s["seed"],
                        late_outlets=late).members.set_index("id")
    got = pd.read_parquet(out).set_index("id")
    assert (ref["cluster_size"] > 1).sum() >= 10  # the demo corpus has syndicated copies
    assert got["origin_id"].equals(ref.loc[got.index, "origin_id"])
    assert got["cluster_size"].equals(ref.loc[got.index, "cluster_size"])
    table = pd.read_csv(tmp_path / "syn.csv").set_index("id")
    assert table["jaccard_to_origin"].to_numpy() == pytest.approx(ref.loc[table.index, "jaccard_to_origin"])


def test_block_similarities_equal_the_direct_jaccards_whatever_the_blocks_held():
    from framelens.syndication import block_similarities

    rng = np.random.default_rng(2)
    prints = [np.unique(rng.integers(0, 60, size=rng.integers(0, 40)).astype(np.uint64)) for _ in range(23)]
    pairs = np.array([(i, j) for i in range(23) for j in range(i + 1, 23) if rng.random() < 0.3], dtype=np.int64)
    sizes = [5, 5, 1, 7, 5]
    starts = np.cumsum([0, *sizes])
    reads: list[int] = []

    def read(k: int) -> list[np.ndarray]:
        reads.append(k)
        return prints[starts[k]:starts[k + 1]]

    direct = [jaccard_fingerprints(prints[i], prints[j]) for i, j in pairs]
    for held in (1, 2, 5):
        reads.clear()
        got = block_similarities(pairs, sizes, read, blocks_held=held)
        np.testing.assert_array_equal(got, direct)
        assert len(reads) <= len(sizes) + sum(len(sizes) - lo for lo in range(0, len(sizes), held))
    assert block_similarities(np.zeros((0, 2), dtype=np.int64), sizes, read, blocks_held=1).shape == (0,)


def test_array_store_gives_back_the_arrays_block_by_block(tmp_path):
    from framelens import io as fio

    rng = np.random.default_rng(5)
    blocks = [[rng.integers(0, 2**63, size=rng.integers(0, 9), dtype=np.uint64) for _ in range(m)] for m in (3, 0, 4)]
    store = fio.ArrayStore(tmp_path / "store.arrow")
    for block in blocks:
        store.append(block)
    assert store.block_sizes == [3, 0, 4]
    for k in (2, 0, 1, 2):  # any order, again
        got = store.block(k)
        assert len(got) == len(blocks[k]) and all(np.array_equal(a, b) for a, b in zip(got, blocks[k]))
    store.release()
