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


wildcard_constraints:
    lexicon="|".join(LEXICONS),


def get_corpus_files():
    return config["corpus"]["paths"]


def get_lexicon_file(wildcards):
    return config["lexicons"][wildcards.lexicon]


def get_flag(block, key):
    """A boolean config value as the CLI flag stem: "enabled" or "no-enabled" (keys with _ become -)."""
    name = key.replace("_", "-")
    return name if config[block][key] else f"no-{name}"


def get_corpus_qc_outputs():
    """QC tables of the corpus refinement steps (learned boilerplate, languages, syndication)."""
    return [
        "results/qc/boilerplate.csv",
        "results/qc/languages.csv",
        "results/qc/syndication.csv",
        "results/tables/republished.csv",
        "results/qc/accounting.json",
    ]


def get_final_outputs():
    return expand(
        [
            "results/tables/{lexicon}/outlet_scores.csv",
            "results/figures/{lexicon}/profile.png",
            "results/figures/{lexicon}/heatmap.png",
        ],
        lexicon=LEXICONS,
    ) + ["results/qc/rejected.csv"] + get_corpus_qc_outputs()
