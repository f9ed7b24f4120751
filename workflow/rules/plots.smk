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
