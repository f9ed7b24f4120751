import pandas as pd

from framelens.summary import corpus_summary, outlet_totals, summary_rst

OUTLETS = pd.DataFrame({"outlet": ["s", "w"], "name": ["State Daily", "World Wire"], "group": ["state", "wire"],
                        "country": "", "language": "en", "color": ""})


def test_corpus_summary_counts_and_total():
    tokens = pd.DataFrame({"id": ["1", "2", "3"], "outlet": ["s", "s", "w"], "n_tokens": [100, 300, 50]})
    table = corpus_summary(tokens, OUTLETS).set_index("outlet")
    assert table.loc["s", "n_articles"] == 2 and table.loc["s", "n_tokens"] == 400
    assert table.loc["s", "mean_tokens"] == 200.0
    assert table.loc["total", "n_articles"] == 3 and table.loc["total", "n_tokens"] == 450


def test_summary_rst_states_outlets_and_lexicon_hash():
    tokens = pd.DataFrame({"id": ["1"], "outlet": ["s"], "n_tokens": [1234]})
    rst = summary_rst(corpus_summary(tokens, OUTLETS),
                      [{"key": "framing", "name": "framing", "version": "1.0", "sha256": "ab" * 32,
                        "categories": "8"}], {"read": 3, "kept": 1, "rejected": 2})
    assert "3 rows read, 1 articles kept, 2 rejected" in rst
    assert "State Daily" in rst and "1,234" in rst
    assert "``" + "ab" * 8 + "``" in rst and "ab" * 9 not in rst  # shortened so it fits beside the DAG
    from docutils.core import publish_parts  # the report renders this text with docutils
    html = publish_parts(rst, writer="html")["body"]
    assert "<table" in html and "State Daily" in html


def test_corpus_summary_from_totals_of_batches():
    tokens = pd.DataFrame({"id": ["1", "2", "3"], "outlet": ["s", "s", "w"], "n_tokens": [100, 300, 50]})
    parts = [outlet_totals(tokens.iloc[:1]), outlet_totals(tokens.iloc[1:])]
    totals = pd.concat(parts).groupby(level=0).sum()
    assert totals.loc["s"].tolist() == [2, 400] and totals.loc["w"].tolist() == [1, 50]
    pd.testing.assert_frame_equal(corpus_summary(totals, OUTLETS), corpus_summary(tokens, OUTLETS))
