import math
from collections import Counter

import pandas as pd
import pytest

from framelens.keyness import (
    comparison_slug,
    entry_counts,
    keyness_table,
    log_odds_dirichlet,
    outlet_word_counts,
    parse_stopwords,
    resolve_side,
    top_terms,
    word_counts,
)

OUTLETS = pd.DataFrame({"outlet": ["s1", "s2", "w"], "name": ["S1", "S2", "W"],
                        "group": ["state", "state", "wire"], "country": "", "language": "en", "color": ""})


def test_log_odds_z_hand_worked_example():
    # a: x=3, y=1 (n=4); b: x=1, y=3 (n=4); background x=4, y=4 -> pi = 0.5 each;
    # alpha_0 = 2 -> alpha_x = alpha_y = 1.
    # delta_x = log((3+1)/(4+2-3-1)) - log((1+1)/(4+2-1-1)) = log(4/2) - log(2/4) = 2 log 2
    # var_x = 1/(3+1) + 1/(1+1) = 0.75 -> z_x = 2 log 2 / sqrt(0.75) = 1.6008
    res = log_odds_dirichlet({"x": 3, "y": 1}, {"x": 1, "y": 3}, {"x": 4, "y": 4}, prior_total=2).set_index("term")
    assert res.loc["x", "delta"] == pytest.approx(2 * math.log(2))
    assert res.loc["x", "se"] == pytest.approx(math.sqrt(0.75))
    assert res.loc["x", "z"] == pytest.approx(1.6008, abs=1e-4)
    assert res.loc["y", "z"] == pytest.approx(-1.6008, abs=1e-4)


def test_log_odds_prior_shrinks_rare_terms():
    # the same 2:0 split, once with a rare term and once with a frequent one
    a = {"rare": 2, "common": 200, "rest": 798}
    b = {"rare": 0, "common": 100, "rest": 900}
    bg = {k: a[k] + b[k] for k in a}
    res = log_odds_dirichlet(a, b, bg, prior_total=100).set_index("term")
    assert abs(res.loc["rare", "z"]) < abs(res.loc["common", "z"])
    with pytest.raises(ValueError, match="background counts lack"):
        log_odds_dirichlet({"x": 1}, {"y": 1}, {"x": 1}, prior_total=1)
    with pytest.raises(ValueError, match="must be positive"):
        log_odds_dirichlet(a, b, bg, prior_total=0)


def test_keyness_table_one_vs_rest_and_pairs():
    counts = word_counts(["1", "2", "3"], [["solidarity", "solidarity", "the", "2024"],
                                           ["solidarity", "sister", "the"], ["sanctions", "the", "the"]])
    assert counts["1"] == Counter({"solidarity": 2, "the": 1})  # numbers are not words
    outlet_of = {"1": "s1", "2": "s2", "3": "w"}
    table = keyness_table(counts, outlet_of, OUTLETS, [("state", "rest"), ("s1", "w")], prior_total=10, min_count=1)
    first = table[table["comparison"] == "state_vs_rest"]
    assert first["term"].iloc[0] == "solidarity" and first["z"].iloc[0] > 0
    assert first["term"].iloc[-1] == "sanctions" and first["z"].iloc[-1] < 0
    assert set(first["n_focus"]) == {6} and set(first["n_other"]) == {3}
    assert list(table["comparison"].unique()) == ["state_vs_rest", "s1_vs_w"]
    top = top_terms(table, n=1)
    assert list(zip(top["comparison"], top["direction"], top["term"]))[:2] == [
        ("state_vs_rest", "focus", "solidarity"), ("state_vs_rest", "other", "sanctions")]


def test_entry_counts_and_stopwords_and_names():
    terms = pd.DataFrame({"id": ["1", "1", "2"], "outlet": ["s1", "s1", "w"], "category": ["kin", "sol", "kin"],
                          "entry": ["sister country", "solidarity", "sister country"], "n": [2, 1, 1]})
    counts = entry_counts(terms)
    assert counts["1"] == Counter({"kin: sister country": 2, "sol: solidarity": 1})
    table = keyness_table(counts, {"1": "s1", "2": "w"}, OUTLETS, [("s1", "w")], prior_total=5, min_count=1)
    assert set(table["category"]) == {"kin", "sol"} and "sister country" in set(table["term"])
    assert parse_stopwords("# comment\nThe\n\nof  # inline\n") == ["of", "the"]
    assert word_counts(["1"], [["the", "blockade"]], stopwords=["the"])["1"] == Counter({"blockade": 1})
    assert comparison_slug("state aligned", "rest") == "state-aligned_vs_rest"
    assert resolve_side("state", OUTLETS) == ["s1", "s2"] and resolve_side("w", OUTLETS) == ["w"]
    with pytest.raises(KeyError, match="neither an outlet group nor an outlet id"):
        resolve_side("exile", OUTLETS)


def test_one_vs_rest_needs_two_groups():
    from framelens.keyness import REST, one_vs_rest_pairs

    assert one_vs_rest_pairs(["b", "a", "b"]) == [("a", REST), ("b", REST)]
    # a single group has no "rest" to compare with: no comparison instead of an error
    assert one_vs_rest_pairs(["outlet", "outlet"]) == []


def test_outlet_word_counts_sum_articles_by_outlet_batch_by_batch():
    outlets = ["s", "s", "w"]
    tokens = [["sanctions", "hurt", "2024"], ["sanctions", "again"], ["talks", "sanctions"]]
    whole = outlet_word_counts(outlets, tokens, stopwords=["again"])
    assert whole == {"s": Counter({"sanctions": 2, "hurt": 1}), "w": Counter({"talks": 1, "sanctions": 1})}
    first = outlet_word_counts(outlets[:1], tokens[:1], stopwords=["again"])
    both = outlet_word_counts(outlets[1:], tokens[1:], stopwords=["again"], into=first)
    assert both == whole and first == {"s": Counter({"sanctions": 1, "hurt": 1})}  # ``into`` unchanged


def test_keyness_from_outlet_totals_equals_keyness_from_articles():
    ids, outs = ["a", "b", "c", "d"], ["s1", "s2", "w", "w"]
    tokens = [["blockade", "blockade", "talks"], ["solidarity"], ["talks", "talks"], ["blockade", "sanctions"]]
    per_article = keyness_table(word_counts(ids, tokens), dict(zip(ids, outs)), OUTLETS, [("state", "rest")],
                                min_count=1)
    per_outlet = keyness_table(outlet_word_counts(outs, tokens), {o: o for o in outs}, OUTLETS,
                               [("state", "rest")], min_count=1)
    pd.testing.assert_frame_equal(per_outlet, per_article)
