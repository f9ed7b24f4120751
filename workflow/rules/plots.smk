# Plot stage: comparative figures, each as PNG (for reading) and SVG (for papers).


rule plot_profile:
    input:
        table="results/tables/{lexicon}/outlet_scores.csv",
        outlets=config["outlets"],
    output:
        png=report(
            "results/figures/{lexicon}/profile.png",
            caption="../report/profile.rst",
            category="Figures",
            subcategory="{lexicon}",
        ),
        svg="results/figures/{lexicon}/profile.svg",
    params:
        dpi=config["plots"]["dpi"],
        level=config["compare"]["level"],
    log:
        "results/logs/plot_profile/{lexicon}.log",
    shell:
        "framelens plot profile --table {input.table:q} --outlets {input.outlets:q} "
        "--level {params.level} --dpi {params.dpi} --out {output.png:q} {output.svg:q} 2> {log:q}"


rule plot_heatmap:
    input:
        table="results/tables/{lexicon}/outlet_scores.csv",
        outlets=config["outlets"],
    output:
        png=report(
            "results/figures/{lexicon}/heatmap.png",
            caption="../report/heatmap.rst",
            category="Figures",
            subcategory="{lexicon}",
        ),
        svg="results/figures/{lexicon}/heatmap.svg",
    params:
        dpi=config["plots"]["dpi"],
    log:
        "results/logs/plot_heatmap/{lexicon}.log",
    shell:
        "framelens plot heatmap --table {input.table:q} --outlets {input.outlets:q} "
        "--dpi {params.dpi} --out {output.png:q} {output.svg:q} 2> {log:q}"


rule plot_forest:
    input:
        table="results/tables/{lexicon}/differences.csv",
        outlets=config["outlets"],
    output:
        png=report(
            "results/figures/{lexicon}/forest_{level}.png",
            caption="../report/forest.rst",
            category="Figures",
            subcategory="{lexicon}",
        ),
        svg="results/figures/{lexicon}/forest_{level}.svg",
    params:
        dpi=config["plots"]["dpi"],
        level=config["compare"]["level"],
        fdr=config["compare"]["fdr"],
    log:
        "results/logs/plot_forest/{lexicon}_{level}.log",
    shell:
        "framelens plot forest --table {input.table:q} --outlets {input.outlets:q} "
        "--level-name {wildcards.level} --level {params.level} --fdr {params.fdr} "
        "--dpi {params.dpi} --out {output.png:q} {output.svg:q} 2> {log:q}"


rule plot_keyness:
    input:
        table="results/tables/keyness_words.csv",
        outlets=config["outlets"],
    output:
        png=report(
            "results/figures/keyness/{comparison}.png",
            caption="../report/keyness.rst",
            category="Keyness",
        ),
        svg="results/figures/keyness/{comparison}.svg",
    params:
        dpi=config["plots"]["dpi"],
        labels=config["keyness"]["labels"],
    log:
        "results/logs/plot_keyness/{comparison}.log",
    shell:
        "framelens plot keyness --table {input.table:q} --outlets {input.outlets:q} "
        "--comparison {wildcards.comparison:q} --n-labels {params.labels} "
        "--dpi {params.dpi} --out {output.png:q} {output.svg:q} 2> {log:q}"


rule plot_trends:
    input:
        table="results/tables/{lexicon}/trends.csv",
        outlets=config["outlets"],
    output:
        png=report(
            "results/figures/{lexicon}/trends.png",
            caption="../report/trends.rst",
            category="Figures",
            subcategory="{lexicon}",
        ),
        svg="results/figures/{lexicon}/trends.svg",
    params:
        dpi=config["plots"]["dpi"],
        level=config["compare"]["level"],
    log:
        "results/logs/plot_trends/{lexicon}.log",
    shell:
        "framelens plot trends --table {input.table:q} --outlets {input.outlets:q} "
        "--level {params.level} --dpi {params.dpi} --out {output.png:q} {output.svg:q} 2> {log:q}"


rule plot_tone:
    input:
        table="results/tables/tone.csv",
        outlets=config["outlets"],
    output:
        png=report(
            "results/figures/tone.png",
            caption="../report/tone.rst",
            category="Tone",
        ),
        svg="results/figures/tone.svg",
    params:
        dpi=config["plots"]["dpi"],
        level=config["compare"]["level"],
    log:
        "results/logs/plot_tone.log",
    shell:
        "framelens plot tone --table {input.table:q} --outlets {input.outlets:q} "
        "--level {params.level} --dpi {params.dpi} --out {output.png:q} {output.svg:q} 2> {log:q}"
