import pytest

from framelens.boilerplate import learn_boilerplate, strip_learned
from framelens.errors import ConfigError

HEAD = "Share · Tweet · Email"


def test_repeated_lines_learned_per_outlet_with_share():
    # outlet a: 4 articles, HEAD in 3 (share 0.75), "Subscribe now" in 1 (0.25)
    outlets = ["a", "a", "a", "a", "b", "b"]
    texts = [f"{HEAD}\nBody one.", f"{HEAD}\nBody two.", f"{HEAD}\nBody three.\nSubscribe now",
             "Body four.", f"{HEAD}\nOther one.", f"{HEAD}\nOther two."]
    learned = learn_boilerplate(outlets, [None] * 6, texts, min_share=0.5, min_articles=3)
    rows = learned.table.to_dict("records")
    # b has only 2 articles (< min_articles): nothing learned there, although HEAD is in both
    assert rows == [{"outlet": "a", "kind": "repeated", "line": HEAD, "n_articles": 3,
                     "outlet_articles": 4, "share": 0.75}]
    cleaned, removed = strip_learned(outlets, texts, learned)
    assert cleaned[:4] == ["Body one.", "Body two.", "Body three.\nSubscribe now", "Body four."]
    assert cleaned[4] == texts[4] and removed == [1, 1, 1, 0, 0, 0]


def test_threshold_is_inclusive_and_needs_two_articles():
    outlets = ["a"] * 4
    texts = ["x\nA.", "x\nB.", "C.", "D."]  # x in 2 of 4 = exactly 0.5
    assert learn_boilerplate(outlets, [None] * 4, texts, min_share=0.5, min_articles=2).lines == {"a": {"x"}}
    assert learn_boilerplate(outlets, [None] * 4, texts, min_share=0.51, min_articles=2).lines == {}
    # a single article never makes a line boilerplate, even with min_share tiny
    one = learn_boilerplate(outlets, [None] * 4, ["y\nA.", "B.", "C.", "D."], min_share=0.1, min_articles=2)
    assert one.lines == {}


def test_inserted_headline_is_removed_but_own_title_and_short_titles_are_not():
    titles = ["Port workers end strike after pay deal", "Minister visits the capital", "Rain",
              "Minister visits the capital"]
    texts = [
        "Dockers returned to work.",
        "Port workers end strike after pay deal\n\nThe minister arrived on Monday.",  # inserted headline
        "Minister visits the capital\n\nRain\n\nIt rained.",  # other's title (4 words) yes; 'Rain' too short
        "Minister visits the capital\n\nSame title as its own: kept.",  # own title: kept
    ]
    learned = learn_boilerplate(["w", "h", "h", "x"], titles, texts, min_articles=5)
    assert learned.table[["outlet", "kind", "line", "n_articles"]].values.tolist() == [
        ["h", "headline", "Minister visits the capital", 1],
        ["h", "headline", "Port workers end strike after pay deal", 1],
    ]
    cleaned, removed = strip_learned(["w", "h", "h", "x"], texts, learned)
    assert cleaned[1] == "The minister arrived on Monday." and cleaned[2] == "Rain\n\nIt rained."
    assert cleaned[3] == texts[3] and removed == [0, 1, 1, 0]


def test_headlines_can_be_turned_off():
    learned = learn_boilerplate(["a", "b"], ["One two three four", None], ["x.", "One two three four\ny."],
                                headlines=False)
    assert learned.lines == {} and learned.table.empty


@pytest.mark.parametrize("kw, message", [({"min_share": 0}, "min_share"), ({"min_share": 1.5}, "min_share"),
                                         ({"min_articles": 1}, "min_articles")])
def test_bad_settings(kw, message):
    with pytest.raises(ConfigError, match=message):
        learn_boilerplate(["a"], [None], ["x"], **kw)


def test_inputs_not_mutated():
    texts = ["h\nA.", "h\nB."]
    learned = learn_boilerplate(["a", "a"], [None, None], texts, min_articles=2)
    strip_learned(["a", "a"], texts, learned)
    assert texts == ["h\nA.", "h\nB."]
