# Corpus stage: ingest (validate, clean, de-duplicate) and tokenize.


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


rule tokenize:
    input:
        articles="results/corpus/articles.parquet",
    output:
        tokens="results/tokens/tokens.parquet",
        punkt="results/tokens/punkt.json",
    params:
        title="--include-title" if config["tokenize"]["include_title"] else "--no-include-title",
        fold_yo="--fold-yo" if config["tokenize"]["fold_yo"] else "--no-fold-yo",
        fold_accents="--fold-accents" if config["tokenize"]["fold_accents"] else "--no-fold-accents",
    log:
        "results/logs/tokenize.log",
    benchmark:
        "results/benchmarks/tokenize.tsv"
    shell:
        "framelens tokenize --articles {input.articles:q} {params.title} {params.fold_yo} {params.fold_accents} "
        "--punkt {output.punkt:q} --tokens {output.tokens:q} 2> {log:q}"
