import json

import pandas as pd
import pytest

from framelens.cli import main
from conftest import write_jsonl


def test_ingest_cli_prints_counts_and_writes_outputs(tmp_path, outlets_csv, capsys):
    corpus = write_jsonl(tmp_path / "c.jsonl", [
        {"id": "1", "outlet": "state", "text": "Solidarity."},
        {"id": "2", "outlet": "wire", "text": ""},
    ])
    rc = main(["ingest", "--corpus", str(corpus), "--outlets", str(outlets_csv),
               "--articles", str(tmp_path / "a.parquet"), "--rejected", str(tmp_path / "r.csv"),
               "--summary", str(tmp_path / "s.json")])
    assert rc == 0
    assert "2 in / 1 kept / 1 rejected" in capsys.readouterr().err
    assert json.loads((tmp_path / "s.json").read_text())["rejected_empty_text"] == 1
    assert pd.read_parquet(tmp_path / "a.parquet")["id"].tolist() == ["1"]


def test_cli_reports_framelens_errors_with_exit_2(tmp_path, outlets_csv, capsys):
    corpus = write_jsonl(tmp_path / "c.jsonl", [{"id": "1", "outlet": "nowhere", "text": "x"}])
    rc = main(["ingest", "--corpus", str(corpus), "--outlets", str(outlets_csv),
               "--articles", str(tmp_path / "a.parquet"), "--rejected", str(tmp_path / "r.csv")])
    assert rc == 2
    assert "not in the outlets sheet: 'nowhere'" in capsys.readouterr().err
    assert not (tmp_path / "a.parquet").exists()


def test_lexicon_check_exit_codes(tmp_path, capsys):
    good = tmp_path / "good.yaml"
    good.write_text("categories:\n  a: [one, two]\n  b: [two]\n")
    assert main(["lexicon", "check", str(good)]) == 0
    out = capsys.readouterr().out
    assert "warning" in out and "2 categories, 3 entries, 0 error(s), 2 warning(s)" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("categories:\n  a: [one, 'o*ne']\n")
    assert main(["lexicon", "check", str(bad)]) == 1
    assert f"{bad}:2: error" in capsys.readouterr().out


def test_help_for_every_subcommand(capsys):
    for cmd in (["ingest"], ["tokenize"], ["score"], ["compare"], ["coverage"], ["plot"], ["lexicon", "check"]):
        with pytest.raises(SystemExit) as exc:
            main([*cmd, "--help"])
        assert exc.value.code == 0
    assert "usage: framelens" in capsys.readouterr().out


def test_version_is_the_installed_distributions(capsys):
    # pyproject.toml reads the version from framelens.__version__ (no importlib.metadata at start-up):
    # what pip installed and what the CLI prints must be the same string
    from importlib.metadata import version

    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"framelens {version('framelens')}"


def _scores_on_disk(tmp_path, outlets_csv):
    from framelens.io import write_parquet

    cats = pd.DataFrame({"id": ["a", "b", "c", "d"], "outlet": ["state", "state", "wire", "wire"],
                         "category": "sol", "count": [2, 1, 0, 1], "rate": [20.0, 10.0, 0.0, 5.0]})
    write_parquet(cats, tmp_path / "cats.parquet", metadata={"lexicon": "tiny", "lexicon_version": "0.1",
                                                             "lexicon_sha256": "ab" * 32})
    write_parquet(pd.DataFrame({"id": list("abcd"), "n_tokens": [100, 100, 100, 200]}), tmp_path / "arts.parquet")
    write_parquet(pd.DataFrame({"id": list("abcd"), "event_id": ["e1", "e2", "e1", "e2"]}),
                  tmp_path / "corpus.parquet")
    return ["compare", "--categories", str(tmp_path / "cats.parquet"), "--article-scores",
            str(tmp_path / "arts.parquet"), "--outlets", str(outlets_csv), "--corpus", str(tmp_path / "corpus.parquet"),
            "--n-resamples", "300", "--n-permutations", "300", "--seed", "5", "--reference-group", "international"]


def test_compare_is_byte_identical_across_runs(tmp_path, outlets_csv):
    base = _scores_on_disk(tmp_path, outlets_csv)
    outputs = []
    for run in ("one", "two"):
        out = {k: tmp_path / f"{k}_{run}.csv" for k in ("scores", "groups", "diffs", "length", "warn")}
        assert main([*base, "--event-column", "event_id", "--out", str(out["scores"]), "--groups-out",
                     str(out["groups"]), "--differences-out", str(out["diffs"]), "--length-out",
                     str(out["length"]), "--warnings-out", str(out["warn"])]) == 0
        outputs.append({k: p.read_bytes() for k, p in out.items()})
    assert outputs[0] == outputs[1]
    diffs = pd.read_csv(tmp_path / "diffs_one.csv")
    assert set(diffs["lexicon_sha256"]) == {"ab" * 32}
    assert set(diffs["comparison"]) == {"pairwise", "vs_reference"}


def test_compare_names_a_missing_event_column(tmp_path, outlets_csv, capsys):
    base = _scores_on_disk(tmp_path, outlets_csv)
    assert main([*base, "--event-column", "story", "--out", str(tmp_path / "x.csv")]) == 2
    err = capsys.readouterr().err
    assert "event column 'story' is not in the corpus" in err and "event_id" in err


def test_help_for_new_subcommands(capsys):
    for cmd in (["keyness"], ["trends"], ["tone"], ["summary"]):
        with pytest.raises(SystemExit) as exc:
            main([*cmd, "--help"])
        assert exc.value.code == 0
# --------------------------------------------------------------------------- lexicon toolkit (issue 3)
TOOL_LEX = """\
name: tools
version: "1.0.0"
negation: {window: 1, negators: [not]}
categories:
  sanctions:
    terms: [sanction*, never used]
    categories:
      blockade: [blockade]
  kinship: [sister country]
"""


def _tokens_fixture(tmp_path):
    from framelens import io as fio
    from framelens.tokenize import word_tokens

    texts = {
        "s1": ("state", "The blockade hurts the sister country. Sanctions again."),
        "s2": ("state", "Not sanctions but a blockade of the sister country."),
        "w1": ("wire", "Sanctions were discussed on Monday. The blockade continues."),
    }
    frame = pd.DataFrame({
        "id": list(texts), "outlet": [o for o, _ in texts.values()], "lang": ["en", "en", "en"],
        "sentences": [[s.strip() + "." for s in t.split(".") if s.strip()] for _, t in texts.values()],
        "tokens": [word_tokens(t) for _, t in texts.values()],
    })
    fio.write_parquet(frame, tmp_path / "tokens.parquet")
    lexicon = tmp_path / "tools.yaml"
    lexicon.write_text(TOOL_LEX, encoding="utf-8")
    return tmp_path / "tokens.parquet", lexicon


def test_more_subcommands_have_help(capsys):
    for cmd in (["lexicon", "convert"], ["lexicon", "suggest"], ["lexicon", "apply"], ["kwic"],
                ["contributions"], ["validate", "sample"], ["validate", "score"], ["validate", "spans"]):
        with pytest.raises(SystemExit) as exc:
            main([*cmd, "--help"])
        assert exc.value.code == 0


def test_check_with_corpus_lists_entries_that_never_occur(tmp_path, capsys):
    tokens, lexicon = _tokens_fixture(tmp_path)
    assert main(["lexicon", "check", str(lexicon), "--corpus", str(tokens)]) == 0
    out = capsys.readouterr().out
    assert f"{lexicon}:6: warning: category 'sanctions': entry 'never used' never occurs" in out
    assert "1 never occurring in the corpus" in out


def test_score_kwic_contributions_and_plot(tmp_path, capsys, outlets_csv):
    tokens, lexicon = _tokens_fixture(tmp_path)
    out = {k: tmp_path / f"{k}.parquet" for k in ("cats", "terms", "arts")}
    assert main(["score", "--tokens", str(tokens), "--lexicon", str(lexicon), "--categories", str(out["cats"]),
                 "--terms", str(out["terms"]), "--article-scores", str(out["arts"])]) == 0
    cats = pd.read_parquet(out["cats"]).set_index(["id", "category"])
    assert cats.loc[("s2", "sanctions"), ["count", "negated"]].tolist() == [1, 1]
    assert main(["kwic", "--category", "sanctions/blockade", "--lexicon", str(lexicon), "--tokens", str(tokens),
                 "--outlet", "state", "--window", "2", "--out", str(tmp_path / "k.csv")]) == 0
    printed = capsys.readouterr().out
    assert "s1\tstate\t" in printed and "[blockade]" in printed and "w1" not in printed
    kwic = pd.read_csv(tmp_path / "k.csv")
    assert len(kwic) == 2 and set(kwic["lexicon_version"].astype(str)) == {"1.0.0"}
    assert main(["kwic", "sister countr*", "--tokens", str(tokens), "--quiet"]) == 0
    assert main(["contributions", "--terms", str(out["terms"]), "--out", str(tmp_path / "c.csv")]) == 0
    contrib = pd.read_csv(tmp_path / "c.csv").set_index(["outlet", "category", "entry"])
    assert contrib.loc[("state", "sanctions", "blockade"), "share"] == pytest.approx(2 / 3)
    assert len(contrib["lexicon_sha256"].iloc[0]) == 64
    png = tmp_path / "contrib.png"
    assert main(["plot", "contributions", "--table", str(tmp_path / "c.csv"), "--outlets", str(outlets_csv),
                 "--out", str(png)]) == 0
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_score_near_targets(tmp_path):
    tokens, lexicon = _tokens_fixture(tmp_path)
    out = {k: tmp_path / f"{k}.parquet" for k in ("cats", "terms", "arts")}
    assert main(["score", "--tokens", str(tokens), "--lexicon", str(lexicon), "--categories", str(out["cats"]),
                 "--terms", str(out["terms"]), "--article-scores", str(out["arts"]),
                 "--near", "monday", "--window", "3", "--target", "monday"]) == 0
    arts = pd.read_parquet(out["arts"])
    # only w1 mentions Monday: window = "sanctions were discussed on monday the blockade continues"[1:8]
    assert arts["id"].tolist() == ["w1"] and arts["n_tokens"].tolist() == [7]
    from framelens.io import parquet_metadata
    assert parquet_metadata(out["cats"])["target_terms"] == '["monday"]'
    # batch by batch (the workflow's per-shard jobs): the same tables
    for rows in ("1", "1000"):
        batched = {k: tmp_path / f"b{rows}{k}.parquet" for k in ("cats", "terms", "arts")}
        assert main(["score", "--tokens", str(tokens), "--lexicon", str(lexicon), "--categories",
                     str(batched["cats"]), "--terms", str(batched["terms"]), "--article-scores", str(batched["arts"]),
                     "--near", "monday", "--window", "3", "--target", "monday", "--batch-rows", rows]) == 0
        for k in out:
            assert pd.read_parquet(batched[k]).equals(pd.read_parquet(out[k])), (rows, k)
        assert parquet_metadata(batched["cats"])["window"] == "3"


def test_convert_suggest_apply(tmp_path, capsys):
    tokens, lexicon = _tokens_fixture(tmp_path)
    dic = tmp_path / "tools.dic"
    assert main(["lexicon", "convert", str(lexicon), str(dic)]) == 0
    assert "no negation rules" in capsys.readouterr().err
    assert "blockade\t1\t2" in dic.read_text()
    back = tmp_path / "back.yaml"
    assert main(["lexicon", "convert", str(dic), str(back)]) == 0
    assert "sanction*" in back.read_text()
    review = tmp_path / "review.csv"
    assert main(["lexicon", "suggest", "--tokens", str(tokens), "--lexicon", str(lexicon), "--category",
                 "kinship", "--min-count", "1", "--max-share", "1", "--out", str(review)]) == 0
    sheet = pd.read_csv(review, keep_default_na=False)
    assert "accept" in sheet and len(sheet) > 0
    sheet["accept"] = ["1"] + [""] * (len(sheet) - 1)
    sheet.to_csv(review, index=False)
    new = tmp_path / "new.yaml"
    assert main(["lexicon", "apply", str(lexicon), str(review), "--out", str(new)]) == 0
    assert "1.0.0 -> 1.1.0" in capsys.readouterr().err
    assert f"- {sheet.loc[0, 'candidate']}" in new.read_text()


def test_validate_sample_score_and_spans(tmp_path, capsys):
    tokens, lexicon = _tokens_fixture(tmp_path)
    sheet_path = tmp_path / "sheet.csv"
    assert main(["validate", "sample", "--tokens", str(tokens), "--lexicon", str(lexicon), "--per-cell", "1",
                 "--second-coder", "--out", str(sheet_path)]) == 0
    sheet = pd.read_csv(sheet_path, keep_default_na=False)
    # one counted hit per category × outlet with hits (the negated "sanctions" in s2 is never sampled)
    # cells: sanctions × {state, wire}, sanctions/blockade × {state, wire}, kinship × state
    assert len(sheet) == 5 and set(sheet["relevant"]) == {""} and "relevant_2" in sheet
    sheet["relevant"] = ["1", "1", "0", "1", "1"]
    sheet["relevant_2"] = ["1", "0", "0", "1", "1"]
    sheet.to_csv(sheet_path, index=False)
    assert main(["validate", "score", str(sheet_path), "--categories", str(tmp_path / "p.csv"),
                 "--agreement", str(tmp_path / "a.csv")]) == 0
    assert "Cohen's kappa" in capsys.readouterr().out
    assert pd.read_csv(tmp_path / "p.csv")["n_coded"].sum() == 5
    corpus = write_jsonl(tmp_path / "spans.jsonl", [
        {"id": "1", "outlet": "x", "text": "A radical blockade.", "spans": [{"start": 2, "end": 9, "label": "lex"}]},
    ])
    assert main(["validate", "spans", "--corpus", str(corpus), "--lexicon", str(lexicon), "--lang", "en",
                 "--out", str(tmp_path / "s.csv")]) == 0
    table = pd.read_csv(tmp_path / "s.csv").set_index("category")
    assert table.loc["all", ["n_predicted", "n_gold", "true_positives"]].tolist() == [1, 1, 0]


def test_tone_and_keyness_keep_only_the_configured_languages(tmp_path, outlets_csv):
    from framelens.io import read_csv, read_parquet, write_parquet

    tokens = pd.DataFrame({"id": ["e1", "e2", "r1"], "outlet": ["state", "wire", "state"], "lang": ["en", "en", "ru"],
                           "sentences": [["A great day."], ["A terrible day."], ["Хороший день."]],
                           "tokens": [["great", "day"] * 3, ["terrible", "day"] * 3, ["хороший", "день"] * 3]})
    write_parquet(tokens, tmp_path / "tokens.parquet")
    assert main(["tone", "--tokens", str(tmp_path / "tokens.parquet"), "--outlets", str(outlets_csv),
                 "--n-resamples", "100", "--articles-out", str(tmp_path / "tone.parquet"),
                 "--out", str(tmp_path / "tone.csv")]) == 0
    assert sorted(read_parquet(tmp_path / "tone.parquet")["id"]) == ["e1", "e2"]  # default: English only
    assert main(["keyness", "words", "--tokens", str(tmp_path / "tokens.parquet"), "--outlets", str(outlets_csv),
                 "--languages", "en", "--min-count", "1", "--out", str(tmp_path / "k.csv"),
                 "--top-out", str(tmp_path / "top.csv")]) == 0
    assert "день" not in set(read_csv(tmp_path / "k.csv")["term"])


def test_check_with_corpus_reports_categories_without_entries_for_a_corpus_language(tmp_path, capsys):
    from framelens import io as fio
    from framelens.tokenize import word_tokens

    texts = {"e1": ("en", "Solidarity and sanctions."), "s1": ("es", "Solidaridad y sanciones.")}
    fio.write_parquet(pd.DataFrame({
        "id": list(texts), "outlet": ["state", "wire"], "lang": [lang for lang, _ in texts.values()],
        "sentences": [[t] for _, t in texts.values()], "tokens": [word_tokens(t) for _, t in texts.values()],
    }), tmp_path / "tokens.parquet")
    lexicon = tmp_path / "ml.yaml"
    lexicon.write_text("categories:\n  sol:\n    terms: {en: [solidarity], es: [solidaridad]}\n"
                       "  sanc:\n    terms: {en: [sanctions]}\n", encoding="utf-8")
    assert main(["lexicon", "check", str(lexicon), "--corpus", str(tmp_path / "tokens.parquet")]) == 0
    out = capsys.readouterr().out
    assert f"{lexicon}:4: warning: category 'sanc' has no entry for language 'es'" in out
    assert "'sol' has no entry" not in out


def test_shard_punkt_tokenize_score_gather_cli(tmp_path, outlets_csv, capsys):
    corpus = write_jsonl(tmp_path / "c.jsonl", [
        {"id": f"s{i}", "outlet": "state" if i % 2 else "wire", "title": "Dr. Ana spoke",
         "text": f"Sanctions hurt {i}. We stand in solidarity."} for i in range(7)])
    arts = tmp_path / "a.parquet"
    assert main(["ingest", "--corpus", str(corpus), "--outlets", str(outlets_csv), "--articles", str(arts),
                 "--rejected", str(tmp_path / "r.csv")]) == 0
    shards = [str(tmp_path / f"{i}.parquet") for i in range(3)]
    assert main(["shard", "--articles", str(arts), "--batch-rows", "2", "--out", *shards]) == 0
    assert "7 articles into 3 shards" in capsys.readouterr().err
    assert sum(len(pd.read_parquet(s)) for s in shards) == 7
    punkt = tmp_path / "punkt.json"
    assert main(["punkt", "--articles", str(arts), "--max-articles", "3", "--out", str(punkt)]) == 0
    assert "trained on 3 articles" in capsys.readouterr().err
    assert list(json.loads(punkt.read_text())) == ["und"]  # one model per language; no lang here
    tok = [str(tmp_path / f"t{i}.parquet") for i in range(3)]
    for s, t in zip(shards, tok):
        assert main(["tokenize", "--articles", s, "--punkt-params", str(punkt), "--batch-rows", "2",
                     "--tokens", t]) == 0
    lex = tmp_path / "lex.yaml"
    lex.write_text("categories:\n  sanc: [sanction*]\n  sol: [solidarity]\n")
    cats = []
    for i, s in enumerate(shards):
        cats.append(str(tmp_path / f"c{i}.parquet"))
        assert main(["score", "--tokens", tok[i], "--lexicon", str(lex), "--batch-rows", "2", "--categories", cats[-1],
                     "--terms", str(tmp_path / f"te{i}.parquet"),
                     "--article-scores", str(tmp_path / f"ar{i}.parquet")]) == 0
    assert main(["gather", "--inputs", *tok, "--out", str(tmp_path / "tokens.parquet")]) == 0
    assert main(["gather", "--inputs", *cats, "--out", str(tmp_path / "cats.parquet")]) == 0
    tokens = pd.read_parquet(tmp_path / "tokens.parquet")
    assert tokens["id"].tolist() == ["s1", "s3", "s5", "s0", "s2", "s4", "s6"]  # outlet, then id
    assert tokens["sentences"].iloc[0].tolist()[0] == "Dr. Ana spoke"
    cats = pd.read_parquet(tmp_path / "cats.parquet")
    assert cats["count"].tolist() == [1, 1] * 7 and cats["category"].tolist()[:2] == ["sanc", "sol"]
    assert cats["id"].tolist()[::2] == tokens["id"].tolist()
    assert "fast matcher" in capsys.readouterr().err
    # scoring the article shards (tokenized and matched in one pass) writes the same tables
    for i, s in enumerate(shards):
        assert main(["score", "--articles", s, "--lexicon", str(lex), "--batch-rows", "2",
                     "--categories", str(tmp_path / f"ac{i}.parquet"), "--terms", str(tmp_path / f"ate{i}.parquet"),
                     "--article-scores", str(tmp_path / f"aar{i}.parquet")]) == 0
        for a, b in (("c", "ac"), ("te", "ate"), ("ar", "aar")):
            assert pd.read_parquet(tmp_path / f"{b}{i}.parquet").equals(pd.read_parquet(tmp_path / f"{a}{i}.parquet"))
    assert "in one pass" in capsys.readouterr().err
    # scoring each shard's token index writes the same files, byte for byte
    for i, s in enumerate(shards):
        index, vocab = tmp_path / f"i{i}.parquet", tmp_path / f"v{i}.parquet"
        assert main(["index", "--articles", s, "--batch-rows", "2", "--out", str(index), "--vocab", str(vocab)]) == 0
        assert main(["score", "--index", str(index), "--vocab", str(vocab), "--lexicon", str(lex),
                     "--categories", str(tmp_path / f"ic{i}.parquet"), "--terms", str(tmp_path / f"ite{i}.parquet"),
                     "--article-scores", str(tmp_path / f"iar{i}.parquet")]) == 0
        for a, b in (("ac", "ic"), ("ate", "ite"), ("aar", "iar")):
            assert (tmp_path / f"{b}{i}.parquet").read_bytes() == (tmp_path / f"{a}{i}.parquet").read_bytes()
    assert "from the token index" in capsys.readouterr().err
    assert main(["score", "--index", str(tmp_path / "i0.parquet"), "--lexicon", str(lex), "--categories", "x",
                 "--terms", "y", "--article-scores", "z"]) != 0
    assert "score --index needs --vocab" in capsys.readouterr().err
    assert main(["score", "--index", shards[0], "--vocab", shards[1], "--lexicon", str(lex), "--categories", "x",
                 "--terms", "y", "--article-scores", "z"]) != 0
    assert "is not a token index" in capsys.readouterr().err
    # the token ids of one shard against another shard's vocabularies: a clear error, no output
    assert main(["score", "--index", str(tmp_path / "i0.parquet"), "--vocab", str(tmp_path / "v1.parquet"),
                 "--lexicon", str(lex), "--categories", str(tmp_path / "x.parquet"), "--terms", "y",
                 "--article-scores", "z"]) != 0
    err = capsys.readouterr().err
    assert "i0.parquet" in err and ("outside the batch's vocabulary" in err or "were not written together" in err)
    assert not (tmp_path / "x.parquet").exists()
    # vocabularies that do not hold the ids (as many batches, each with the barrier only)
    import pyarrow as pa
    import pyarrow.parquet as pq

    from framelens import io as fio
    from framelens.tokenindex import BARRIER
    index0 = pq.ParquetFile(tmp_path / "i0.parquet")
    with fio.token_index_writer(tmp_path / "j0.parquet", tmp_path / "w0.parquet",
                                metadata=fio.parquet_metadata(tmp_path / "i0.parquet")) as write:
        for k in range(index0.num_row_groups):
            write(index0.read_row_group(k), pa.array([BARRIER]))
    assert main(["score", "--index", str(tmp_path / "j0.parquet"), "--vocab", str(tmp_path / "w0.parquet"),
                 "--lexicon", str(lex), "--categories", str(tmp_path / "x.parquet"), "--terms", "y",
                 "--article-scores", "z"]) != 0
    assert "token ids outside the batch's vocabulary of 1 types" in capsys.readouterr().err
    assert not (tmp_path / "x.parquet").exists()
    assert main(["score", "--articles", shards[0], "--lexicon", str(lex), "--categories", "x", "--terms", "y",
                 "--article-scores", "z"]) != 0
    assert "score --articles needs --batch-rows" in capsys.readouterr().err


def test_differences_step_writes_what_compare_writes(tmp_path, outlets_csv):
    base = _scores_on_disk(tmp_path, outlets_csv)
    both = tmp_path / "both.csv"
    assert main([*base, "--event-column", "event_id", "--out", str(tmp_path / "s.csv"),
                 "--differences-out", str(both)]) == 0
    alone = tmp_path / "alone.csv"
    assert main(["differences", *base[1:], "--event-column", "event_id", "--out", str(alone)]) == 0
    assert alone.read_bytes() == both.read_bytes()
