# Lexicon stage: score every article against each configured lexicon, one job per shard
# (tokenize + match in one pass with the fast matcher), then gather the shard tables.
# The lexicon is checked first (same messages as `framelens lexicon check`);
# a lexicon with errors stops the workflow here.


rule score:
    input:
        articles="results/corpus/shards/{shard}.parquet",
        lexicon=get_lexicon_file,
    output:
        categories="results/scores/{lexicon}/shards/{shard}/categories.parquet",
        terms="results/scores/{lexicon}/shards/{shard}/terms.parquet",
        articles="results/scores/{lexicon}/shards/{shard}/articles.parquet",
    params:
        title="--include-title" if config["tokenize"]["include_title"] else "--no-include-title",
        batch_rows=config["shards"]["batch_rows"],
    log:
        "results/logs/score/{lexicon}/{shard}.log",
    benchmark:
        "results/benchmarks/score/{lexicon}/{shard}.tsv"
    shell:
        "framelens score --articles {input.articles:q} {params.title} --lexicon {input.lexicon:q} "
        "--batch-rows {params.batch_rows} --categories {output.categories:q} --terms {output.terms:q} "
        "--article-scores {output.articles:q} 2> {log:q}"


# The shard tables of one lexicon, gathered in corpus order (outlet, id): the
# same bytes whatever the shard count.
rule gather_scores:
    input:
        shards=get_score_shard_files,
    output:
        table="results/scores/{lexicon}/{table}.parquet",
    log:
        "results/logs/gather_scores/{lexicon}/{table}.log",
    benchmark:
        "results/benchmarks/gather_scores/{lexicon}/{table}.tsv"
    shell:
        "framelens gather --inputs {input.shards:q} --out {output.table:q} 2> {log:q}"
