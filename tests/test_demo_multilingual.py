"""The Spanish and Russian demo data: deterministic generator, clean ingest, a lexicon entry per language."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import yaml
from conftest import REPO

from framelens.cli import main
from framelens.tokenize import word_tokens

CORPUS = REPO / "data" / "corpus" / "demo_multilingual.jsonl"


def test_generator_rewrites_the_shipped_file_byte_for_byte(tmp_path):
    out = tmp_path / "ml.jsonl"
    subprocess.run([sys.executable, str(REPO / "data" / "corpus" / "make_demo_multilingual.py"), "-o", str(out)],
                   check=True, capture_output=True)
    assert out.read_bytes() == CORPUS.read_bytes()


def test_multilingual_demo_ingests_cleanly_with_enough_articles_per_language(tmp_path):
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    assert all(r["synthetic"] is True and r["url"].split("/")[2].endswith(".example") for r in rows)
    outlets = pd.read_csv(REPO / "data" / "outlets.csv").set_index("outlet")
    assert all(outlets.at[r["outlet"], "language"] == r["lang"] for r in rows)
    english_events = {json.loads(x)["event_id"] for x in (REPO / "data" / "corpus" / "demo.jsonl").open()}
    assert {r["event_id"] for r in rows} <= english_events
    out = tmp_path / "a.parquet"
    assert main(["ingest", "--corpus", str(CORPUS), "--outlets", str(REPO / "data" / "outlets.csv"),
                 "--articles", str(out), "--rejected", str(tmp_path / "r.csv")]) == 0
    articles = pd.read_parquet(out)
    assert len(articles) == len(rows) and pd.read_csv(tmp_path / "r.csv").empty
    counts = articles["lang"].value_counts()
    assert counts["es"] >= 30 and counts["ru"] >= 20
    dates = pd.to_datetime(articles["date"])
    assert (dates.max() - dates.min()).days >= 540


def test_default_lexicon_has_en_es_ru_entries_for_every_category():
    ml = yaml.safe_load((REPO / "data" / "lexicons" / "framing.yaml").read_text(encoding="utf-8"))
    assert list(ml["categories"]) == ["solidarity", "kinship", "sanctions", "sovereignty", "cooperation",
                                      "health_biotech", "delegitimization", "security"]
    for name, cat in ml["categories"].items():
        assert len(cat["terms"]["en"]) >= 10, name
        for lang in ("es", "ru"):
            terms = cat["terms"][lang]
            assert len(terms) >= 8 and len(set(terms)) == len(terms), (name, lang)
            # written without ё so they match with tokenize.fold_yo on or off
            assert not any("ё" in t for t in terms)
            assert all(word_tokens(t.replace("*", "")) for t in terms)
    sol = ml["categories"]["kinship"]["terms"]
    assert "países hermanos" in sol["es"] and "братск*" in sol["ru"]
