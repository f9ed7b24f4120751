"""`framelens classify train` + `apply` through the CLI on a tiny labelled set."""

from __future__ import annotations

import pandas as pd

from framelens import io as fio
from framelens.cli import main


def test_train_then_apply_only_to_annotation_languages(tmp_path, outlets_csv):
    rows = []
    for i in range(12):
        rows.append({"id": f"s{i}", "text": f"We stand in solidarity with our friends, number {i}.",
                     "labels": "solidarity"})
        rows.append({"id": f"n{i}", "text": f"The weather report for day {i} says rain.", "labels": "none"})
    ann = tmp_path / "frames.csv"
    pd.DataFrame(rows).to_csv(ann, index=False)
    model = tmp_path / "m.skops"
    assert main(["classify", "train", "--annotations", str(ann), "--folds", "3", "--n-resamples", "100",
                 "--model", str(model), "--metrics", str(tmp_path / "metrics.csv"),
                 "--predictions", str(tmp_path / "pred.csv"),
                 "--calibration-table", str(tmp_path / "calib.csv")]) == 0
    tokens = pd.DataFrame({
        "id": ["a", "b", "c"], "outlet": ["state", "wire", "state"], "lang": ["en", "en", "es"],
        "sentences": [["We stand in solidarity with our friends."], ["Rain is expected today."],
                      ["Estamos en solidaridad con nuestros amigos."]],
    })
    fio.write_parquet(tokens, tmp_path / "tokens.parquet")
    out = tmp_path / "shares.parquet"
    assert main(["classify", "apply", "--model", str(model), "--tokens", str(tmp_path / "tokens.parquet"),
                 "--outlets", str(outlets_csv), "--languages", "en", "--n-resamples", "100",
                 "--articles", str(out), "--table", str(tmp_path / "table.csv")]) == 0
    shares = pd.read_parquet(out)
    assert sorted(shares["id"].unique()) == ["a", "b"]  # the Spanish article is not classified
    sol = shares[shares["category"] == "solidarity"].set_index("id")
    # one sentence each: the solidarity sentence is tagged, the weather one is not
    assert sol.loc["a", "share"] == 1.0 and sol.loc["b", "share"] == 0.0
    assert sol.loc["a", "mean_probability"] > 0.5 > sol.loc["b", "mean_probability"]
