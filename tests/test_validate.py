import math

import krippendorff
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from framelens.errors import FramelensError
from framelens.lexicon import load_lexicon_text
from framelens.validate import (
    coding_sheet, cohen_kappa, krippendorff_alpha, score_sheet, span_scores, token_offsets, wilson_interval,
)


def test_wilson_against_the_hand_worked_formula():
    # k=8, n=10, z=1.959964: centre = (0.8 + z²/20) / (1 + z²/10) = 0.71663; half-width = 0.22665
    low, high = wilson_interval(8, 10)
    assert (low, high) == pytest.approx((0.49016, 0.94332), abs=1e-5)
    assert wilson_interval(0, 5)[0] == 0.0 and wilson_interval(5, 5)[1] == pytest.approx(1.0)
    assert all(math.isnan(v) for v in wilson_interval(0, 0))


def test_wilson_against_scipy():
    from scipy.stats import binomtest
    for k, n in [(1, 7), (13, 40), (99, 100)]:
        ci = binomtest(k, n).proportion_ci(confidence_level=0.9, method="wilson")
        assert wilson_interval(k, n, level=0.9) == pytest.approx((ci.low, ci.high))


def test_kappa_against_sklearn():
    a = [1, 1, 0, 1, 0, 0, 1, 1, 0, 1]
    b = [1, 0, 0, 1, 0, 1, 1, 1, 0, 0]
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))


def test_alpha_against_krippendorff_package_with_missing_values():
    first = [1, 1, 0, 1, None, 0, 1, 0]
    second = [1, 0, 0, 1, 1, 0, None, 0]
    data = np.array([[np.nan if v is None else v for v in first], [np.nan if v is None else v for v in second]])
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert krippendorff_alpha(list(zip(first, second))) == pytest.approx(expected)


def test_score_sheet_precision_per_entry_and_category():
    lines = pd.DataFrame({"category": ["s"] * 5 + ["k"] * 2, "entry": ["a", "a", "a", "b", "b", "c", "c"]})
    sheet = coding_sheet(lines, second_coder=True)
    assert list(sheet["item"]) == list(range(1, 8)) and set(sheet["relevant"]) == {""}
    sheet["relevant"] = ["1", "yes", "0", "", "y", "n", "1"]
    sheet["relevant_2"] = ["1", "1", "1", "0", "1", "0", ""]
    result = score_sheet(sheet)
    cats = result.categories.set_index("category")
    assert cats.loc["s", ["n_lines", "n_coded", "n_uncoded", "n_relevant"]].tolist() == [5, 4, 1, 3]
    assert cats.loc["s", "precision"] == pytest.approx(0.75)
    assert (cats.loc["s", "ci_low"], cats.loc["s", "ci_high"]) == pytest.approx(wilson_interval(3, 4))
    entries = result.entries.set_index(["category", "entry"])
    assert entries.loc[("s", "b"), "precision"] == 1.0 and entries.loc[("s", "b"), "n_coded"] == 1
    both = [(1, 1), (1, 1), (0, 1), (1, 1), (0, 0)]
    assert result.agreement.loc[0, "n_both_coded"] == 5
    assert result.agreement.loc[0, "cohen_kappa"] == pytest.approx(cohen_kappa_score(*zip(*both)))


def test_bad_code_names_the_row():
    sheet = pd.DataFrame({"category": ["s"], "entry": ["a"], "relevant": ["maybe"]})
    with pytest.raises(FramelensError, match=r"row 2, column 'relevant': code 'maybe'"):
        score_sheet(sheet)


def test_token_offsets_point_into_the_text():
    text = "Cuba's sister-country, ‘Don’t’!"
    assert token_offsets(text) == [("cuba", 0, 6), ("sister", 7, 13), ("country", 14, 21), ("don't", 24, 29)]


def test_span_scores_token_level_by_hand():
    lex = load_lexicon_text("categories:\n  loaded: [radical*, slammed]\n  other: [plan]\n")
    text = "Radical plan slammed by critics"
    # gold: "Radical plan" (chars 0-12) -> tokens 0,1; lexicon: loaded -> tokens 0 and 2; other -> token 1
    table = span_scores([text], [[(0, 12)]], lex).set_index("category")
    assert table.loc["loaded", ["n_predicted", "n_gold", "true_positives"]].tolist() == [2, 2, 1]
    assert table.loc["loaded", ["precision", "recall", "f1"]].tolist() == pytest.approx([0.5, 0.5, 0.5])
    assert table.loc["all", ["precision", "recall"]].tolist() == pytest.approx([2 / 3, 1.0])
    assert table.loc["all", "f1"] == pytest.approx(0.8)
