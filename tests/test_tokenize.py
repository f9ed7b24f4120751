from framelens.tokenize import (
    article_text, punkt_from_dict, punkt_to_dict, sentence_splitter, split_sentences, train_punkt,
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
