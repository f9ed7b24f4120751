# Lexicon stage: score every article against each configured lexicon, one job per shard.
# Each shard is tokenized once into a token index (rule index: every article's tokens as ids
# into its batch's vocabulary, exactly as the tokenize step tokenizes them); scoring looks
# the lexicon's words up in the vocabularies and finds their hits with numpy. A lexicon edit
# reruns only scoring and what follows, not the tokenization. The lexicon is checked first
# (same messages as `framelens lexicon check`); a lexicon with errors stops the workflow here.


rule index:
    input:
        articles="results/corpus/shards/{shard}.parquet",
    output:
        tokens="results/index/{shard}/tokens.parquet",
        vocab="results/index/{shard}/vocab.parquet",
    params:
        title="--include-title" if config["tokenize"]["include_title"] else "--no-include-title",
        fold_yo="--fold-yo" if config["tokenize"]["fold_yo"] else "--no-fold-yo",
        fold_accents="--fold-accents" if config["tokenize"]["fold_accents"] else "--no-fold-accents",
        batch_rows=config["shards"]["batch_rows"],
        batch_mb=config["shards"]["batch_mb"],
    log:
        "results/logs/index/{shard}.log",
    benchmark:
        "results/benchmarks/index/{shard}.tsv"
    shell:
        "framelens index --articles {input.articles:q} {params.title} {params.fold_yo} {params.fold_accents} "
        "--batch-rows {params.batch_rows} --batch-mb {params.batch_mb} "
        "--out {output.tokens:q} --vocab {output.vocab:q} 2> {log:q}"


rule score:
    input:
        tokens="results/index/{shard}/tokens.parquet",
        vocab="results/index/{shard}/vocab.parquet",
        lexicon=get_lexicon_file,
    output:
        categories="results/scores/{lexicon}/shards/{shard}/categories.parquet",
        terms="results/scores/{lexicon}/shards/{shard}/terms.parquet",
        articles="results/scores/{lexicon}/shards/{shard}/articles.parquet",
    wildcard_constraints:
        lexicon="|".join(LEXICONS),
    params:
        min_glob_stem=config["lexicon_check"]["min_glob_stem"],
    log:
        "results/logs/score/{lexicon}/{shard}.log",
    benchmark:
        "results/benchmarks/score/{lexicon}/{shard}.tsv"
    shell:
        "framelens score --index {input.tokens:q} --vocab {input.vocab:q} --lexicon {input.lexicon:q} "
        "--min-glob-stem {params.min_glob_stem} "
        "--categories {output.categories:q} --terms {output.terms:q} "
        "--article-scores {output.articles:q} 2> {log:q}"


# The shard tables of one lexicon (or target-window score set), gathered in corpus
# order (outlet, id): the same bytes whatever the shard count.
rule gather_scores:
    input:
        shards=get_score_shard_files,
    output:
        table="results/scores/{lexicon}/{table}.parquet",
    wildcard_constraints:
        lexicon="|".join(SCORE_SETS),
    log:
        "results/logs/gather_scores/{lexicon}/{table}.log",
    benchmark:
        "results/benchmarks/gather_scores/{lexicon}/{table}.tsv"
    shell:
        "framelens gather --inputs {input.shards:q} --out {output.table:q} 2> {log:q}"


# ---------------------------------------------------------------- lexicon toolkit (issue 3)
# Target windows: the same score tables, counting only tokens within ±window tokens of a
# target term. The score set "<lexicon>-near-<target>" then goes through compare and plots.
# One job per token shard; rule gather_scores gathers the shards as for a lexicon.
rule score_near:
    input:
        tokens="results/tokens/shards/{shard}.parquet",
        lexicon=get_lexicon_file,
    output:
        categories="results/scores/{lexicon}-near-{target}/shards/{shard}/categories.parquet",
        terms="results/scores/{lexicon}-near-{target}/shards/{shard}/terms.parquet",
        articles="results/scores/{lexicon}-near-{target}/shards/{shard}/articles.parquet",
    wildcard_constraints:
        lexicon="|".join(LEXICONS),
        target="|".join(TARGETS) if TARGETS else "(?!)",
    params:
        terms=get_target_terms,
        window=config["target_windows"]["window"],
        min_glob_stem=config["lexicon_check"]["min_glob_stem"],
        batch_rows=config["shards"]["batch_rows"],
        batch_mb=config["shards"]["batch_mb"],
    log:
        "results/logs/score_near/{lexicon}-{target}/{shard}.log",
    benchmark:
        "results/benchmarks/score_near/{lexicon}-{target}/{shard}.tsv"
    shell:
        "framelens score --tokens {input.tokens:q} --lexicon {input.lexicon:q} "
        "--near {params.terms:q} --window {params.window} --target {wildcards.target:q} "
        "--min-glob-stem {params.min_glob_stem} --batch-rows {params.batch_rows} --batch-mb {params.batch_mb} "
        "--categories {output.categories:q} --terms {output.terms:q} "
        "--article-scores {output.articles:q} 2> {log:q}"


# A reproducible random sample of hits per category × outlet, to read in context.
rule kwic_sample:
    input:
        tokens=get_token_shard_files(),
        articles="results/corpus/articles.parquet",
        lexicon=get_lexicon_file,
    output:
        sample=report(
            "results/kwic/{lexicon}/kwic_sample.csv",
            caption="../report/kwic_sample.rst",
            category="Lexicon checks",
            subcategory="{lexicon}",
        ),
    wildcard_constraints:
        lexicon="|".join(LEXICONS),
    params:
        per_cell=config["kwic"]["per_cell"],
        window=config["kwic"]["window"],
        seed=config["kwic"]["seed"],
        batch_rows=config["shards"]["batch_rows"],
    log:
        "results/logs/kwic_sample/{lexicon}.log",
    benchmark:
        "results/benchmarks/kwic_sample/{lexicon}.tsv"
    shell:
        "framelens kwic --category all --lexicon {input.lexicon:q} --tokens {input.tokens:q} "
        "--articles {input.articles:q} --per-cell {params.per_cell} --window {params.window} "
        "--seed {params.seed} --batch-rows {params.batch_rows} --quiet --out {output.sample:q} 2> {log:q}"


# Which entries produce each category's hits, per outlet.
rule contributions:
    input:
        terms="results/scores/{lexicon}/terms.parquet",
    output:
        table=report(
            "results/tables/{lexicon}/term_contributions.csv",
            caption="../report/term_contributions.rst",
            category="Tables",
            subcategory="{lexicon}",
        ),
    wildcard_constraints:
        lexicon="|".join(LEXICONS),
    log:
        "results/logs/contributions/{lexicon}.log",
    benchmark:
        "results/benchmarks/contributions/{lexicon}.tsv"
    shell:
        "framelens contributions --terms {input.terms:q} --out {output.table:q} 2> {log:q}"


rule plot_contributions:
    input:
        table="results/tables/{lexicon}/term_contributions.csv",
        outlets=config["outlets"],
    output:
        png=report(
            "results/figures/{lexicon}/term_contributions.png",
            caption="../report/term_contributions_figure.rst",
            category="Figures",
            subcategory="{lexicon}",
        ),
        svg="results/figures/{lexicon}/term_contributions.svg",
    wildcard_constraints:
        lexicon="|".join(LEXICONS),
    params:
        dpi=config["plots"]["dpi"],
        top=config["contributions"]["top"],
    log:
        "results/logs/plot_contributions/{lexicon}.log",
    shell:
        "framelens plot contributions --table {input.table:q} --outlets {input.outlets:q} "
        "--top {params.top} --dpi {params.dpi} --out {output.png:q} {output.svg:q} 2> {log:q}"


# Validation: a coding sheet of sampled hits; when a coded sheet is configured, the
# precision per category next to the outlet scores.
rule validation_sample:
    input:
        tokens=get_token_shard_files(),
        articles="results/corpus/articles.parquet",
        lexicon=get_lexicon_file,
    output:
        sheet=report(
            "results/validation/{lexicon}/coding_sheet.csv",
            caption="../report/coding_sheet.rst",
            category="Lexicon checks",
            subcategory="{lexicon}",
        ),
    wildcard_constraints:
        lexicon="|".join(LEXICONS),
    params:
        per_cell=config["validation"]["per_cell"],
        seed=config["validation"]["seed"],
        second=get_second_coder_flag(),
        batch_rows=config["shards"]["batch_rows"],
    log:
        "results/logs/validation_sample/{lexicon}.log",
    benchmark:
        "results/benchmarks/validation_sample/{lexicon}.tsv"
    shell:
        "framelens validate sample --tokens {input.tokens:q} --articles {input.articles:q} "
        "--lexicon {input.lexicon:q} --per-cell {params.per_cell} --seed {params.seed} {params.second} "
        "--batch-rows {params.batch_rows} --out {output.sheet:q} 2> {log:q}"


rule validation_score:
    input:
        sheet=get_validation_sheet,
        scores="results/tables/{lexicon}/outlet_scores.csv",
    output:
        categories="results/validation/{lexicon}/precision_categories.csv",
        entries="results/validation/{lexicon}/precision_entries.csv",
        agreement="results/validation/{lexicon}/agreement.csv",
        joined=report(
            "results/tables/{lexicon}/outlet_scores_precision.csv",
            caption="../report/outlet_scores_precision.rst",
            category="Tables",
            subcategory="{lexicon}",
        ),
    wildcard_constraints:
        lexicon="|".join(LEXICONS),
    params:
        level=config["compare"]["level"],
    log:
        "results/logs/validation_score/{lexicon}.log",
    benchmark:
        "results/benchmarks/validation_score/{lexicon}.tsv"
    shell:
        "framelens validate score {input.sheet:q} --level {params.level} "
        "--categories {output.categories:q} --entries {output.entries:q} "
        "--agreement {output.agreement:q} --scores {input.scores:q} --joined {output.joined:q} "
        "> {log:q} 2>&1"
