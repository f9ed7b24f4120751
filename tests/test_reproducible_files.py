"""Files written in two separate processes from the same inputs are byte-identical.

The workflow-level check is tests/test_determinism.py (slow); this one pins the writers whose
libraries put run-specific bytes in files: skops (memory addresses as member names and ids,
timestamps) and scikit-learn's vectorizers (``id(stop_words)`` kept as a fitted attribute).
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap

import numpy as np

from framelens import io as fio

WRITER = textwrap.dedent("""\
    import sys
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas as pd
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from framelens import io as fio

    out = sys.argv[1]
    texts = ["solidarity with the sister country", "sanctions and the blockade hurt",
             "brotherly people stand together", "the embargo and new sanctions"] * 4
    labels = [0, 1, 0, 1] * 4
    model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2)),
                          CalibratedClassifierCV(LogisticRegression(), cv=2)).fit(texts, labels)
    fio.save_model({"framelens_model": "frames", "estimator": model, "labels": ["kin", "sanc"]},
                   out + "/model.skops")
    fio.write_parquet(pd.DataFrame({"text": texts, "label": labels}), out + "/t.parquet",
                      metadata={"lexicon_sha256": "abc"})
    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [1, 2])
    fio.save_figure(fig, out + "/f.svg")
    fio.save_figure(fig, out + "/f.png")
""")


def _write(folder) -> dict[str, str]:
    subprocess.run([sys.executable, "-c", WRITER, str(folder)], check=True)
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_models_tables_and_figures_are_byte_identical_across_processes(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = _write(tmp_path / "a"), _write(tmp_path / "b")
    assert sorted(first) == ["f.png", "f.svg", "model.skops", "t.parquet"]
    assert first == second
    # ... and the canonicalised model still loads (trusted types only) and predicts
    model = fio.load_model(tmp_path / "a" / "model.skops", kind="frames")
    proba = model["estimator"].predict_proba(["solidarity with the sister country", "new sanctions"])
    assert proba.shape == (2, 2) and np.allclose(proba.sum(axis=1), 1.0)
    assert proba[0, 0] > 0.5 > proba[1, 0]
