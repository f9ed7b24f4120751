import numpy as np
import pandas as pd
import pytest
from scipy import stats
from sklearn.metrics import cohen_kappa_score, precision_score, recall_score

from framelens.agreement import (
    article_agreement, article_pairs, cohen_kappa, lexicon_indicators, sentence_agreement,
)
from framelens.lexicon import load_lexicon_text
from framelens.matcher import compile_lexicon

LEXICON = """\
name: tiny
version: "1"
categories:
  sol: {description: solidarity, terms: [solidar*, stand with]}
  sanc: {description: sanctions, terms: [blockade, sanction*]}
"""


def test_lexicon_indicators_are_token_based():
    compiled = compile_lexicon(load_lexicon_text(LEXICON, path="tiny.yaml"))
    texts = ["We stand with Cuba.", "The blockade and the sanctions.", "Solidary neighbours; no blockades."]
    assert lexicon_indicators(texts, compiled, ["sol", "sanc"]).tolist() == [[1, 0], [0, 1], [1, 0]]


def test_sentence_agreement_against_sklearn():
    gold = np.array([[1], [1], [0], [0], [1], [0]])
    clf = np.array([[1], [1], [0], [1], [0], [0]])
    lex = np.array([[1], [0], [1], [0], [0], [0]])
    row = sentence_agreement(gold, clf, lex, ["x"]).iloc[0]
    assert row["lexicon_precision"] == pytest.approx(precision_score(gold, lex))
    assert row["lexicon_recall"] == pytest.approx(recall_score(gold, lex))
    assert row["classifier_recall"] == pytest.approx(2 / 3)
    assert row["lexicon_precision_vs_classifier"] == pytest.approx(precision_score(clf, lex))
    assert row["lexicon_recall_vs_classifier"] == pytest.approx(recall_score(clf, lex))
    assert row["kappa_lexicon_classifier"] == pytest.approx(cohen_kappa_score(lex[:, 0], clf[:, 0]))
    assert row["gold_without_lexicon_match"] == 2 and row["lexicon_match_without_gold"] == 1


def test_kappa_matches_sklearn_on_random_codings():
    rng = np.random.default_rng(1)
    a, b = rng.integers(0, 2, 50), rng.integers(0, 2, 50)
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))


def test_article_agreement_correlations_match_scipy():
    lex = pd.DataFrame({"id": list("abcd"), "outlet": "o", "category": "x", "rate": [0.0, 2.0, 5.0, 9.0]})
    frames = pd.DataFrame({"id": list("abcd"), "category": "x", "share": [0.1, 0.0, 0.4, 0.5],
                           "mean_probability": 0.0})
    pairs = article_pairs(lex, frames)
    row = article_agreement(pairs).iloc[0]
    assert row["pearson_r"] == pytest.approx(stats.pearsonr([0, 2, 5, 9], [0.1, 0, 0.4, 0.5])[0])
    assert row["spearman_rho"] == pytest.approx(0.8)  # ranks 1,2,3,4 vs 2,1,3,4: 1 - 6*2/60
    constant = article_agreement(pairs.assign(share=0.2)).iloc[0]
    assert np.isnan(constant["pearson_r"]) and constant["n_articles"] == 4


def test_lexicon_indicators_per_language_and_negation():
    from framelens.lexicon import load_lexicon_text

    lexicon = load_lexicon_text(
        "negation: {window: 2, negators: [no]}\n"
        "categories:\n  sol:\n    terms: {en: [solidarity], es: [solidaridad]}\n")
    texts = ["Solidarity now.", "No solidarity here.", "Solidaridad ahora."]
    assert lexicon_indicators(texts, lexicon, ["sol"], lang="en").ravel().tolist() == [1, 0, 0]
    assert lexicon_indicators(texts, lexicon, ["sol"], lang="es").ravel().tolist() == [0, 0, 1]
