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
# Target windows (issue 3): each lexicon is also scored near each target, as the score set
# "<lexicon>-near-<target>", which then flows through compare and plots like a lexicon.
TARGETS = sorted(config["target_windows"]["targets"]) if config["target_windows"]["enabled"] else []
SCORE_SETS = LEXICONS + [f"{lex}-near-{target}" for lex in LEXICONS for target in TARGETS]


wildcard_constraints:
    lexicon="|".join(SCORE_SETS),


def get_corpus_files():
    return config["corpus"]["paths"]


def get_lexicon_file(wildcards):
    return config["lexicons"][wildcards.lexicon]


def get_final_outputs():
    return expand(
        [
            "results/tables/{lexicon}/outlet_scores.csv",
            "results/figures/{lexicon}/profile.png",
            "results/figures/{lexicon}/heatmap.png",
        ],
        lexicon=LEXICONS,
    ) + ["results/qc/rejected.csv"] + get_lexicon_toolkit_outputs()


def is_enabled(block):
    return bool(config[block]["enabled"])


def get_second_coder_flag():
    return "--second-coder" if config["validation"]["second_coder"] else ""


def get_target_terms(wildcards):
    return config["target_windows"]["targets"][wildcards.target]


def get_validation_sheet(wildcards):
    return config["validation"]["sheets"][wildcards.lexicon]


def get_lexicon_toolkit_outputs():
    """KWIC samples, term contributions, target-window score sets and validation outputs (issue 3)."""
    outputs = []
    if is_enabled("kwic"):
        outputs += expand("results/kwic/{lexicon}/kwic_sample.csv", lexicon=LEXICONS)
    if is_enabled("contributions"):
        outputs += expand(
            [
                "results/tables/{lexicon}/term_contributions.csv",
                "results/figures/{lexicon}/term_contributions.png",
            ],
            lexicon=LEXICONS,
        )
    outputs += expand(
        [
            "results/tables/{scoreset}/outlet_scores.csv",
            "results/figures/{scoreset}/profile.png",
            "results/figures/{scoreset}/heatmap.png",
        ],
        scoreset=[s for s in SCORE_SETS if s not in LEXICONS],
    )
    if is_enabled("validation"):
        outputs += expand("results/validation/{lexicon}/coding_sheet.csv", lexicon=LEXICONS)
        outputs += expand(
            "results/tables/{lexicon}/outlet_scores_precision.csv",
            lexicon=[lex for lex in LEXICONS if lex in config["validation"]["sheets"]],
        )
    return outputs
