"""Run summary: corpus size per outlet and the lexicons used, for the report's front page.

:func:`summary_rst` returns reStructuredText that the Snakemake report's front
page includes, so every report states what it was computed from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

__all__ = ["SUMMARY_COLUMNS", "outlet_totals", "corpus_summary", "summary_rst"]

SUMMARY_COLUMNS = ("outlet", "name", "group", "n_articles", "n_tokens", "mean_tokens")


def outlet_totals(tokens: pd.DataFrame) -> pd.DataFrame:
    """Articles (``size``) and tokens (``sum``) per outlet of a tokens table (``outlet, n_tokens``), by outlet.

    Totals of parts add up: ``outlet_totals`` of a whole table equals the sum,
    outlet by outlet, of the totals of its batches (see :func:`corpus_summary`).
    """
    return tokens.groupby("outlet", sort=True)["n_tokens"].agg(["size", "sum"]).astype("int64")


def corpus_summary(tokens: pd.DataFrame, outlets: pd.DataFrame) -> pd.DataFrame:
    """Articles and tokens per outlet (:data:`SUMMARY_COLUMNS`), in outlet order, plus a ``total`` row.

    ``tokens`` is a tokens table (``outlet, n_tokens``), or already its
    :func:`outlet_totals` (index ``outlet``, columns ``size, sum``), e.g. summed
    over the batches of a sharded table.
    """
    meta = outlets.set_index("outlet")
    per = tokens if {"size", "sum"} <= set(tokens.columns) else outlet_totals(tokens)
    per = per.sort_index()
    rows = [{"outlet": o, "name": meta.at[o, "name"] if o in meta.index else o,
             "group": meta.at[o, "group"] if o in meta.index else "",
             "n_articles": int(r["size"]), "n_tokens": int(r["sum"]),
             "mean_tokens": round(float(r["sum"]) / float(r["size"]), 1)} for o, r in per.iterrows()]
    n, t = int(per["size"].sum()), int(per["sum"].sum())
    rows.append({"outlet": "total", "name": "all outlets", "group": "", "n_articles": n, "n_tokens": t,
                 "mean_tokens": round(t / n, 1) if n else 0.0})
    return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [list(map(str, header))] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    line = "  ".join("=" * w for w in widths)
    fmt = [("  ".join(c.ljust(w) for c, w in zip(r, widths))).rstrip() for r in cells]
    return "\n".join([line, fmt[0], line, *fmt[1:], line])


def summary_rst(summary: pd.DataFrame, lexicons: Sequence[Mapping[str, str]], counts: Mapping[str, int]) -> str:
    """The front-page section: corpus size per outlet, ingest counts, lexicon name/version/SHA-256."""
    out = ["Corpus", "~~~~~~", "",
           f"{counts.get('read', '?')} rows read, {counts.get('kept', '?')} articles kept, "
           f"{counts.get('rejected', '?')} rejected (listed under *Data quality*).", "",
           _table(["outlet", "name", "group", "articles", "tokens", "tokens/article"],
                  [[r.outlet, r.name, r.group or "–", f"{r.n_articles:,}", f"{r.n_tokens:,}",
                    f"{r.mean_tokens:,.0f}"] for r in summary.itertuples()]), "",
           "Lexicons", "~~~~~~~~", "",
           _table(["lexicon", "name", "version", "categories", "SHA-256 (first 16 hex digits)"],
                  [[lx["key"], lx["name"], lx["version"], lx["categories"], f"``{lx['sha256'][:16]}``"]
                   for lx in lexicons]), "",
           "The full SHA-256 of each lexicon file is in every table's ``lexicon_sha256`` column.", ""]
    return "\n".join(out) + "\n"
