"""Term contributions: which entries produce a category's hits, per outlet.

A category score is only as good as its entries: when one ambiguous word
produces most of an outlet's hits, the table and figure show it at once.
``share`` is the entry's counted hits over all counted hits of the category
in that outlet (shares of one outlet × category sum to 1).
"""

from __future__ import annotations

import pandas as pd

__all__ = ["CONTRIBUTION_COLUMNS", "term_contributions"]

CONTRIBUTION_COLUMNS = ("outlet", "category", "entry", "n", "n_negated", "n_articles", "share", "rank")


def term_contributions(terms: pd.DataFrame) -> pd.DataFrame:
    """Outlet × category × entry contributions from the score step's terms table.

    ``terms`` has ``id, outlet, category, entry, n, n_negated``. ``rank`` is 1
    for the entry with most hits in its outlet × category (ties by entry).
    Categories keep their order of first appearance; outlets are sorted.
    """
    if terms.empty:
        return pd.DataFrame(columns=list(CONTRIBUTION_COLUMNS))
    cat_order = {c: i for i, c in enumerate(dict.fromkeys(terms["category"]))}
    grouped = terms.assign(_hit=(terms["n"] > 0).astype("int64")).groupby(
        ["outlet", "category", "entry"], sort=False).agg(
        n=("n", "sum"), n_negated=("n_negated", "sum"), n_articles=("_hit", "sum")).reset_index()
    totals = grouped.groupby(["outlet", "category"])["n"].transform("sum")
    grouped["share"] = (grouped["n"] / totals.where(totals > 0)).fillna(0.0)
    grouped["_cat"] = grouped["category"].map(cat_order)
    grouped = grouped.sort_values(["outlet", "_cat", "n", "entry"], ascending=[True, True, False, True])
    grouped["rank"] = grouped.groupby(["outlet", "category"]).cumcount() + 1
    out = grouped.drop(columns="_cat").reset_index(drop=True)
    return out[list(CONTRIBUTION_COLUMNS)].astype({"n": "int64", "n_negated": "int64", "n_articles": "int64",
                                                   "share": "float64", "rank": "int64"})
