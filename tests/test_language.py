import pandas as pd
import pytest

from framelens.errors import ConfigError
from framelens.language import assign_languages, detect_language, language_table

EN = ("The ministry said on Tuesday that the new trade agreement would take effect next month, "
      "after long talks between the two delegations.")
ES = ("El ministerio dijo el martes que el nuevo acuerdo comercial entrará en vigor el próximo mes, "
      "tras largas conversaciones entre las dos delegaciones.")
RU = ("Министерство заявило во вторник, что новое торговое соглашение вступит в силу в следующем "
      "месяце после долгих переговоров между делегациями.")


def test_detects_common_languages_offline():
    assert detect_language(EN)[0] == "en"
    assert detect_language(ES)[0] == "es"
    assert detect_language(RU)[0] == "ru"
    assert detect_language("12 345 --- !!!") == (None, 0.0)


def articles():
    return pd.DataFrame({
        "id": ["1", "2", "3", "4", "5"], "outlet": ["a", "a", "b", "b", "b"],
        "title": ["", None, "", "", ""],
        "text": [EN, ES, RU, "Short.", ES],
        "lang": [None, None, None, None, "EN"],  # the corpus says 5 is English: it wins
    })


def test_assign_languages_given_detected_undetermined():
    out = assign_languages(articles(), languages=["en"])
    assert out["lang"].tolist() == ["en", "es", "ru", None, "en"]
    assert out["lang_source"].tolist() == ["detected", "detected", "detected", "undetermined", "corpus"]
    # undetermined (too short to tell) stays analysed; only known other languages are set aside
    assert out["analysed"].tolist() == [True, False, False, True, True]
    assert out.loc[4, "lang_prob"] == 1.0 and 0.9 <= out.loc[0, "lang_prob"] <= 1.0


def test_detection_off_and_probability_floor():
    out = assign_languages(articles(), languages=["en", "es"], detect=False)
    assert out["lang_source"].tolist() == ["undetermined"] * 4 + ["corpus"]
    out = assign_languages(articles(), languages=["en"], min_prob=1.0)  # nothing is that sure
    assert out["lang_source"].tolist()[:3] == ["undetermined"] * 3


def test_language_table_counts():
    out = assign_languages(articles(), languages=["en"])
    table = language_table(out)
    assert table.values.tolist() == [
        ["a", "en", "detected", 1, True], ["a", "es", "detected", 1, False],
        ["b", "en", "corpus", 1, True], ["b", "ru", "detected", 1, False],
        ["b", "undetermined", "undetermined", 1, True],
    ]


@pytest.mark.parametrize("langs", [[], ["english"], ["EN"]])
def test_bad_language_list(langs):
    with pytest.raises(ConfigError, match="ISO 639-1"):
        assign_languages(articles(), languages=langs)
