# Lexicon stage: score every article against each configured lexicon.
# The lexicon is checked first (same messages as `framelens lexicon check`);
# a lexicon with errors stops the workflow here.


rule score:
    input:
        tokens="results/tokens/tokens.parquet",
        lexicon=get_lexicon_file,
    output:
        categories="results/scores/{lexicon}/categories.parquet",
        terms="results/scores/{lexicon}/terms.parquet",
        articles="results/scores/{lexicon}/articles.parquet",
    params:
        min_glob_stem=config["lexicon_check"]["min_glob_stem"],
    log:
        "results/logs/score/{lexicon}.log",
    benchmark:
        "results/benchmarks/score/{lexicon}.tsv"
    shell:
        "framelens score --tokens {input.tokens:q} --lexicon {input.lexicon:q} "
        "--min-glob-stem {params.min_glob_stem} "
        "--categories {output.categories:q} --terms {output.terms:q} "
        "--article-scores {output.articles:q} 2> {log:q}"
