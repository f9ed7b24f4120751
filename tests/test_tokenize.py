import unicodedata

import pandas as pd
from nltk.stem.snowball import SnowballStemmer

from framelens.tokenize import (
    article_text, language_key, normalizer, punkt_from_dict, punkt_to_dict, sentence_splitter,
    sentence_splitters, split_sentences, tokenize_articles, train_punkt, train_punkt_by_language,
    word_tokens,
)


def test_word_tokens_lowercase_apostrophes_hyphens():
    text = "The Sister-Country’s people don't say it's O'Brien; 2024 José"
    assert word_tokens(text) == ["the", "sister", "country", "people", "don't", "say", "it",
                                 "o'brien", "2024", "josé"]


def test_word_tokens_no_punctuation_tokens():
    assert word_tokens("— … !!! ,,, ") == []
    assert word_tokens("snake_case") == ["snake", "case"]


def test_punkt_trained_on_corpus_learns_abbreviations_and_round_trips():
    corpus = ["Mr. Diaz met Dr. Ivanova in the U.S. capital. They spoke for an hour. " * 3] * 10
    params = train_punkt(corpus)
    data = punkt_to_dict(params)
    assert {"mr", "dr"} <= set(data["abbrev_types"])
    splitter = sentence_splitter(punkt_from_dict(data))
    text = "Mr. Diaz met Dr. Ivanova on Monday. They spoke.\n\nA new paragraph starts here"
    assert split_sentences(text, splitter) == [
        "Mr. Diaz met Dr. Ivanova on Monday.", "They spoke.", "A new paragraph starts here",
    ]


def test_untrained_punkt_splits_after_abbreviation_which_training_fixes():
    text = "Mr. Diaz arrived. He left."
    assert split_sentences(text, sentence_splitter()) == ["Mr.", "Diaz arrived.", "He left."]


def test_article_text_title_as_paragraph():
    assert article_text("Head", "Body", include_title=True) == "Head\n\nBody"
    assert article_text("Head", "Body", include_title=False) == "Body"
    assert article_text(None, "Body", include_title=True) == "Body"
    assert article_text(float("nan"), "Body", include_title=True) == "Body"  # null title read by pandas


# --------------------------------------------------------------------------- Spanish and Russian
# Every expected token list below was written out by hand from the sentence above it.

def test_spanish_case_and_accents_kept_by_default():
    text = "¡El PAÍS hermano rechaza el Bloqueo! Según Díaz-Canel, «la solidaridad» no cesará."
    assert word_tokens(text) == ["el", "país", "hermano", "rechaza", "el", "bloqueo", "según", "díaz",
                                 "canel", "la", "solidaridad", "no", "cesará"]


def test_spanish_accent_folding_keeps_enye():
    text = "El PAÍS hermano, según el niño, cesará en Año Nuevo."
    assert word_tokens(text, fold_accents=True) == ["el", "pais", "hermano", "segun", "el", "niño",
                                                    "cesara", "en", "año", "nuevo"]


def test_russian_case_folding_and_yo():
    text = "БРАТСКИЙ народ Белоруссии осудил санкции; всё ещё ждём ответа."
    assert word_tokens(text) == ["братский", "народ", "белоруссии", "осудил", "санкции", "всё", "ещё",
                                 "ждём", "ответа"]
    assert word_tokens(text, fold_yo=True)[-4:] == ["все", "еще", "ждем", "ответа"]


def test_russian_stress_marks_do_not_split_words_and_fold_away():
    # "за́мок" carries a combining acute (U+0301) that has no precomposed form.
    text = "Старый за\u0301мок и новый замо\u0301к. Йод и ёж."
    assert word_tokens(text) == ["старый", "за\u0301мок", "и", "новый", "замо\u0301к", "йод", "и", "ёж"]
    # Accent folding removes stress marks but keeps й and ё, which are letters of their own.
    assert word_tokens(text, fold_accents=True) == ["старый", "замок", "и", "новый", "замок", "йод", "и", "ёж"]
    assert word_tokens(text, fold_accents=True, fold_yo=True)[-1] == "еж"


def test_decomposed_input_gives_the_same_tokens_as_composed():
    composed = "País SOLIDARIDAD Ёлка"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert word_tokens(decomposed) == word_tokens(composed) == ["país", "solidaridad", "ёлка"]


def test_fold_is_idempotent_and_equals_token_folding():
    f = normalizer(fold_yo=True, fold_accents=True)
    for word in ["País", "ЁЛКА", "за\u0301мок", "Ñandú", "cesará"]:
        assert f(f(word)) == f(word)
        assert word_tokens(word, fold_yo=True, fold_accents=True) == [f(word)]


def _contains(tokens, phrase_tokens):
    n = len(phrase_tokens)
    return any(tokens[i:i + n] == phrase_tokens for i in range(len(tokens) - n + 1))


def test_multi_word_entries_tokenize_like_text_in_spanish_and_russian():
    # A multi-word entry matches when its tokens appear in a row in the text's tokens.
    es_text = "Cuba y Venezuela, PAÍSES hermanos, denuncian el bloqueo económico, comercial y financiero."
    assert _contains(word_tokens(es_text), word_tokens("países hermanos"))
    assert _contains(word_tokens(es_text), word_tokens("bloqueo económico"))
    assert not _contains(word_tokens(es_text), word_tokens("bloqueo financiero"))  # not adjacent
    ru_text = "Минск назвал Гавану «братским народом» и осудил незаконные санкции Запада."
    assert _contains(word_tokens(ru_text), word_tokens("братским народом"))
    assert _contains(word_tokens(ru_text), word_tokens("незаконные санкции"))
    # With accent folding, an entry written with or without accents matches the same tokens.
    folded = word_tokens("La ayuda del país hermano llegó.", fold_accents=True)
    assert _contains(folded, word_tokens("PAIS hermano", fold_accents=True))
    assert _contains(folded, word_tokens("país hermano", fold_accents=True))


def test_snowball_stems_group_inflected_spanish_and_russian_forms():
    # What a ``~stem`` entry will match: tokens whose Snowball stem equals the entry's stem.
    es, ru = SnowballStemmer("spanish"), SnowballStemmer("russian")
    es_tokens = word_tokens("Las SANCIONES, la sanción y los bloqueos: otro bloqueo más.")
    assert [es.stem(t) for t in es_tokens if es.stem(t) == es.stem("bloqueo")] == ["bloque", "bloque"]
    assert es.stem("sanción") == es.stem("sanciones") == "sancion"
    ru_tokens = word_tokens("Санкции, санкций, САНКЦИЯМИ — и снова санкциях.")
    assert {ru.stem(t) for t in ru_tokens} == {"санкц", "и", "снов"}
    assert ru.stem("солидарности") == ru.stem("солидарность") == "солидарн"
    # The Russian stemmer folds ё itself, so ё folding never changes a stem match.
    assert ru.stem("ёлка") == ru.stem("елка")


def test_punkt_is_trained_per_language_and_learns_each_languages_abbreviations():
    es = ["El Sr. Pérez y la Dra. Gómez visitaron La Habana. Hablaron de la solidaridad. " * 3] * 10
    ru = ["Встреча прошла с проф. Ивановым в г. Минске. Они обсудили санкции. " * 3] * 10
    params = train_punkt_by_language([("es", t) for t in es] + [("ru", t) for t in ru] + [(None, "Hi. Bye.")])
    assert list(params) == ["es", "ru", "und"]
    assert {"sr", "dra"} <= params["es"].abbrev_types and "проф" not in params["es"].abbrev_types
    assert "проф" in params["ru"].abbrev_types and "sr" not in params["ru"].abbrev_types
    splitters = sentence_splitters({k: punkt_from_dict(punkt_to_dict(p)) for k, p in params.items()})
    ru_text = "Проф. Иванов прибыл в Минск. Переговоры начались."
    assert split_sentences(ru_text, splitters["ru"]) == ["Проф. Иванов прибыл в Минск.", "Переговоры начались."]
    # The Spanish model never saw "Проф." and splits after it: why one model per language.
    assert split_sentences(ru_text, splitters["es"])[0] == "Проф."
    es_text = "El Sr. Pérez llegó. La Dra. Gómez también."
    assert split_sentences(es_text, splitters["es"]) == ["El Sr. Pérez llegó.", "La Dra. Gómez también."]


def test_tokenize_articles_uses_each_articles_language_model_and_keeps_lang():
    params = train_punkt_by_language(
        [("ru", "Встреча прошла с проф. Ивановым в г. Минске. Они обсудили санкции. " * 30)])
    articles = pd.DataFrame({
        "id": ["r1", "x1"], "outlet": ["belta", "wire"], "lang": ["ru", None],
        "title": ["ЁЛКА", None], "text": ["Проф. Иванов прибыл. Всё.", "Prof. Smith left. Done."],
    })
    out = tokenize_articles(articles, sentence_splitters(params), fold_yo=True)
    assert out.loc[0, "lang"] == "ru" and pd.isna(out.loc[1, "lang"])
    assert list(out.loc[0, "sentences"]) == ["ЁЛКА", "Проф. Иванов прибыл.", "Всё."]
    assert list(out.loc[0, "tokens"]) == ["елка", "проф", "иванов", "прибыл", "все"]
    # no English model was trained, so the untrained splitter splits after "Prof."
    assert list(out.loc[1, "sentences"]) == ["Prof.", "Smith left.", "Done."]
    assert language_key(" RU ") == "ru" and language_key(None) == language_key(float("nan")) == "und"
