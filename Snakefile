# framelens: how news outlets frame the same story.
#
# Output paths follow one grammar:  results/<stage>/[<lexicon>/]<name>.<ext>
#   results/corpus/    cleaned articles            results/qc/       rejected rows, ingest counts
#   results/tokens/    sentences, tokens, Punkt    results/scores/   article × category scores
#   results/tables/    tidy comparison tables      results/figures/  PNG + SVG figures
#   results/classify/  classifier tables, model  results/figures/classify/ its figures
#   results/logs/, results/benchmarks/: one log (and timing) per job
from snakemake.utils import min_version

min_version("9.0")


configfile: "config/config.yaml"


report: "workflow/report/workflow.rst"


include: "workflow/rules/common.smk"
include: "workflow/rules/corpus.smk"
include: "workflow/rules/lexicon.smk"
include: "workflow/rules/compare.smk"
include: "workflow/rules/classify.smk"
include: "workflow/rules/plots.smk"


rule all:
    input:
        get_final_outputs(),
    default_target: True
