"""Integration: the label-column classifier on a real labelled corpus (../shared AllSides sample).

Runs the real workflow (ingest → classify_labels) with ``bias`` as the label and the
outlet as the CV group, and prints both macro-F1 numbers. Skipped when ../shared is absent.
The corpus's outlet names contain spaces and brackets, which the outlets sheet does not allow
as ids, so the test writes a copy of the corpus with slug ids (and an outlets sheet built from
the corpus) into its temporary folder; nothing from ../shared is kept.
"""

from __future__ import annotations

import json
import re
import textwrap

import pandas as pd
import pytest
from conftest import shared_corpus
from test_workflow import _snakemake

pytestmark = [pytest.mark.slow, pytest.mark.integration]

MAX_ARTICLES = 1500  # random subsample (seeded): keeps the run to about a minute on 2 cores


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def test_bias_classifier_grouped_by_outlet_vs_random_split(tmp_path):
    source = shared_corpus("allsides", "allsides_dev.jsonl")
    (tmp_path / "data").mkdir()
    outlets: dict[str, tuple[str, str]] = {}
    with source.open(encoding="utf-8") as fin, (tmp_path / "data" / "corpus.jsonl").open("w", encoding="utf-8") as fout:
        for line in fin:
            row = json.loads(line)
            slug = _slug(row["outlet"])
            outlets.setdefault(slug, (row["outlet"], row["bias"]))
            row["outlet"] = slug
            fout.write(json.dumps(row, ensure_ascii=False) + "\n")
    sheet = pd.DataFrame([(s, n.replace(",", " "), b, "US", "en", "#000000") for s, (n, b) in sorted(outlets.items())],
                         columns=["outlet", "name", "group", "country", "language", "color"])
    sheet.to_csv(tmp_path / "data" / "outlets.csv", index=False)
    (tmp_path / "data" / "tiny.yaml").write_text(
        'name: tiny\nversion: "1"\ncategories:\n  x: {description: x, terms: [election]}\n', encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text(textwrap.dedent(f"""\
        corpus: {{paths: [data/corpus.jsonl]}}
        outlets: data/outlets.csv
        lexicons: {{tiny: data/tiny.yaml}}
        classifier:
          enabled: true
          lexicon: tiny
          features: {{min_df: 2}}
          n_resamples: 300
          labels: {{enabled: true, label_column: bias, group_column: outlet, max_articles: {MAX_ARTICLES}}}
    """), encoding="utf-8")
    run = _snakemake(tmp_path, config, "results/classify/labels_scores.csv",
                     "results/figures/classify/labels_confusion.png")
    assert run.returncode == 0, run.stderr[-3000:]
    scores = pd.read_csv(tmp_path / "results" / "classify" / "labels_scores.csv").set_index("split")
    assert scores.at["grouped", "cv_groups"] == "column:outlet"
    assert scores.at["grouped", "n_articles"] == MAX_ARTICLES
    grouped, random_ = scores.at["grouped", "macro_f1"], scores.at["random", "macro_f1"]
    print(f"\nAllSides bias, {MAX_ARTICLES} articles: macro-F1 grouped by outlet {grouped:.3f} "
          f"[{scores.at['grouped', 'macro_f1_low']:.3f}, {scores.at['grouped', 'macro_f1_high']:.3f}], "
          f"random split {random_:.3f} [{scores.at['random', 'macro_f1_low']:.3f}, "
          f"{scores.at['random', 'macro_f1_high']:.3f}], majority {scores.at['majority', 'macro_f1']:.3f}")
    # A random split lets the model recognise each outlet's style; outlet-grouped CV cannot.
    assert random_ > grouped
    assert scores.at["majority", "macro_f1"] < random_
    confusion = pd.read_csv(tmp_path / "results" / "classify" / "labels_confusion.csv")
    assert set(confusion["truth"]) == {"left", "center", "right"}
    assert confusion["n"].sum() == MAX_ARTICLES
