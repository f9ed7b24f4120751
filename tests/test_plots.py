import pandas as pd
from matplotlib.figure import Figure

from framelens.compare import relative_to_corpus
from framelens.plots import group_colors, heatmap_figure, outlet_order, profile_figure

OUTLETS = pd.DataFrame({
    "outlet": ["w", "s1", "s2"], "name": ["Wire", "State One", "State Two"],
    "group": ["international", "state-aligned", "state-aligned"],
    "country": ["", "", ""], "language": ["en"] * 3, "color": ["#000000"] * 3,
})


def _table():
    rows = []
    for outlet, base in [("w", 1.0), ("s1", 5.0), ("s2", 4.0)]:
        for k, cat in enumerate(["solidarity", "kinship", "sanctions"]):
            m = base * (k + 1)
            rows.append({"outlet": outlet, "category": cat, "mean_rate": m, "ci_low": m - 0.5,
                         "ci_high": m + 0.5, "n_articles": 10})
    return pd.DataFrame(rows)


def test_outlet_order_groups_then_names():
    assert outlet_order(OUTLETS) == ["w", "s1", "s2"]  # international < state-aligned
    assert list(group_colors(["b", "a", "b"])) == ["b", "a"]


def test_profile_has_one_panel_per_category_with_whiskers():
    fig = profile_figure(_table(), OUTLETS, ncols=2)
    assert isinstance(fig, Figure)
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in visible] == ["solidarity", "kinship", "sanctions"]
    labels = [t.get_text() for t in visible[0].get_yticklabels()]
    assert labels == ["Wire", "State One", "State Two"][::-1] or set(labels) == {"Wire", "State One", "State Two"}
    # each outlet: one whisker line + one dot in each panel
    xs = sorted(tuple(line.get_xdata()) for line in visible[0].lines if len(line.get_xdata()) == 2)
    assert (0.5, 1.5) in xs and (4.5, 5.5) in xs


def test_heatmap_cells_show_ratio_to_corpus_mean():
    fig = heatmap_figure(relative_to_corpus(_table()), OUTLETS)
    texts = {t.get_text() for t in fig.axes[0].texts}
    # solidarity corpus mean = (1 + 5 + 4) / 3 = 10/3 -> State One 5 / (10/3) = 1.5
    assert "×1.5" in texts and "×0.3" in texts


def test_labels_show_each_outlets_language_when_outlets_write_in_several():
    mixed = OUTLETS.assign(language=["en", "es", "ru"])
    fig = profile_figure(_table(), mixed, ncols=2)
    labels = {t.get_text() for t in fig.axes[0].get_yticklabels()}
    assert labels == {"Wire (en)", "State One (es)", "State Two (ru)"}
    heat = heatmap_figure(relative_to_corpus(_table()), mixed)
    assert "State Two (ru)  (state-aligned)" in {t.get_text() for t in heat.axes[0].get_yticklabels()}
    # one language only: names as they are
    assert {t.get_text() for t in profile_figure(_table(), OUTLETS).axes[0].get_yticklabels()} == {
        "Wire", "State One", "State Two"}
