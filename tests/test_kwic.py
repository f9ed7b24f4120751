import pandas as pd

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


def test_sample_is_stratified_and_reproducible():
    lines = pd.DataFrame({"category": ["c"] * 10 + ["d"] * 2, "outlet": ["x"] * 5 + ["y"] * 5 + ["x"] * 2,
                          "start": range(12)})
    one = kwic_sample(lines, per_cell=3, seed=1)
    assert one.groupby(["category", "outlet"]).size().to_dict() == {("c", "x"): 3, ("c", "y"): 3, ("d", "x"): 2}
    assert one.equals(kwic_sample(lines, per_cell=3, seed=1))
    assert list(one["start"][:3]) == sorted(one["start"][:3])
