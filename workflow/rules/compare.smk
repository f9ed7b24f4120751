# Compare stage: outlet and group comparisons with bootstrap intervals, permutation
# tests and warnings; keyness between outlet groups; trends over time; tone.


rule compare:
    input:
        categories="results/scores/{lexicon}/categories.parquet",
        articles="results/scores/{lexicon}/articles.parquet",
        corpus="results/corpus/articles.parquet",
        outlets=config["outlets"],
    output:
        table=report(
            "results/tables/{lexicon}/outlet_scores.csv",
            caption="../report/outlet_scores.rst",
            category="Tables",
            subcategory="{lexicon}",
        ),
        groups=report(
            "results/tables/{lexicon}/group_scores.csv",
            caption="../report/group_scores.rst",
            category="Tables",
            subcategory="{lexicon}",
        ),
        length=report(
            "results/tables/{lexicon}/length_confound.csv",
            caption="../report/length_confound.rst",
            category="Data quality",
        ),
        warnings=report(
            "results/tables/{lexicon}/warnings.csv",
            caption="../report/warnings.rst",
            category="Data quality",
        ),
    params:
        n_resamples=config["compare"]["n_resamples"],
        level=config["compare"]["level"],
        seed=config["compare"]["seed"],
        min_articles=config["compare"]["min_articles"],
        event_column=config["compare"]["event_column"],
        length_threshold=config["compare"]["length_threshold"],
    log:
        "results/logs/compare/{lexicon}.log",
    benchmark:
        "results/benchmarks/compare/{lexicon}.tsv"
    shell:
        "framelens compare --categories {input.categories:q} --article-scores {input.articles:q} "
        "--outlets {input.outlets:q} --corpus {input.corpus:q} --event-column={params.event_column:q} "
        "--n-resamples {params.n_resamples} --level {params.level} --seed {params.seed} "
        "--min-articles {params.min_articles} "
        "--length-threshold {params.length_threshold} --out {output.table:q} "
        "--groups-out {output.groups:q} "
        "--length-out {output.length:q} --warnings-out {output.warnings:q} 2> {log:q}"


# The differences between every pair of outlets and groups (the heaviest comparison) run as
# a job of their own, next to the outlet and group tables.
rule differences:
    input:
        categories="results/scores/{lexicon}/categories.parquet",
        articles="results/scores/{lexicon}/articles.parquet",
        corpus="results/corpus/articles.parquet",
        outlets=config["outlets"],
    output:
        differences=report(
            "results/tables/{lexicon}/differences.csv",
            caption="../report/differences.rst",
            category="Tables",
            subcategory="{lexicon}",
        ),
    params:
        n_resamples=config["compare"]["n_resamples"],
        n_permutations=config["compare"]["n_permutations"],
        test=config["compare"]["test"],
        auto_min_articles=config["compare"]["auto_min_articles"],
        level=config["compare"]["level"],
        fdr=config["compare"]["fdr"],
        seed=config["compare"]["seed"],
        reference_group=config["compare"]["reference_group"],
        event_column=config["compare"]["event_column"],
    log:
        "results/logs/differences/{lexicon}.log",
    benchmark:
        "results/benchmarks/differences/{lexicon}.tsv"
    shell:
        "framelens differences --categories {input.categories:q} --article-scores {input.articles:q} "
        "--outlets {input.outlets:q} --corpus {input.corpus:q} --event-column={params.event_column:q} "
        "--n-resamples {params.n_resamples} --n-permutations {params.n_permutations} "
        "--test {params.test} --auto-min-articles {params.auto_min_articles} "
        "--level {params.level} --fdr {params.fdr} --seed {params.seed} "
        "--reference-group={params.reference_group:q} --out {output.differences:q} 2> {log:q}"


rule keyness_words:
    input:
        tokens=get_token_shard_files(),
        outlets=config["outlets"],
        stopwords=get_stopword_files(),
    output:
        table="results/tables/keyness_words.csv",
        top=report(
            "results/tables/keyness_words_top.csv",
            caption="../report/keyness_top.rst",
            category="Keyness",
        ),
    params:
        pairs=get_keyness_pairs(),
        one_vs_rest="--one-vs-rest" if config["keyness"]["one_vs_rest"] else "--no-one-vs-rest",
        prior_total=config["keyness"]["prior_total"],
        min_count=config["keyness"]["min_count"],
        languages=config["keyness"]["languages"],
        top=config["keyness"]["top"],
        batch_rows=config["shards"]["batch_rows"],
    log:
        "results/logs/keyness/words.log",
    benchmark:
        "results/benchmarks/keyness/words.tsv"
    shell:
        "framelens keyness words --tokens {input.tokens:q} --outlets {input.outlets:q} "
        "--stopwords {input.stopwords:q} --languages {params.languages:q} "
        "--pair {params.pairs:q} {params.one_vs_rest} --prior-total {params.prior_total} "
        "--min-count {params.min_count} --top {params.top} --batch-rows {params.batch_rows} "
        "--out {output.table:q} --top-out {output.top:q} 2> {log:q}"


rule keyness_entries:
    input:
        terms="results/scores/{lexicon}/terms.parquet",
        outlets=config["outlets"],
    output:
        table="results/tables/{lexicon}/keyness_entries.csv",
        top=report(
            "results/tables/{lexicon}/keyness_entries_top.csv",
            caption="../report/keyness_entries.rst",
            category="Keyness",
            subcategory="{lexicon}",
        ),
    params:
        pairs=get_keyness_pairs(),
        one_vs_rest="--one-vs-rest" if config["keyness"]["one_vs_rest"] else "--no-one-vs-rest",
        prior_total=config["keyness"]["entry_prior_total"],
        top=config["keyness"]["top"],
    log:
        "results/logs/keyness/{lexicon}.log",
    benchmark:
        "results/benchmarks/keyness_entries/{lexicon}.tsv"
    shell:
        "framelens keyness entries --terms {input.terms:q} --outlets {input.outlets:q} "
        "--pair {params.pairs:q} {params.one_vs_rest} --prior-total {params.prior_total} "
        "--min-count 1 --top {params.top} --out {output.table:q} --top-out {output.top:q} 2> {log:q}"


rule trends:
    input:
        categories="results/scores/{lexicon}/categories.parquet",
        corpus="results/corpus/articles.parquet",
    output:
        table=report(
            "results/tables/{lexicon}/trends.csv",
            caption="../report/trends_table.rst",
            category="Tables",
            subcategory="{lexicon}",
        ),
    params:
        period=config["trends"]["period"],
        n_resamples=config["trends"]["n_resamples"],
        level=config["compare"]["level"],
        seed=config["compare"]["seed"],
        event_column=config["compare"]["event_column"],
    log:
        "results/logs/trends/{lexicon}.log",
    benchmark:
        "results/benchmarks/trends/{lexicon}.tsv"
    shell:
        "framelens trends --categories {input.categories:q} --corpus {input.corpus:q} "
        "--event-column={params.event_column:q} --period {params.period} "
        "--n-resamples {params.n_resamples} --level {params.level} --seed {params.seed} "
        "--out {output.table:q} 2> {log:q}"


rule tone:
    input:
        tokens=get_token_shard_files(),
        outlets=config["outlets"],
    output:
        articles="results/tone/articles.parquet",
        table=report(
            "results/tables/tone.csv",
            caption="../report/tone_table.rst",
            category="Tone",
        ),
    params:
        targets=config["tone"]["targets"],
        languages=config["tone"]["languages"],
        n_resamples=config["compare"]["n_resamples"],
        level=config["compare"]["level"],
        seed=config["compare"]["seed"],
        batch_rows=config["shards"]["batch_rows"],
    log:
        "results/logs/tone.log",
    benchmark:
        "results/benchmarks/tone.tsv"
    shell:
        "framelens tone --tokens {input.tokens:q} --outlets {input.outlets:q} "
        "--targets {params.targets:q} --languages {params.languages:q} --n-resamples {params.n_resamples} --level {params.level} "
        "--seed {params.seed} --batch-rows {params.batch_rows} --articles-out {output.articles:q} "
        "--out {output.table:q} 2> {log:q}"


# Articles and tokens per outlet come from the first lexicon's per-article scores (the
# same n_tokens as the token shards), so the summary does not need the tokenize step.
rule summary:
    input:
        tokens=expand("results/scores/{lexicon}/articles.parquet", lexicon=LEXICONS[:1]),
        ingest="results/qc/ingest_summary.json",
        categories=expand("results/scores/{lexicon}/categories.parquet", lexicon=LEXICONS),
        outlets=config["outlets"],
    output:
        table=report(
            "results/tables/corpus_summary.csv",
            caption="../report/corpus_summary.rst",
            category="Data quality",
        ),
        rst="results/report/summary.rst",
    params:
        lexicons=get_lexicon_score_args(),
        batch_rows=config["shards"]["batch_rows"],
    log:
        "results/logs/summary.log",
    benchmark:
        "results/benchmarks/summary.tsv"
    shell:
        "framelens summary --tokens {input.tokens:q} --outlets {input.outlets:q} "
        "--ingest-summary {input.ingest:q} --lexicon {params.lexicons:q} --batch-rows {params.batch_rows} "
        "--out {output.table:q} --rst {output.rst:q} 2> {log:q}"


# Each article's language from the corpus table (normalised like the tokens' lang).
rule language_coverage:
    input:
        articles="results/scores/{lexicon}/articles.parquet",
        tokens="results/corpus/articles.parquet",
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
    benchmark:
        "results/benchmarks/language_coverage/{lexicon}.tsv"
    shell:
        "framelens coverage --article-scores {input.articles:q} --tokens {input.tokens:q} "
        "--outlets {input.outlets:q} --out {output.table:q} 2> {log:q}"
