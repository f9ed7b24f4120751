# Corpus stage: ingest (validate, clean, de-duplicate), split into shards, and tokenize per shard.


rule ingest:
    input:
        corpus=get_corpus_files(),
        outlets=config["outlets"],
    output:
        articles="results/corpus/articles.parquet",
        rejected=report(
            "results/qc/rejected.csv",
            caption="../report/rejected.rst",
            category="Data quality",
        ),
        summary="results/qc/ingest_summary.json",
    params:
        format=config["corpus"]["format"],
        unicode_form=config["ingest"]["unicode_form"],
        encoding_errors=config["ingest"]["encoding_errors"],
        boilerplate=config["ingest"]["boilerplate_patterns"],
    log:
        "results/logs/ingest.log",
    benchmark:
        "results/benchmarks/ingest.tsv"
    shell:
        "framelens ingest --corpus {input.corpus:q} --format {params.format:q} "
        "--outlets {input.outlets:q} --boilerplate {params.boilerplate:q} "
        "--unicode-form {params.unicode_form:q} --encoding-errors {params.encoding_errors:q} "
        "--articles {output.articles:q} --rejected {output.rejected:q} "
        "--summary {output.summary:q} 2> {log:q}"


rule shard:
    input:
        articles="results/corpus/articles.parquet",
    output:
        shards=expand("results/corpus/shards/{shard}.parquet", shard=SHARDS),
    params:
        batch_rows=config["shards"]["batch_rows"],
    log:
        "results/logs/shard.log",
    benchmark:
        "results/benchmarks/shard.tsv"
    shell:
        "framelens shard --articles {input.articles:q} --batch-rows {params.batch_rows} "
        "--out {output.shards:q} 2> {log:q}"


# Punkt is trained once on the whole corpus (or a sample fixed by article ids),
# never per shard, so the shard count cannot change sentence boundaries.
rule punkt:
    input:
        articles="results/corpus/articles.parquet",
    output:
        punkt="results/tokens/punkt.json",
    params:
        title="--include-title" if config["tokenize"]["include_title"] else "--no-include-title",
        max_articles=config["tokenize"]["punkt_max_articles"],
        batch_rows=config["shards"]["batch_rows"],
    log:
        "results/logs/punkt.log",
    benchmark:
        "results/benchmarks/punkt.tsv"
    shell:
        "framelens punkt --articles {input.articles:q} {params.title} "
        "--max-articles {params.max_articles} --batch-rows {params.batch_rows} "
        "--out {output.punkt:q} 2> {log:q}"


rule tokenize:
    input:
        articles="results/corpus/shards/{shard}.parquet",
        punkt="results/tokens/punkt.json",
    output:
        tokens="results/tokens/shards/{shard}.parquet",
    params:
        title="--include-title" if config["tokenize"]["include_title"] else "--no-include-title",
        batch_rows=config["shards"]["batch_rows"],
    log:
        "results/logs/tokenize/{shard}.log",
    benchmark:
        "results/benchmarks/tokenize/{shard}.tsv"
    shell:
        "framelens tokenize --articles {input.articles:q} {params.title} "
        "--punkt-params {input.punkt:q} --batch-rows {params.batch_rows} "
        "--tokens {output.tokens:q} 2> {log:q}"


rule gather_tokens:
    input:
        shards=get_token_shard_files(),
    output:
        tokens="results/tokens/tokens.parquet",
    log:
        "results/logs/gather_tokens.log",
    benchmark:
        "results/benchmarks/gather_tokens.tsv"
    shell:
        "framelens gather --inputs {input.shards:q} --out {output.tokens:q} 2> {log:q}"
