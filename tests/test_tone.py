import numpy as np
import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framelens.tone import article_tone, outlet_tone, target_pattern, vader_scorer

OUTLETS = pd.DataFrame({"outlet": ["s", "w"], "name": ["S", "W"], "group": ["state", "wire"],
                        "country": "", "language": "en", "color": ""})


def test_target_pattern_whole_words_and_wildcards():
    pat = target_pattern(["sanction*", "blockade", "sister country"])
    assert pat.search("New Sanctions were announced")
    assert pat.search("the blockade.") and not pat.search("blockades")
    assert pat.search("a Sister  Country") and not pat.search("unsanctioned")
    assert target_pattern([]) is None


def test_article_tone_by_hand_with_a_stub_scorer():
    score = {"Good news on sanctions.": 0.5, "Bad day.": -1.0, "Fine.": 0.0}.__getitem__
    tone = article_tone(["a", "b"], ["s", "w"], [["Good news on sanctions.", "Bad day."], ["Fine."]],
                        targets=["sanction*"], scorer=score).set_index("id")
    assert tone.loc["a", "tone"] == pytest.approx(-0.25)
    assert tone.loc["a", "target_tone"] == pytest.approx(0.5) and tone.loc["a", "n_target_sentences"] == 1
    assert np.isnan(tone.loc["b", "target_tone"])


def test_vader_scorer_is_the_packages_compound_score():
    text = "The talks were a great success."
    assert vader_scorer()(text) == SentimentIntensityAnalyzer().polarity_scores(text)["compound"]
    assert vader_scorer()("A terrible, cruel blockade.") < 0


def test_outlet_tone_means_and_intervals():
    tone = pd.DataFrame({"id": list("abcd"), "outlet": ["s", "s", "s", "w"], "n_sentences": 2,
                         "tone": [0.1, 0.3, 0.5, -0.2], "n_target_sentences": [1, 0, 1, 0],
                         "target_tone": [0.4, np.nan, 0.6, np.nan]})
    table = outlet_tone(tone, OUTLETS, n_resamples=300).set_index(["outlet", "scope"])
    assert table.loc[("s", "article"), "mean_tone"] == pytest.approx(0.3)
    assert table.loc[("s", "target_sentences"), "n_articles"] == 2
    assert table.loc[("s", "target_sentences"), "mean_tone"] == pytest.approx(0.5)
    assert 0.1 <= table.loc[("s", "article"), "ci_low"] <= 0.3 <= table.loc[("s", "article"), "ci_high"] <= 0.5
    assert np.isnan(table.loc[("w", "target_sentences"), "mean_tone"])
