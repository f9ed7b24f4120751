# Validation of the config and the outlets sheet, closed wildcard sets, and
# the helpers that compute rule inputs. Nothing here runs a step.
import pandas as pd
from snakemake.utils import validate


validate(config, schema="../schemas/config.schema.yaml")

outlets_sheet = pd.read_csv(config["outlets"], dtype=str, keep_default_na=False).set_index(
    "outlet", drop=False
).sort_index()
validate(outlets_sheet, schema="../schemas/outlets.schema.yaml")

LEXICONS = sorted(config["lexicons"])
SHARDS = [f"{i:03d}" for i in range(config["shards"]["count"])]
SCORE_TABLES = ["categories", "terms", "articles"]


wildcard_constraints:
    lexicon="|".join(LEXICONS),
    shard="|".join(SHARDS),
    table="|".join(SCORE_TABLES),


def get_corpus_files():
    return config["corpus"]["paths"]


def get_lexicon_file(wildcards):
    return config["lexicons"][wildcards.lexicon]


def get_token_shard_files():
    return expand("results/tokens/shards/{shard}.parquet", shard=SHARDS)


def get_score_shard_files(wildcards):
    return expand(
        "results/scores/{lexicon}/shards/{shard}/{table}.parquet",
        lexicon=wildcards.lexicon,
        shard=SHARDS,
        table=wildcards.table,
    )


def get_sharded_outputs():
    terms = expand("results/scores/{lexicon}/terms.parquet", lexicon=LEXICONS)
    if config["shards"]["gather_tokens"]:
        return terms + ["results/tokens/tokens.parquet"]
    return terms + get_token_shard_files()


def get_final_outputs():
    return expand(
        [
            "results/tables/{lexicon}/outlet_scores.csv",
            "results/figures/{lexicon}/profile.png",
            "results/figures/{lexicon}/heatmap.png",
        ],
        lexicon=LEXICONS,
    ) + ["results/qc/rejected.csv"] + get_sharded_outputs()
