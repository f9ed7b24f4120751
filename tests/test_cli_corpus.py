"""The corpus steps chained through the CLI: ingest -> boilerplate -> language -> syndication -> tokenize.

The aggregator texts mirror the layout of the republished story this project started from
(boilerplate header, "See this content by source", an unrelated headline pasted into the body,
a translation disclaimer, the state agency's body); the stories are written for the tests.
"""

import json

import pandas as pd
import pytest
from conftest import write_jsonl

from framelens.cli import main

STATE = {
    "s1": ("Ministers sign energy pact", "2024-03-01",
           "The two governments signed a pact on Friday to build a solar plant near the eastern coast.\n\n"
           "Officials described the project as proof of lasting friendship and promised power for "
           "forty thousand homes by next winter."),
    "s2": ("Delegation praises health brigade", "2024-03-03",
           "A visiting delegation praised the medical brigade working in rural clinics since January.\n\n"
           "Doctors from both nations vaccinated children in eleven villages and trained local nurses "
           "in emergency care."),
    "s3": ("Shipment of grain arrives at port", "2024-03-04",
           "A cargo ship carrying thirty thousand tonnes of wheat docked at the western port on Monday.\n\n"
           "Port authorities said the grain would be milled within weeks and sold at subsidised prices "
           "in state bakeries."),
}
WIRE = {
    "w1": ("Harbour workers end strike after pay deal", "2024-03-02",
           "Dock workers returned to their posts on Tuesday after union members voted to accept a "
           "wage offer.\n\nThe stoppage had delayed dozens of vessels for more than a week."),
    "w2": ("Rain floods lower town", "2024-03-05",
           "Heavy rain flooded streets in the lower town overnight and the river rose above the old bridge.\n\n"
           "Volunteers carried sandbags to the school while firefighters pumped water from cellars."),
}
HEADER = "Fact-checking · Autentic · DMCA · Report"
BY_SOURCE = "See this content by source"
DISCLAIMER = "Disclaimer: Via State Agency – Translated by NewsHub"


def hub_copy(state_id: str, inserted: str) -> str:
    body = STATE[state_id][2].split("\n\n")
    return "\n".join([HEADER, BY_SOURCE, body[0], inserted, *body[1:], DISCLAIMER, HEADER])


@pytest.fixture
def corpus(tmp_path):
    rows = [{"id": k, "outlet": "state", "title": t, "date": d, "text": x} for k, (t, d, x) in STATE.items()]
    rows += [{"id": k, "outlet": "wire", "title": t, "date": d, "text": x} for k, (t, d, x) in WIRE.items()]
    rows += [
        {"id": "h1", "outlet": "hub", "title": STATE["s1"][0], "date": "2024-03-02",
         "text": hub_copy("s1", WIRE["w1"][0])},
        {"id": "h2", "outlet": "hub", "title": STATE["s2"][0], "date": "2024-03-04",
         "text": hub_copy("s2", WIRE["w2"][0])},
        {"id": "h3", "outlet": "hub", "title": STATE["s3"][0], "date": "2024-03-05",
         "text": hub_copy("s3", WIRE["w1"][0])},
        {"id": "e1", "outlet": "wire", "title": "Acuerdo comercial", "date": "2024-03-06",
         "text": "El ministerio dijo el martes que el nuevo acuerdo comercial entrará en vigor el próximo "
                 "mes, tras largas conversaciones entre las dos delegaciones."},
        {"id": "s1", "outlet": "state", "title": "dup", "text": "same id, other text"},  # duplicate_id
    ]
    path = write_jsonl(tmp_path / "c.jsonl", rows)
    outlets = tmp_path / "outlets.csv"
    outlets.write_text("outlet,name,group,country,language,color\n"
                       "state,State Daily,state-aligned,CU,en,#E69F00\n"
                       "wire,World Wire,international,INT,en,#56B4E9\n"
                       "hub,NewsHub,aggregator,INT,en,#999999\n", encoding="utf-8")
    return path, outlets


def run_chain(tmp_path, corpus, policy):
    path, outlets = corpus
    q = tmp_path / "qc"
    assert main(["ingest", "--corpus", str(path), "--outlets", str(outlets), "--articles",
                 str(tmp_path / "ingested.parquet"), "--rejected", str(q / "rejected.csv")]) == 0
    assert main(["boilerplate", "--articles", str(tmp_path / "ingested.parquet"), "--min-articles", "3",
                 "--out", str(tmp_path / "stripped.parquet"), "--table", str(q / "boilerplate.csv"),
                 "--rejected", str(q / "rejected_boilerplate.csv")]) == 0
    assert main(["language", "--articles", str(tmp_path / "stripped.parquet"), "--languages", "en",
                 "--out", str(tmp_path / "lang.parquet"), "--table", str(q / "languages.csv"),
                 "--rejected", str(q / "rejected_language.csv")]) == 0
    assert main(["syndication", "--articles", str(tmp_path / "lang.parquet"), "--outlets", str(outlets),
                 "--policy", policy, "--out", str(tmp_path / "articles.parquet"),
                 "--table", str(q / "syndication.csv"), "--republished", str(q / "republished.csv"),
                 "--accounting", str(q / "accounting.json")]) == 0
    assert main(["tokenize", "--articles", str(tmp_path / "articles.parquet"), "--punkt",
                 str(tmp_path / "punkt.json"), "--tokens", str(tmp_path / "tokens.parquet")]) == 0
    return q


def test_seed_layout_copy_is_clean_and_marked_as_copy(tmp_path, corpus, capsys):
    q = run_chain(tmp_path, corpus, "keep_all")
    err = capsys.readouterr().err
    tokens = pd.read_parquet(tmp_path / "tokens.parquet").set_index("id")
    boiler_words = {"fact", "checking", "autentic", "dmca", "report", "see", "content", "source",
                    "disclaimer", "via", "agency", "translated", "newshub",
                    "harbour", "strike", "pay", "deal", "rain", "floods"}
    for hub_id in ("h1", "h2", "h3"):
        assert not boiler_words & set(tokens.loc[hub_id, "tokens"]), hub_id
    # the copy's tokens are exactly the origin's
    assert list(tokens.loc["h1", "tokens"]) == list(tokens.loc["s1", "tokens"])

    art = pd.read_parquet(tmp_path / "articles.parquet").set_index("id")
    assert art.loc[["h1", "h2", "h3"], "origin_id"].tolist() == ["s1", "s2", "s3"]
    assert art.loc[["h1", "h2", "h3"], "is_copy"].all() and not art.loc["s1", "is_copy"]

    learned = pd.read_csv(q / "boilerplate.csv")
    hub = learned[learned["outlet"] == "hub"]
    # w1's headline is pasted into 2 of the 3 hub articles: repeated; w2's into one: found as a headline
    assert set(hub.loc[hub["kind"] == "repeated", "line"]) == {HEADER, BY_SOURCE, DISCLAIMER, WIRE["w1"][0]}
    assert hub.set_index("line").loc[[HEADER, WIRE["w1"][0]], "n_articles"].tolist() == [3, 2]
    assert set(hub.loc[hub["kind"] == "headline", "line"]) == {WIRE["w2"][0]}

    syn = pd.read_csv(q / "syndication.csv")
    assert syn["cluster"].nunique() == 3 and set(syn.loc[~syn["is_origin"], "id"]) == {"h1", "h2", "h3"}
    share = pd.read_csv(q / "republished.csv").set_index("outlet")
    assert share.loc["hub", "share_copies"] == 1.0 and share.loc["state", "originals_republished"] == 3

    lang = pd.read_csv(q / "rejected_language.csv")
    assert lang[["id", "reason"]].values.tolist() == [["e1", "unanalysed_language"]]
    acc = json.loads((q / "accounting.json").read_text())
    # 10 rows in: 8 kept, 2 quarantined (duplicate_id, Spanish), 0 dropped under keep_all
    assert (acc["in"], acc["kept"], acc["quarantined"], acc["dropped_duplicates"]) == (10, 8, 2, 0)
    assert acc["in"] == acc["kept"] + acc["quarantined"] + acc["dropped_duplicates"]
    assert "10 in = 8 kept + 2 quarantined + 0 dropped duplicates" in err


@pytest.mark.parametrize("policy, kept, dropped, hub_weight", [("origin_only", 5, 3, None), ("weight", 8, 0, 0.5)])
def test_policies_keep_the_accounting(tmp_path, corpus, policy, kept, dropped, hub_weight):
    q = run_chain(tmp_path, corpus, policy)
    acc = json.loads((q / "accounting.json").read_text())
    assert (acc["in"], acc["kept"], acc["dropped_duplicates"]) == (10, kept, dropped)
    assert acc["in"] == acc["kept"] + acc["quarantined"] + acc["dropped_duplicates"]
    tokens = pd.read_parquet(tmp_path / "tokens.parquet").set_index("id")
    assert len(tokens) == kept
    if hub_weight is None:
        assert "hub" not in set(tokens["outlet"])
    else:
        assert tokens.loc["h1", "weight"] == hub_weight and tokens.loc["w1", "weight"] == 1.0
        assert tokens.groupby(pd.read_parquet(tmp_path / "articles.parquet").set_index("id")
                              .loc[tokens.index, "cluster"])["weight"].sum().eq(1.0).all()


def test_reruns_are_byte_identical(tmp_path, corpus):
    first = run_chain(tmp_path / "one", corpus, "weight")
    second = run_chain(tmp_path / "two", corpus, "weight")
    for name in ("syndication.csv", "republished.csv", "boilerplate.csv", "languages.csv", "accounting.json"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    a = pd.read_parquet(tmp_path / "one" / "articles.parquet")
    b = pd.read_parquet(tmp_path / "two" / "articles.parquet")
    pd.testing.assert_frame_equal(a, b)


def test_disabled_steps_pass_articles_through(tmp_path, corpus):
    path, outlets = corpus
    main(["ingest", "--corpus", str(path), "--outlets", str(outlets), "--articles",
          str(tmp_path / "i.parquet"), "--rejected", str(tmp_path / "r.csv")])
    main(["boilerplate", "--no-enabled", "--articles", str(tmp_path / "i.parquet"), "--out",
          str(tmp_path / "b.parquet"), "--table", str(tmp_path / "b.csv"), "--rejected", str(tmp_path / "br.csv")])
    main(["syndication", "--no-enabled", "--articles", str(tmp_path / "b.parquet"), "--outlets", str(outlets),
          "--out", str(tmp_path / "s.parquet"), "--table", str(tmp_path / "s.csv"),
          "--republished", str(tmp_path / "p.csv")])
    before = pd.read_parquet(tmp_path / "i.parquet")
    after = pd.read_parquet(tmp_path / "s.parquet")
    assert after["text"].tolist() == before["text"].tolist()
    assert after["weight"].eq(1.0).all() and not after["is_copy"].any()
    assert pd.read_csv(tmp_path / "b.csv").empty and pd.read_csv(tmp_path / "s.csv").empty


def test_step_on_a_table_without_accounting_is_an_error(tmp_path, capsys):
    pd.DataFrame({"id": ["1"], "outlet": ["a"], "title": [""], "text": ["x"]}).to_parquet(tmp_path / "x.parquet")
    rc = main(["boilerplate", "--articles", str(tmp_path / "x.parquet"), "--out", str(tmp_path / "o.parquet"),
               "--table", str(tmp_path / "t.csv"), "--rejected", str(tmp_path / "r.csv")])
    assert rc == 2 and "no accounting metadata" in capsys.readouterr().err


@pytest.mark.parametrize("batch_rows", [1, 2, 100])
def test_language_table_and_rejections_equal_the_whole_table_reference(tmp_path, corpus, batch_rows):
    from framelens.language import assign_languages, language_table

    run_chain(tmp_path, corpus, "keep_all")
    q = tmp_path / "qc"
    assert main(["language", "--articles", str(tmp_path / "stripped.parquet"), "--languages", "en",
                 "--out", str(tmp_path / "l.parquet"), "--table", str(q / "l.csv"), "--rejected", str(q / "lr.csv"),
                 "--batch-rows", str(batch_rows)]) == 0
    whole = assign_languages(pd.read_parquet(tmp_path / "stripped.parquet"), languages=["en"])
    expected = language_table(whole).sort_values(["outlet", "lang", "lang_source", "analysed"])
    got = pd.read_csv(q / "l.csv", keep_default_na=False)
    assert got.drop(columns="version").values.tolist() == expected.values.tolist()
    assert pd.read_csv(q / "lr.csv")["id"].tolist() == whole.loc[~whole["analysed"], "id"].tolist() == ["e1"]
    assert (q / "lr.csv").read_bytes() == (q / "rejected_language.csv").read_bytes()
