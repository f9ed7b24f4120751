import hashlib

import pandas as pd
import pytest

from framelens.kwic import format_kwic, kwic, kwic_pattern, kwic_sample
from framelens.lexicon import load_lexicon_text
from framelens.tokenize import word_tokens

LEX = load_lexicon_text("negation: {window: 1, negators: [not]}\ncategories:\n  s: [sanction*]\n  k: [sister country]\n")
TOKENS = [word_tokens("New sanctions hit the sister country, not sanctions of old"), word_tokens("no hits")]


def test_kwic_category_lines_with_context():
    lines = kwic(["a", "b"], ["x", "y"], TOKENS, LEX, categories=["s"], dates=["2024-01-01", None], window=2)
    assert lines[["id", "date", "left", "match", "right", "negated"]].values.tolist() == [
        ["a", "2024-01-01", "new", "sanctions", "hit the", False],
        ["a", "2024-01-01", "country not", "sanctions", "of old", True]]
    assert "[sanctions]" in format_kwic(lines) and "(negated)" in format_kwic(lines)


def test_kwic_pattern_multiword():
    lines = kwic_pattern(["a", "b"], ["x", "y"], TOKENS, "sister countr*", window=1)
    assert lines[["start", "end", "left", "match", "right"]].values.tolist() == [[4, 6, "the", "sister country", "not"]]


def test_kwic_pattern_is_folded_like_the_tokens(tmp_path, capsys):
    from framelens import io as fio
    from framelens.cli import main

    folded = [word_tokens("Новогодняя ёлка у дома", fold_yo=True), word_tokens("Café del barrio", fold_accents=True)]
    assert folded[0][1] == "елка" and folded[1][0] == "cafe"
    assert kwic_pattern(["r"], ["x"], folded[:1], "ёлк*").empty  # the pattern as typed misses the folded token
    lines = kwic_pattern(["r", "s"], ["x", "y"], folded, "ёлк*", fold_yo=True, window=1)
    assert lines[["id", "entry", "match"]].values.tolist() == [["r", "ёлк*", "елка"]]  # the entry as written
    assert kwic_pattern(["s"], ["y"], folded[1:], "café", fold_accents=True)["match"].tolist() == ["cafe"]
    # the CLI folds a pattern as the tokenize step folded the tokens (its metadata)
    tokens = tmp_path / "tokens.parquet"
    fio.write_parquet(pd.DataFrame({"id": ["r"], "outlet": ["x"], "tokens": [folded[0]]}), tokens,
                      metadata={"normalization": '{"fold_yo": true, "fold_accents": false}'})
    assert main(["kwic", "ёлка", "--tokens", str(tokens)]) == 0
    assert "[елка]" in capsys.readouterr().out


def _lines(n_c_x: int = 5, n_c_y: int = 5, n_d_x: int = 2) -> pd.DataFrame:
    rows = ([("a1", "x", "c", i) for i in range(n_c_x)] + [("b1", "y", "c", i) for i in range(n_c_y)]
            + [("a2", "x", "d", i) for i in range(n_d_x)])
    return pd.DataFrame({"id": [r[0] for r in rows], "outlet": [r[1] for r in rows],
                         "category": [r[2] for r in rows], "entry": "e", "start": [r[3] for r in rows],
                         "end": [r[3] + 1 for r in rows]})


def test_sample_is_stratified_and_reproducible():
    lines = _lines()
    one = kwic_sample(lines, per_cell=3, seed=1)
    assert one.groupby(["category", "outlet"]).size().to_dict() == {("c", "x"): 3, ("c", "y"): 3, ("d", "x"): 2}
    assert one.equals(kwic_sample(lines, per_cell=3, seed=1))
    # listed by outlet, category, then corpus order
    assert one[["outlet", "category"]].drop_duplicates().values.tolist() == [["x", "c"], ["x", "d"], ["y", "c"]]
    assert list(one["start"][:3]) == sorted(one["start"][:3])


def test_sample_keeps_the_lowest_hash_of_seed_and_hit():
    lines = _lines(n_c_x=6, n_c_y=0, n_d_x=0)
    # independent computation of the documented draw: BLAKE2b (8 bytes, big-endian) of the fields joined by \x1f
    def draw(row):
        key = "\x1f".join(map(str, (7, row.id, row.start, row.end, row.category, row.entry))).encode()
        return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big")
    expected = sorted(sorted(lines.itertuples(), key=draw)[:2], key=lambda r: r.start)
    got = kwic_sample(lines, per_cell=2, seed=7)
    assert got["start"].tolist() == [r.start for r in expected]


@pytest.mark.parametrize("sizes", [(1,), (2, 3), (5, 1, 6), (12,)])
def test_sample_of_parts_is_the_sample_of_the_whole(sizes):
    # Streaming: sample each part, then sample the union of the part samples, in any order.
    lines = _lines(n_c_x=7, n_c_y=4, n_d_x=3).sample(frac=1.0, random_state=3).reset_index(drop=True)
    whole = kwic_sample(lines, per_cell=3, seed=5)
    acc, start = None, 0
    cuts = [*sizes] * len(lines)
    for size in cuts:
        part = lines.iloc[start:start + size]
        start += size
        if not len(part):
            break
        acc = kwic_sample(part if acc is None else pd.concat([acc, part], ignore_index=True), per_cell=3, seed=5)
    pd.testing.assert_frame_equal(acc, whole)
    pd.testing.assert_frame_equal(kwic_sample(lines.iloc[::-1], per_cell=3, seed=5), whole)


def test_sample_rejects_a_cell_size_below_one():
    with pytest.raises(ValueError, match="per_cell must be >= 1"):
        kwic_sample(_lines(), per_cell=0)
