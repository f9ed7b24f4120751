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


def _random_corpus(seed: int):
    import random

    rng = random.Random(seed)
    pool = ["Share this", "Subscribe now", "Read more", "Advertisement", "Four words in title",
            "Another four word title", "x", ""]
    titles_pool = ["Four words in title", "Another four word title", "Short", None, "A b c d e"]
    outlets, titles, texts = [], [], []
    for i in range(rng.randint(1, 40)):
        outlets.append(rng.choice("abc"))
        titles.append(rng.choice(titles_pool))
        lines = rng.choices(pool, k=rng.randint(0, 6)) + [f"body {i} {rng.random()}"] * rng.randint(0, 2)
        rng.shuffle(lines)
        texts.append("\n".join(lines))
    return outlets, titles, texts


def _batches(outlets, titles, texts, n):
    def batches():
        for i in range(0, len(texts), n):
            yield outlets[i:i + n], titles[i:i + n], texts[i:i + n]
    return batches


@pytest.mark.parametrize("factor", [2, 0])  # 0: summaries of 2 hashes, so outlets take the exact fallback pass
@pytest.mark.parametrize("seed", range(12))
def test_streamed_learning_equals_in_memory_on_random_corpora(seed, factor, monkeypatch):
    from framelens import boilerplate

    monkeypatch.setattr(boilerplate, "_SUMMARY_FACTOR", factor)
    outlets, titles, texts = _random_corpus(seed)
    for share, min_articles in ((0.6, 5), (0.3, 2), (1.0, 3)):
        whole = learn_boilerplate(outlets, titles, texts, min_share=share, min_articles=min_articles)
        for n in (1, 3, 100):
            batches = _batches(outlets, titles, texts, n)
            streamed = boilerplate.learn_boilerplate_streamed(batches, min_share=share, min_articles=min_articles)
            assert streamed.lines == whole.lines
            assert streamed.table.equals(whole.table)
            only_titles = boilerplate.learn_boilerplate_streamed(
                batches, min_share=share, min_articles=min_articles,
                titles=lambda: (t for _o, t, _x in batches()))
            assert only_titles.table.equals(whole.table)


def test_fallback_pass_is_taken_when_the_summary_error_is_too_large(monkeypatch):
    from framelens import boilerplate

    calls = []
    real = boilerplate._misra_gries
    monkeypatch.setattr(boilerplate, "_SUMMARY_FACTOR", 0)
    monkeypatch.setattr(boilerplate, "_misra_gries", lambda *a: calls.append(a[1]) or real(*a))
    outlets = ["a"] * 6
    texts = [f"head\nu{i}\nv{i}\nw{i}" for i in range(6)]
    batches = _batches(outlets, [None] * 6, texts, 1)
    learned = boilerplate.learn_boilerplate_streamed(batches, min_share=0.5, min_articles=2)
    assert calls == [{"a": 4 // 0.5 + 2}]  # m = 24 distinct lines, n = 6
    assert learned.lines == {"a": {"head"}}


@pytest.mark.parametrize("share, n, k", [(0.6, 5, 3), (0.7, 10, 7), (0.55, 100, 56), (0.58, 50, 29), (0.5, 4, 2),
                                         (0.1, 3, 2), (1.0, 7, 7), (0.3, 10, 3)])
def test_min_count_is_the_smallest_count_the_table_accepts(share, n, k):
    from framelens.boilerplate import _min_count

    # 0.55 * 100 is 55.00000000000001 in floating point: 55 articles do not reach it, as in learn_boilerplate
    assert _min_count(share, n) == k
    assert k >= 2 and k >= share * n and not (k - 1 >= 2 and k - 1 >= share * n)
