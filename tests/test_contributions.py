import pandas as pd
import pytest

from framelens.contributions import term_contributions


def test_shares_ranks_and_article_counts_by_hand():
    terms = pd.DataFrame([
        ("a1", "x", "s", "sanction*", 3, 0), ("a1", "x", "s", "blockade", 1, 1),
        ("a2", "x", "s", "sanction*", 1, 0), ("a3", "y", "s", "blockade", 0, 2),
    ], columns=["id", "outlet", "category", "entry", "n", "n_negated"])
    t = term_contributions(terms).set_index(["outlet", "entry"])
    assert t.loc[("x", "sanction*"), ["n", "n_articles", "rank"]].tolist() == [4, 2, 1]
    assert t.loc[("x", "sanction*"), "share"] == pytest.approx(0.8)
    assert t.loc[("x", "blockade"), "share"] == pytest.approx(0.2)
    # an outlet whose only hits are negated: share 0, not a division by zero
    assert t.loc[("y", "blockade"), ["n", "n_negated", "share"]].tolist() == [0, 2, 0.0]
