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
# Target windows (issue 3): each lexicon is also scored near each target, as the score set
# "<lexicon>-near-<target>", which then flows through compare and plots like a lexicon.
TARGETS = sorted(config["target_windows"]["targets"]) if config["target_windows"]["enabled"] else []
SCORE_SETS = LEXICONS + [f"{lex}-near-{target}" for lex in LEXICONS for target in TARGETS]


SHARDS = [f"{i:03d}" for i in range(config["shards"]["count"])]
SCORE_TABLES = ["categories", "terms", "articles"]


def get_keyness_pairs():
    """Configured keyness pairs as FOCUS::OTHER arguments for `framelens keyness --pair`."""
    return [f"{focus}::{other}" for focus, other in config["keyness"]["pairs"]]


def get_keyness_comparisons():
    """File names (slugs) of every keyness comparison: configured pairs, then each group vs rest."""
    from framelens.keyness import comparison_slugs, one_vs_rest_pairs

    pairs = [tuple(p) for p in config["keyness"]["pairs"]]
    if config["keyness"]["one_vs_rest"]:
        pairs += one_vs_rest_pairs(outlets_sheet["group"])
    return comparison_slugs(pairs)


def get_stopword_files():
    """The keyness stopword list as a one-element list, or [] when none is configured."""
    path = config["keyness"]["stopwords"]
    return [path] if path else []


def get_syndication_keys():
    """The per-part MinHash band keys the syndication step merges (none when it is off)."""
    if not config["syndication"]["enabled"]:
        return []
    return expand("results/corpus/band_keys/{part}.parquet", part=SHARDS)


def get_lexicon_score_args():
    """NAME=results/scores/NAME/categories.parquet for every lexicon (run summary)."""
    return [f"{name}=results/scores/{name}/categories.parquet" for name in LEXICONS]


wildcard_constraints:
    lexicon="|".join(SCORE_SETS),
    shard="|".join(SHARDS),
    part="|".join(SHARDS),
    table="|".join(SCORE_TABLES),


    level="outlet|group",
    comparison="|".join(re.escape(c) for c in get_keyness_comparisons()) or "none",


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


def get_token_shard_files():
    return expand("results/tokens/shards/{shard}.parquet", shard=SHARDS)


def get_frame_shard_files():
    return expand("results/classify/shards/{shard}/frame_articles.parquet", shard=SHARDS)


def get_score_shard_files(wildcards):
    return expand(
        "results/scores/{lexicon}/shards/{shard}/{table}.parquet",
        lexicon=wildcards.lexicon,
        shard=SHARDS,
        table=wildcards.table,
    )


def get_sharded_outputs():
    """Gathered term tables (also of target windows), and the gathered tokens when asked for.

    The token shards themselves are built only when a step that reads tokens is enabled
    (KWIC, validation, target windows, keyness, tone, the classifiers): scoring reads the
    article shards, so a lexicon-scoring run on a large corpus skips the tokenize step.
    """
    terms = expand("results/scores/{lexicon}/terms.parquet", lexicon=SCORE_SETS)
    if config["shards"]["gather_tokens"]:
        return terms + ["results/tokens/tokens.parquet"]
    return terms


def get_final_outputs():
    outputs = expand(
        [
            "results/tables/{lexicon}/outlet_scores.csv",
            "results/tables/{lexicon}/language_coverage.csv",
            "results/figures/{lexicon}/profile.png",
            "results/figures/{lexicon}/heatmap.png",
            "results/figures/{lexicon}/forest_{level}.png",
        ],
        lexicon=LEXICONS,
        level=["outlet", "group"],
    ) + ["results/qc/rejected.csv", "results/report/summary.rst"]
    outputs += get_corpus_qc_outputs() + get_classifier_outputs() + get_lexicon_toolkit_outputs()
    outputs += get_sharded_outputs()
    if config["keyness"]["enabled"]:
        outputs += expand("results/figures/keyness/{comparison}.png", comparison=get_keyness_comparisons())
        outputs += expand("results/tables/{lexicon}/keyness_entries_top.csv", lexicon=LEXICONS)
    if config["trends"]["enabled"]:
        outputs += expand("results/figures/{lexicon}/trends.png", lexicon=LEXICONS)
    if config["tone"]["enabled"]:
        outputs += ["results/figures/tone.png"]
    return outputs


# --- classifier (issue 4) ---------------------------------------------------
# Figures of the classify stage: name -> (plot kind, table, second table, title).
CLASSIFY_FIGURES = {
    "frame_f1": ("f1", "results/classify/frame_metrics.csv", None, ""),
    "frame_calibration": ("calibration", "results/classify/frame_calibration.csv", None, ""),
    "frame_shares": ("shares", "results/classify/frame_shares.csv", None, ""),
    "distinct_confusion": (
        "confusion",
        "results/classify/distinct_confusion.csv",
        None,
        "Which outlet wrote it? Confusion matrix, grouped cross-validation",
    ),
    "labels_confusion": (
        "confusion",
        "results/classify/labels_confusion.csv",
        None,
        "Label-column classifier: confusion matrix, grouped cross-validation",
    ),
    "agreement": (
        "agreement",
        "results/classify/agreement_articles.csv",
        "results/classify/agreement.csv",
        "",
    ),
}


wildcard_constraints:
    figure="|".join(CLASSIFY_FIGURES),


def is_enabled(block):
    return bool(config.get(block, {}).get("enabled", False))


def get_classifier_lexicon_file():
    name = config["classifier"]["lexicon"]
    if name in config["lexicons"]:
        return config["lexicons"][name]
    if is_enabled("classifier"):
        raise ValueError(
            f"classifier.lexicon is {name!r}, which is not a key of lexicons {sorted(config['lexicons'])}"
        )
    return []


def get_classifier_lexicon_scores():
    return f"results/scores/{config['classifier']['lexicon']}/categories.parquet"


def get_classifier_model_args():
    clf = config["classifier"]
    features = clf["features"]
    char = features["char_ngrams"] or [0, 0]
    weight = clf["class_weight"] or "none"
    return (
        f"--word-ngrams {features['word_ngrams'][0]} {features['word_ngrams'][1]} "
        f"--char-ngrams {char[0]} {char[1]} --min-df {features['min_df']} "
        f"--max-features {features['max_features']} --C {clf['C']} --class-weight {weight} "
        f"--folds {clf['folds']} --seed {clf['seed']} --n-resamples {clf['n_resamples']} "
        f"--level {config['compare']['level']}"
    )


def get_classify_plot_table(wildcards):
    return CLASSIFY_FIGURES[wildcards.figure][1]


def get_classify_plot_stats(wildcards):
    kind, table, stats, title = CLASSIFY_FIGURES[wildcards.figure]
    return stats or table


def get_classify_plot_kind(wildcards):
    return CLASSIFY_FIGURES[wildcards.figure][0]


def get_classify_plot_title(wildcards):
    return CLASSIFY_FIGURES[wildcards.figure][3]


def get_classifier_outputs():
    if not is_enabled("classifier"):
        return []
    figures = ["frame_f1", "frame_calibration", "frame_shares", "distinct_confusion", "agreement"]
    outputs = [
        "results/classify/frame_model.skops",
        "results/classify/distinct_scores.csv",
        "results/classify/distinct_terms.csv",
    ]
    if config["classifier"]["labels"]["enabled"]:
        outputs.append("results/classify/labels_scores.csv")
        figures.append("labels_confusion")
    return outputs + expand("results/figures/classify/{figure}.png", figure=figures)


# --- lexicon toolkit (issue 3) ------------------------------------------------
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
            "results/tables/{scoreset}/differences.csv",
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
