"""End-to-end: the corpus refinement rules (boilerplate, language, syndication) in the real workflow."""

from __future__ import annotations

import json
import textwrap

import pandas as pd
import pytest
from conftest import write_jsonl
from test_workflow import LEXICON, _planned_rules, _snakemake

pytestmark = pytest.mark.slow

BODY = ("The two governments signed a pact on Friday to build a solar plant near the eastern coast. "
        "Officials described the project as proof of lasting friendship and promised power for forty "
        "thousand homes by next winter.")


def test_corpus_rules_accounting_and_reruns(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "outlets.csv").write_text(
        "outlet,name,group,country,language,color\n"
        "state,State Daily,state-aligned,CU,en,#E69F00\n"
        "hub,NewsHub,aggregator,INT,en,#999999\n", encoding="utf-8")
    rows = [{"id": "s1", "outlet": "state", "date": "2024-01-01", "title": "Pact signed", "text": BODY}]
    rows += [{"id": f"h{i}", "outlet": "hub", "date": f"2024-01-0{i + 1}", "title": f"Story {i}",
              "text": f"Menu · Login\n{BODY if i == 1 else f'Unrelated local item number {i} about a fair.'}"}
             for i in range(1, 6)]
    rows.append({"id": "x1", "outlet": "state", "text": "Das Ministerium erklärte am Dienstag, dass das neue "
                 "Handelsabkommen im nächsten Monat nach langen Verhandlungen in Kraft treten werde."})
    write_jsonl(tmp_path / "data" / "c.jsonl", rows)
    (tmp_path / "data" / "tiny.yaml").write_text(LEXICON, encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text(textwrap.dedent("""\
        corpus: {paths: [data/c.jsonl]}
        outlets: data/outlets.csv
        lexicons: {tiny: data/tiny.yaml}
        syndication: {policy: weight}
    """), encoding="utf-8")
    run = _snakemake(tmp_path, config, "results/qc/accounting.json", "results/tokens/tokens.parquet")
    assert run.returncode == 0, run.stderr[-3000:]
    res = tmp_path / "results"
    learned = pd.read_csv(res / "qc" / "boilerplate.csv")
    assert learned[["outlet", "line", "n_articles"]].values.tolist() == [["hub", "Menu · Login", 5]]
    syn = pd.read_csv(res / "qc" / "syndication.csv")
    assert syn[["id", "is_origin"]].values.tolist() == [["s1", True], ["h1", False]]
    acc = json.loads((res / "qc" / "accounting.json").read_text())
    assert (acc["in"], acc["kept"], acc["quarantined_unanalysed_language"]) == (7, 6, 1)
    assert "7 in = 6 kept + 1 quarantined + 0 dropped duplicates" in (res / "logs" / "syndication.log").read_text()
    tokens = pd.read_parquet(res / "tokens" / "tokens.parquet").set_index("id")
    assert tokens.loc["h1", "weight"] == 0.5 and "menu" not in set(tokens.loc["h2", "tokens"])

    # A syndication setting reruns syndication and what follows, never the earlier corpus steps.
    config.write_text(config.read_text().replace("policy: weight", "policy: origin_only"), encoding="utf-8")
    dry = _snakemake(tmp_path, config, "--dry-run", "results/tokens/tokens.parquet")
    # (tokenize runs per shard after shard and Punkt; gather_tokens joins the shards)
    assert _planned_rules(dry.stdout + dry.stderr) == {"syndication", "shard", "punkt", "tokenize", "gather_tokens"}
