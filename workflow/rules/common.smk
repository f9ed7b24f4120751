# Validation of the config and the outlets sheet, closed wildcard sets, and
# the helpers that compute rule inputs. Nothing here runs a step.
import re

import pandas as pd
from snakemake.utils import validate


validate(config, schema="../schemas/config.schema.yaml")

outlets_sheet = pd.read_csv(config["outlets"], dtype=str, keep_default_na=False).set_index(
    "outlet", drop=False
).sort_index()
validate(outlets_sheet, schema="../schemas/outlets.schema.yaml")

LEXICONS = sorted(config["lexicons"])


def get_keyness_pairs():
    """Configured keyness pairs as FOCUS::OTHER arguments for `framelens keyness --pair`."""
    return [f"{focus}::{other}" for focus, other in config["keyness"]["pairs"]]


def get_keyness_comparisons():
    """File names (slugs) of every keyness comparison: configured pairs, then each group vs rest."""
    from framelens.keyness import REST, comparison_slug

    pairs = [tuple(p) for p in config["keyness"]["pairs"]]
    if config["keyness"]["one_vs_rest"]:
        pairs += [(g, REST) for g in sorted(set(outlets_sheet["group"]))]
    return [comparison_slug(f, o) for f, o in pairs]


def get_stopword_files():
    """The keyness stopword list as a one-element list, or [] when none is configured."""
    path = config["keyness"]["stopwords"]
    return [path] if path else []


def get_lexicon_score_args():
    """NAME=results/scores/NAME/categories.parquet for every lexicon (run summary)."""
    return [f"{name}=results/scores/{name}/categories.parquet" for name in LEXICONS]


wildcard_constraints:
    lexicon="|".join(LEXICONS),
    level="outlet|group",
    comparison="|".join(re.escape(c) for c in get_keyness_comparisons()) or "none",


def get_corpus_files():
    return config["corpus"]["paths"]


def get_lexicon_file(wildcards):
    return config["lexicons"][wildcards.lexicon]


def get_final_outputs():
    outputs = expand(
        [
            "results/tables/{lexicon}/outlet_scores.csv",
            "results/figures/{lexicon}/profile.png",
            "results/figures/{lexicon}/heatmap.png",
            "results/figures/{lexicon}/forest_{level}.png",
        ],
        lexicon=LEXICONS,
        level=["outlet", "group"],
    ) + ["results/qc/rejected.csv", "results/report/summary.rst"]
    if config["keyness"]["enabled"]:
        outputs += expand("results/figures/keyness/{comparison}.png", comparison=get_keyness_comparisons())
        outputs += expand("results/tables/{lexicon}/keyness_entries_top.csv", lexicon=LEXICONS)
    if config["trends"]["enabled"]:
        outputs += expand("results/figures/{lexicon}/trends.png", lexicon=LEXICONS)
    if config["tone"]["enabled"]:
        outputs += ["results/figures/tone.png"]
    return outputs
