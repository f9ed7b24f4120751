"""Integration: `framelens validate spans` on BASIL's lexical-bias spans with the project's loaded-words lexicon."""

import pytest
from conftest import REPO, shared_corpus

from framelens.cli import main

pytestmark = [pytest.mark.slow, pytest.mark.integration]


def test_loaded_words_against_basil_lexical_spans(tmp_path, capsys):
    corpus = shared_corpus("basil", "basil.jsonl")
    out = tmp_path / "spans.csv"
    rc = main(["validate", "spans", "--corpus", str(corpus), "--lexicon", str(REPO / "data/lexicons/loaded_words.yaml"),
               "--spans-field", "bias_spans", "--label-key", "bias_type", "--labels", "lexical", "--lang", "en",
               "--out", str(out)])
    assert rc == 0
    captured = capsys.readouterr()
    with capsys.disabled():
        print("\nBASIL lexical spans vs loaded_words.yaml:\n" + captured.out)
    import pandas as pd

    table = pd.read_csv(out).set_index("category")
    overall = table.loc["all"]
    assert overall["n_gold"] > 500 and overall["n_tokens"] > 100_000  # 480 lexical spans in 300 articles
    assert 0 < overall["precision"] <= 1 and 0 < overall["recall"] <= 1
    # a word list must beat guessing by a wide margin: chance precision is the share of gold tokens
    assert overall["precision"] > 10 * overall["gold_share"]
    assert overall["f1"] == pytest.approx(2 * overall["precision"] * overall["recall"]
                                          / (overall["precision"] + overall["recall"]))
