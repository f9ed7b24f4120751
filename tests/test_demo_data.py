"""The bundled demo data: it ingests cleanly with the shipped config, and its boilerplate goes."""

from __future__ import annotations

import pandas as pd
import yaml
from conftest import REPO

from framelens.cli import main
from framelens.lexicon import load_lexicon_text


def test_demo_corpus_ingests_and_aggregator_boilerplate_is_gone(tmp_path):
    config = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))
    out = tmp_path / "articles.parquet"
    rc = main(["ingest", "--corpus", str(REPO / "data" / "corpus" / "demo.jsonl"),
               "--outlets", str(REPO / "data" / "outlets.csv"),
               "--boilerplate", *config["ingest"]["boilerplate_patterns"],
               "--articles", str(out), "--rejected", str(tmp_path / "rejected.csv")])
    assert rc == 0
    rejected = pd.read_csv(tmp_path / "rejected.csv")
    # the three deliberate bad rows documented in data/README.md, and nothing else
    assert sorted(rejected["reason"]) == ["duplicate_row", "duplicate_row", "empty_text"]
    # the demo config leaves the aggregator's fixed header/footer lines to the learned-boilerplate step
    bp = config["boilerplate"]
    stripped = tmp_path / "stripped.parquet"
    rc = main(["boilerplate", "--articles", str(out), "--min-share", str(bp["min_share"]),
               "--min-articles", str(bp["min_articles"]), "--out", str(stripped),
               "--table", str(tmp_path / "boilerplate.csv"), "--rejected", str(tmp_path / "rejected_bp.csv")])
    assert rc == 0
    out = stripped
    rc = main(["tokenize", "--articles", str(out), "--punkt", str(tmp_path / "punkt.json"),
               "--tokens", str(tmp_path / "tokens.parquet")])
    assert rc == 0
    articles = pd.read_parquet(out)
    tokens = pd.read_parquet(tmp_path / "tokens.parquet")
    hub = tokens[tokens["outlet"] == "newshub"]
    assert len(hub) >= 15
    leaked = {"dmca", "autentic", "disclaimer", "tweet"}
    for toks in hub["tokens"]:
        assert not leaked & set(toks)
    removed = articles["boilerplate_lines"] + articles["learned_boilerplate_lines"]
    assert (removed[articles["outlet"] == "newshub"] >= 4).all()
    # the aggregator's cleaned body is the agency's body, word for word
    by_event = articles[articles["outlet"].isin(["minsk_agency", "prensa_caribe"])]
    bodies = set(by_event["text"])
    matched = sum(text in bodies for text in articles.loc[articles["outlet"] == "newshub", "text"])
    assert matched == len(hub)
    # no other outlet loses a line to the patterns or to the learned boilerplate
    assert (removed[articles["outlet"] != "newshub"] == 0).all()


def test_default_lexicon_is_clean():
    path = REPO / "data" / "lexicons" / "framing.yaml"
    lexicon = load_lexicon_text(path.read_text(encoding="utf-8"), path=str(path))
    assert set(lexicon.category_names) >= {"solidarity", "kinship", "sanctions", "sovereignty",
                                           "cooperation", "health_biotech", "delegitimization", "security"}
    for cat in lexicon.categories:
        assert cat.description and len(cat.entries) >= 10
        assert any(len(e.words) == 1 for e in cat.entries), cat.name
        assert any(len(e.words) > 1 for e in cat.entries), cat.name
        assert any(any(e.globs) for e in cat.entries), cat.name
