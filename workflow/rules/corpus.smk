# Corpus stage: ingest (validate, clean, de-duplicate), learned boilerplate, language,
# syndication (near-duplicates), shards, Punkt (once), tokenize per shard, gathered tokens. Each refinement step is its own rule so that a
# change of its settings reruns only it and what follows; each carries the accounting
# (in = kept + quarantined + dropped duplicates) on in the articles table's metadata.


rule ingest:
    input:
        corpus=get_corpus_files(),
        outlets=config["outlets"],
    output:
        articles=directory("results/corpus/ingested.parquet"),
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
        html_min_chars=config["ingest"]["html_min_chars"],
        markup=config["ingest"]["markup"],
        max_text_chars=config["ingest"]["max_text_chars"],
        batch_rows=config["shards"]["batch_rows"],
    log:
        "results/logs/ingest.log",
    benchmark:
        "results/benchmarks/ingest.tsv"
    threads: config["ingest"]["processes"]
    shell:
        "framelens ingest --corpus {input.corpus:q} --format {params.format:q} "
        "--outlets {input.outlets:q} --boilerplate {params.boilerplate:q} "
        "--unicode-form {params.unicode_form:q} --encoding-errors {params.encoding_errors:q} "
        "--html-min-chars {params.html_min_chars} "
        "--markup {params.markup:q} --max-text-chars {params.max_text_chars} "
        "--articles {output.articles:q} --rejected {output.rejected:q} "
        "--summary {output.summary:q} --batch-rows {params.batch_rows} --processes {threads} 2> {log:q}"


rule boilerplate:
    input:
        articles="results/corpus/ingested.parquet",
    output:
        articles=directory("results/corpus/stripped.parquet"),
        table=report(
            "results/qc/boilerplate.csv",
            caption="../report/boilerplate.rst",
            category="Data quality",
        ),
        rejected="results/qc/rejected_boilerplate.csv",
    params:
        enabled=get_flag("boilerplate", "enabled"),
        min_share=config["boilerplate"]["min_share"],
        min_articles=config["boilerplate"]["min_articles"],
        headlines=get_flag("boilerplate", "inserted_headlines"),
        min_headline_words=config["boilerplate"]["min_headline_words"],
        batch_rows=config["shards"]["batch_rows"],
        batch_mb=config["shards"]["batch_mb"],
    log:
        "results/logs/boilerplate.log",
    benchmark:
        "results/benchmarks/boilerplate.tsv"
    shell:
        "framelens boilerplate --articles {input.articles:q} --{params.enabled} "
        "--min-share {params.min_share} --min-articles {params.min_articles} "
        "--{params.headlines} --min-headline-words {params.min_headline_words} "
        "--out {output.articles:q} --table {output.table:q} --rejected {output.rejected:q} "
        "--batch-rows {params.batch_rows} --batch-mb {params.batch_mb} 2> {log:q}"


rule language:
    input:
        articles="results/corpus/stripped.parquet",
    output:
        articles=directory("results/corpus/languages.parquet"),
        table=report(
            "results/qc/languages.csv",
            caption="../report/languages.rst",
            category="Data quality",
        ),
        rejected="results/qc/rejected_language.csv",
    params:
        languages=config["language"]["languages"],
        detect=get_flag("language", "detect"),
        min_chars=config["language"]["min_chars"],
        min_prob=config["language"]["min_prob"],
        exclude_other=get_flag("language", "exclude_other"),
        batch_rows=config["shards"]["batch_rows"],
        batch_mb=config["shards"]["batch_mb"],
    log:
        "results/logs/language.log",
    benchmark:
        "results/benchmarks/language.tsv"
    shell:
        "framelens language --articles {input.articles:q} --languages {params.languages:q} "
        "--{params.detect} --min-chars {params.min_chars} --min-prob {params.min_prob} "
        "--{params.exclude_other} --out {output.articles:q} --table {output.table:q} "
        "--rejected {output.rejected:q} --batch-rows {params.batch_rows} --batch-mb {params.batch_mb} 2> {log:q}"


# The per-article half of syndication (MinHash band keys), one job per part of the articles:
# consecutive row groups, as many parts as shards, run in parallel. The keys depend only on
# the settings below, so a change of policy or aggregator groups reruns only the merge.
rule syndication_keys:
    input:
        articles="results/corpus/languages.parquet",
    output:
        band_keys="results/corpus/band_keys/{part}.parquet",
    params:
        part=lambda wildcards: int(wildcards.part),
        parts=len(SHARDS),
        threshold=config["syndication"]["threshold"],
        shingle_size=config["syndication"]["shingle_size"],
        num_perm=config["syndication"]["num_perm"],
        seed=config["syndication"]["seed"],
        batch_rows=config["shards"]["batch_rows"],
        batch_mb=config["shards"]["batch_mb"],
    log:
        "results/logs/syndication_keys/{part}.log",
    benchmark:
        "results/benchmarks/syndication_keys/{part}.tsv"
    shell:
        "framelens syndication-keys --articles {input.articles:q} --part {params.part:q} --parts {params.parts:q} "
        "--threshold {params.threshold} --shingle-size {params.shingle_size} --num-perm {params.num_perm} "
        "--seed {params.seed} --batch-rows {params.batch_rows} --batch-mb {params.batch_mb} "
        "--out {output.band_keys:q} 2> {log:q}"


rule syndication:
    input:
        articles="results/corpus/languages.parquet",
        outlets=config["outlets"],
        band_keys=get_syndication_keys(),
    output:
        articles=directory("results/corpus/articles.parquet"),
        table=report(
            "results/qc/syndication.csv",
            caption="../report/syndication.rst",
            category="Data quality",
        ),
        republished=report(
            "results/tables/republished.csv",
            caption="../report/republished.rst",
            category="Tables",
        ),
        accounting="results/qc/accounting.json",
    params:
        enabled=get_flag("syndication", "enabled"),
        threshold=config["syndication"]["threshold"],
        shingle_size=config["syndication"]["shingle_size"],
        num_perm=config["syndication"]["num_perm"],
        seed=config["syndication"]["seed"],
        policy=config["syndication"]["policy"],
        aggregator_groups=config["syndication"]["aggregator_groups"],
        batch_rows=config["shards"]["batch_rows"],
        batch_mb=config["shards"]["batch_mb"],
    log:
        "results/logs/syndication.log",
    benchmark:
        "results/benchmarks/syndication.tsv"
    shell:
        "framelens syndication --articles {input.articles:q} --outlets {input.outlets:q} "
        "--{params.enabled} --threshold {params.threshold} --shingle-size {params.shingle_size} "
        "--num-perm {params.num_perm} --seed {params.seed} --policy {params.policy} "
        "--aggregator-groups {params.aggregator_groups:q} --keys {input.band_keys:q} "
        "--out {output.articles:q} --table {output.table:q} --republished {output.republished:q} "
        "--accounting {output.accounting:q} --batch-rows {params.batch_rows} --batch-mb {params.batch_mb} 2> {log:q}"


rule shard:
    input:
        articles="results/corpus/articles.parquet",
    output:
        shards=expand("results/corpus/shards/{shard}.parquet", shard=SHARDS),
    params:
        batch_rows=config["shards"]["batch_rows"],
        batch_mb=config["shards"]["batch_mb"],
    log:
        "results/logs/shard.log",
    benchmark:
        "results/benchmarks/shard.tsv"
    shell:
        "framelens shard --articles {input.articles:q} --batch-rows {params.batch_rows} "
        "--batch-mb {params.batch_mb} "
        "--out {output.shards:q} 2> {log:q}"


# Punkt is trained once per language on the whole corpus (or a sample fixed by article
# ids), never per shard, so the shard count cannot change sentence boundaries.
rule punkt:
    input:
        articles="results/corpus/articles.parquet",
    output:
        punkt="results/tokens/punkt.json",
    params:
        title="--include-title" if config["tokenize"]["include_title"] else "--no-include-title",
        max_articles=config["tokenize"]["punkt_max_articles"],
        batch_rows=config["shards"]["batch_rows"],
        batch_mb=config["shards"]["batch_mb"],
    log:
        "results/logs/punkt.log",
    benchmark:
        "results/benchmarks/punkt.tsv"
    shell:
        "framelens punkt --articles {input.articles:q} {params.title} "
        "--max-articles {params.max_articles} --batch-rows {params.batch_rows} --batch-mb {params.batch_mb} "
        "--out {output.punkt:q} 2> {log:q}"


rule tokenize:
    input:
        articles="results/corpus/shards/{shard}.parquet",
        punkt="results/tokens/punkt.json",
    output:
        tokens="results/tokens/shards/{shard}.parquet",
    params:
        title="--include-title" if config["tokenize"]["include_title"] else "--no-include-title",
        fold_yo="--fold-yo" if config["tokenize"]["fold_yo"] else "--no-fold-yo",
        fold_accents="--fold-accents" if config["tokenize"]["fold_accents"] else "--no-fold-accents",
        batch_rows=config["shards"]["batch_rows"],
        batch_mb=config["shards"]["batch_mb"],
    log:
        "results/logs/tokenize/{shard}.log",
    benchmark:
        "results/benchmarks/tokenize/{shard}.tsv"
    shell:
        "framelens tokenize --articles {input.articles:q} {params.title} {params.fold_yo} {params.fold_accents} "
        "--punkt-params {input.punkt:q} --batch-rows {params.batch_rows} --batch-mb {params.batch_mb} "
        "--tokens {output.tokens:q} 2> {log:q}"


# All shards' tokens in one table, in corpus order (outlet, id): optional (shards.gather_tokens),
# for reading by hand or with other tools; no workflow step reads it (each reads the shards).
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
