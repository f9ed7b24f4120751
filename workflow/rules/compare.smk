# Compare stage: per outlet × category means with bootstrap confidence intervals.


rule compare:
    input:
        categories="results/scores/{lexicon}/categories.parquet",
        articles="results/scores/{lexicon}/articles.parquet",
        outlets=config["outlets"],
    output:
        table=report(
            "results/tables/{lexicon}/outlet_scores.csv",
            caption="../report/outlet_scores.rst",
            category="Tables",
            subcategory="{lexicon}",
        ),
    params:
        n_resamples=config["compare"]["n_resamples"],
        level=config["compare"]["level"],
        seed=config["compare"]["seed"],
    log:
        "results/logs/compare/{lexicon}.log",
    benchmark:
        "results/benchmarks/compare/{lexicon}.tsv"
    shell:
        "framelens compare --categories {input.categories:q} --article-scores {input.articles:q} "
        "--outlets {input.outlets:q} --n-resamples {params.n_resamples} --level {params.level} "
        "--seed {params.seed} --out {output.table:q} 2> {log:q}"


rule language_coverage:
    input:
        articles="results/scores/{lexicon}/articles.parquet",
        tokens="results/tokens/tokens.parquet",
        outlets=config["outlets"],
    output:
        table=report(
            "results/tables/{lexicon}/language_coverage.csv",
            caption="../report/language_coverage.rst",
            category="Tables",
            subcategory="{lexicon}",
        ),
    log:
        "results/logs/language_coverage/{lexicon}.log",
    shell:
        "framelens coverage --article-scores {input.articles:q} --tokens {input.tokens:q} "
        "--outlets {input.outlets:q} --out {output.table:q} 2> {log:q}"
