# Classify stage: the frame classifier (train with cross-validation, apply per
# sentence), outlet distinctiveness with grouped cross-validation, agreement
# between the lexicon and the classifier, and the label-column classifier for
# any labelled corpus. Everything here is behind classifier.enabled.


rule classify_train:
    input:
        annotations=config["classifier"]["annotations"],
        lexicon=get_classifier_lexicon_file(),
    output:
        model="results/classify/frame_model.skops",
        metrics=report(
            "results/classify/frame_metrics.csv",
            caption="../report/frame_metrics.rst",
            category="Classifier",
        ),
        predictions="results/classify/frame_predictions.csv",
        calibration="results/classify/frame_calibration.csv",
    params:
        model=get_classifier_model_args(),
        calibration=config["classifier"]["calibration"],
        threshold=config["classifier"]["threshold"],
        bins=config["classifier"]["calibration_bins"],
    log:
        "results/logs/classify/train.log",
    benchmark:
        "results/benchmarks/classify/train.tsv"
    shell:
        "framelens classify train --annotations {input.annotations:q} --lexicon {input.lexicon:q} "
        "{params.model} --calibration {params.calibration} --threshold {params.threshold} "
        "--bins {params.bins} --model {output.model:q} --metrics {output.metrics:q} "
        "--predictions {output.predictions:q} --calibration-table {output.calibration:q} 2> {log:q}"


# One job per token shard, batch by batch; the shards' article × frame tables are
# gathered in corpus order (the same bytes whatever the shard count).
rule classify_apply:
    input:
        model="results/classify/frame_model.skops",
        tokens="results/tokens/shards/{shard}.parquet",
        outlets=config["outlets"],
    output:
        articles="results/classify/shards/{shard}/frame_articles.parquet",
    params:
        languages=config["classifier"]["languages"],
        batch_rows=config["shards"]["batch_rows"],
        batch_mb=config["shards"]["batch_mb"],
    log:
        "results/logs/classify/apply/{shard}.log",
    benchmark:
        "results/benchmarks/classify/apply/{shard}.tsv"
    shell:
        "framelens classify apply --model {input.model:q} --tokens {input.tokens:q} "
        "--outlets {input.outlets:q} --languages {params.languages:q} --batch-rows {params.batch_rows} "
        "--batch-mb {params.batch_mb} "
        "--articles {output.articles:q} 2> {log:q}"


rule gather_frames:
    input:
        shards=get_frame_shard_files(),
    output:
        articles="results/classify/frame_articles.parquet",
    log:
        "results/logs/classify/gather_frames.log",
    benchmark:
        "results/benchmarks/classify/gather_frames.tsv"
    shell:
        "framelens gather --inputs {input.shards:q} --out {output.articles:q} 2> {log:q}"


rule classify_shares:
    input:
        articles="results/classify/frame_articles.parquet",
        outlets=config["outlets"],
    output:
        table=report(
            "results/classify/frame_shares.csv",
            caption="../report/frame_shares_table.rst",
            category="Classifier",
        ),
    params:
        n_resamples=config["compare"]["n_resamples"],
        level=config["compare"]["level"],
        seed=config["compare"]["seed"],
    log:
        "results/logs/classify/shares.log",
    benchmark:
        "results/benchmarks/classify/shares.tsv"
    shell:
        "framelens classify shares --articles {input.articles:q} --outlets {input.outlets:q} "
        "--n-resamples {params.n_resamples} --level {params.level} --seed {params.seed} "
        "--table {output.table:q} 2> {log:q}"


rule classify_distinct:
    input:
        articles="results/corpus/articles.parquet",
        outlets=config["outlets"],
    output:
        scores=report(
            "results/classify/distinct_scores.csv",
            caption="../report/distinct_scores.rst",
            category="Classifier",
        ),
        per_class="results/classify/distinct_per_class.csv",
        confusion="results/classify/distinct_confusion.csv",
        terms=report(
            "results/classify/distinct_terms.csv",
            caption="../report/distinct_terms.rst",
            category="Classifier",
        ),
    params:
        model=get_classifier_model_args(),
        target=config["classifier"]["distinct"]["target"],
        group_column=config["classifier"]["distinct"]["group_column"],
        days=config["classifier"]["distinct"]["date_block_days"],
        top=config["classifier"]["distinct"]["top_terms"],
        title="--include-title" if config["tokenize"]["include_title"] else "--no-include-title",
    log:
        "results/logs/classify/distinct.log",
    benchmark:
        "results/benchmarks/classify/distinct.tsv"
    shell:
        "framelens classify distinct --articles {input.articles:q} --outlets {input.outlets:q} "
        "--target {params.target:q} --group-column {params.group_column:q} --date-block-days {params.days} "
        "--top-terms {params.top} {params.title} {params.model} --scores {output.scores:q} "
        "--per-class {output.per_class:q} --confusion {output.confusion:q} --terms {output.terms:q} 2> {log:q}"


rule classify_labels:
    input:
        articles="results/corpus/articles.parquet",
        outlets=config["outlets"],
    output:
        scores=report(
            "results/classify/labels_scores.csv",
            caption="../report/labels_scores.rst",
            category="Classifier",
        ),
        per_class="results/classify/labels_per_class.csv",
        confusion="results/classify/labels_confusion.csv",
        terms="results/classify/labels_terms.csv",
    params:
        model=get_classifier_model_args(),
        label=config["classifier"]["labels"]["label_column"],
        group_column=config["classifier"]["labels"]["group_column"],
        days=config["classifier"]["distinct"]["date_block_days"],
        max_articles=config["classifier"]["labels"]["max_articles"],
        top=config["classifier"]["distinct"]["top_terms"],
        title="--include-title" if config["tokenize"]["include_title"] else "--no-include-title",
    log:
        "results/logs/classify/labels.log",
    benchmark:
        "results/benchmarks/classify/labels.tsv"
    shell:
        "framelens classify distinct --articles {input.articles:q} --outlets {input.outlets:q} "
        "--target {params.label:q} --group-column {params.group_column:q} --date-block-days {params.days} "
        "--max-articles {params.max_articles} --top-terms {params.top} {params.title} {params.model} "
        "--scores {output.scores:q} --per-class {output.per_class:q} --confusion {output.confusion:q} "
        "--terms {output.terms:q} 2> {log:q}"


rule classify_agreement:
    input:
        annotations=config["classifier"]["annotations"],
        predictions="results/classify/frame_predictions.csv",
        lexicon=get_classifier_lexicon_file(),
        scores=get_classifier_lexicon_scores(),
        frames="results/classify/frame_articles.parquet",
    output:
        table=report(
            "results/classify/agreement.csv",
            caption="../report/agreement_table.rst",
            category="Classifier",
        ),
        pairs="results/classify/agreement_articles.csv",
    params:
        # the annotations' language (the first of classifier.languages)
        lang=config["classifier"]["languages"][0],
    log:
        "results/logs/classify/agreement.log",
    benchmark:
        "results/benchmarks/classify/agreement.tsv"
    shell:
        "framelens classify agreement --annotations {input.annotations:q} "
        "--predictions {input.predictions:q} --lexicon {input.lexicon:q} --lang {params.lang:q} "
        "--lexicon-scores {input.scores:q} --frame-articles {input.frames:q} "
        "--table {output.table:q} --pairs {output.pairs:q} 2> {log:q}"


rule plot_classify:
    input:
        table=get_classify_plot_table,
        stats=get_classify_plot_stats,
        outlets=config["outlets"],
    output:
        png=report(
            "results/figures/classify/{figure}.png",
            caption="../report/classify_figure.rst",
            category="Classifier",
            subcategory="{figure}",
        ),
        svg="results/figures/classify/{figure}.svg",
    params:
        kind=get_classify_plot_kind,
        title=get_classify_plot_title,
        dpi=config["plots"]["dpi"],
        level=config["compare"]["level"],
    log:
        "results/logs/plot_classify/{figure}.log",
    shell:
        "framelens classify plot {params.kind} --table {input.table:q} --stats {input.stats:q} "
        "--outlets {input.outlets:q} --title={params.title:q} --level {params.level} --dpi {params.dpi} "
        "--out {output.png:q} {output.svg:q} 2> {log:q}"
