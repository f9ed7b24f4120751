"""Integration: the corpus steps on the AllSides development sample (skipped without ../shared).

The outlets sheet is generated in the test's temporary folder from the corpus's outlet names;
no text from ../shared is written anywhere else.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import shared_corpus

from framelens.cli import main
from framelens.tokenize import word_tokens

pytestmark = [pytest.mark.slow, pytest.mark.integration]


def test_syndication_on_allsides_dev(tmp_path, capsys):
    corpus = shared_corpus("allsides", "allsides_dev.jsonl")
    names = sorted(pd.read_json(corpus, lines=True, dtype=False)["outlet"].unique())
    pd.DataFrame({"outlet": names, "name": names, "group": "news", "country": "US", "language": "en",
                  "color": "#999999"}).to_csv(tmp_path / "outlets.csv", index=False)
    t = tmp_path
    assert main(["ingest", "--corpus", str(corpus), "--outlets", str(t / "outlets.csv"),
                 "--articles", str(t / "i.parquet"), "--rejected", str(t / "r.csv")]) == 0
    assert main(["boilerplate", "--articles", str(t / "i.parquet"), "--out", str(t / "b.parquet"),
                 "--table", str(t / "boilerplate.csv"), "--rejected", str(t / "br.csv")]) == 0
    assert main(["syndication", "--articles", str(t / "b.parquet"), "--outlets", str(t / "outlets.csv"),
                 "--threshold", "0.5", "--out", str(t / "s.parquet"), "--table", str(t / "syndication.csv"),
                 "--republished", str(t / "republished.csv"), "--accounting", str(t / "acc.json")]) == 0
    err = capsys.readouterr().err
    syn = pd.read_csv(t / "syndication.csv")
    n_clusters = syn["cluster"].nunique()
    with capsys.disabled():
        print(f"\nallsides_dev: {n_clusters} syndication cluster(s), {int((~syn['is_origin']).sum())} copies; "
              f"{len(pd.read_csv(t / 'boilerplate.csv'))} learned boilerplate line(s)")
    assert f"syndication: {n_clusters} cluster(s)" in err

    acc = json.loads((t / "acc.json").read_text())
    assert acc["in"] == 5267 == acc["kept"] + acc["quarantined"] + acc["dropped_duplicates"]

    # Each copy really shares at least half of its 5-word shingles with its origin
    # (recomputed here from the texts), and no origin is later than its copies.
    art = pd.read_parquet(t / "s.parquet").set_index("id")
    for row in syn[~syn["is_origin"]].itertuples():
        a, b = (word_tokens(art.loc[i, "text"]) for i in (row.id, row.origin_id))
        sa = {tuple(a[k:k + 5]) for k in range(len(a) - 4)}
        sb = {tuple(b[k:k + 5]) for k in range(len(b) - 4)}
        assert len(sa & sb) / len(sa | sb) >= 0.5
        if isinstance(row.date, str) and isinstance(art.loc[row.origin_id, "date"], str):
            assert art.loc[row.origin_id, "date"] <= row.date

    # The learned boilerplate is template text, each line in most of one outlet's articles.
    learned = pd.read_csv(t / "boilerplate.csv")
    repeated = learned[learned["kind"] == "repeated"]
    assert len(repeated) > 0 and (repeated["share"] >= 0.5).all()
