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
    assert labels == ["Wire (international)", "State One (state-aligned)", "State Two (state-aligned)"]
    # each outlet: one whisker line + one dot in each panel
    xs = sorted(tuple(line.get_xdata()) for line in visible[0].lines if len(line.get_xdata()) == 2)
    assert (0.5, 1.5) in xs and (4.5, 5.5) in xs


def test_heatmap_cells_show_ratio_to_corpus_mean():
    fig = heatmap_figure(relative_to_corpus(_table()), OUTLETS)
    texts = {t.get_text() for t in fig.axes[0].texts}
    # solidarity corpus mean = (1 + 5 + 4) / 3 = 10/3 -> State One 5 / (10/3) = 1.5
    assert "×1.5" in texts and "×0.3" in texts


# ---------------------------------------------------------------- forest, keyness, trends, tone
import numpy as np  # noqa: E402

from framelens.plots import forest_figure, keyness_figure, outlet_colors, repel_labels, tone_figure, trends_figure  # noqa: E402,E501


def _differences():
    rows = []
    for a, sig in [("s1", True), ("s2", False)]:
        for cat in ["solidarity", "kinship"]:
            rows.append({"level": "outlet", "comparison": "vs_reference", "a": a, "b": "international",
                         "category": cat, "difference": 3.0, "ci_low": 1.0, "ci_high": 5.0, "significant": sig})
    return pd.DataFrame(rows)


def test_forest_marks_significant_differences_filled():
    fig = forest_figure(_differences(), OUTLETS, ncols=2)
    ax = fig.axes[0]
    assert ax.get_title() == "solidarity"
    markers = [line for line in ax.lines if line.get_marker() == "o"]
    faces = sorted(str(m.get_markerfacecolor()) for m in markers)
    assert "white" in faces and len(markers) == 2  # s2 open, s1 filled
    assert "international" in fig._suptitle.get_text()
    assert ax.get_xlim()[0] == -ax.get_xlim()[1]  # symmetric around zero


def test_forest_without_reference_is_a_message():
    fig = forest_figure(_differences().assign(comparison="pairwise"), OUTLETS)
    assert "No reference group" in fig.axes[0].texts[0].get_text()


def test_outlet_colors_come_from_the_sheet_with_fallback():
    sheet = OUTLETS.assign(color=["#112233", "", "not-a-colour"])
    colors = outlet_colors(sheet)
    assert colors["w"] == "#112233" and colors["s1"].startswith("#") and colors["s2"] != "not-a-colour"


def _keyness_table():
    rng = np.random.default_rng(0)
    n = 60
    z = np.concatenate([np.linspace(3, 6, 15), rng.normal(0, 0.8, n - 30), -np.linspace(3, 6, 15)])
    return pd.DataFrame({"comparison": "state_vs_rest", "focus": "state", "other": "rest", "category": "",
                         "term": [f"term{i:02d}" for i in range(n)], "count_focus": 20, "count_other": 20,
                         "z": z})


def test_keyness_labels_do_not_overlap():
    fig = keyness_figure(_keyness_table(), n_labels=12)
    ax = fig.axes[0]
    labels = [t for t in ax.texts if t.get_text().startswith("term")]
    assert len(labels) == 24
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    import matplotlib.text
    boxes = [matplotlib.text.Text.get_window_extent(t, renderer) for t in labels]
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            assert not boxes[i].overlaps(boxes[j]), (labels[i].get_text(), labels[j].get_text())


def test_repel_labels_moves_only_what_overlaps():
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots()
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    fig.canvas.draw()
    same = [ax.annotate(t, (5, 5), xytext=(0, 0), textcoords="offset points") for t in ("one", "two")]
    alone = ax.annotate("far", (1, 1), xytext=(0, 0), textcoords="offset points")
    assert repel_labels(fig, ax, [*same, alone]) == 1  # one of the pair moves; the lone label stays
    assert alone.xyann == (0, 0)
    plt.close(fig)


def test_trends_and_tone_figures():
    trends = pd.DataFrame({"outlet": ["w", "w", "s1", "s1"], "period_kind": "month",
                           "period": ["2024-01", "2024-02"] * 2, "period_start": ["2024-01-01", "2024-02-01"] * 2,
                           "category": "solidarity", "n_articles": 3, "mean_rate": [1.0, 2, 5, 6],
                           "ci_low": [0.5, 1, 4, 5], "ci_high": [1.5, 3, 6, 7]})
    fig = trends_figure(trends, OUTLETS)
    assert [ax.get_title() for ax in fig.axes if ax.get_visible()] == ["solidarity"]
    assert "per month" in fig._suptitle.get_text()
    assert "No dated" in trends_figure(trends.iloc[0:0], OUTLETS).axes[0].texts[0].get_text()
    tone = pd.DataFrame({"outlet": ["w", "w", "s1", "s1"], "scope": ["article", "target_sentences"] * 2,
                         "n_articles": [4, 0, 5, 2], "mean_tone": [0.1, np.nan, -0.2, -0.4],
                         "ci_low": [0.0, np.nan, -0.3, -0.6], "ci_high": [0.2, np.nan, -0.1, -0.2],
                         "targets": "sanction*"})
    fig = tone_figure(tone, OUTLETS)
    left, right = fig.axes
    assert sum(line.get_marker() == "o" for line in left.lines) == 2
    assert sum(line.get_marker() == "o" for line in right.lines) == 1  # no target sentences at w


def test_labels_show_each_outlets_language_when_outlets_write_in_several():
    mixed = OUTLETS.assign(language=["en", "es", "ru"])
    fig = profile_figure(_table(), mixed, ncols=2)
    labels = {t.get_text() for t in fig.axes[0].get_yticklabels()}
    assert labels == {"Wire (en) (international)", "State One (es) (state-aligned)",
                      "State Two (ru) (state-aligned)"}
    heat = heatmap_figure(relative_to_corpus(_table()), mixed)
    assert "State Two (ru)  (state-aligned)" in {t.get_text() for t in heat.axes[0].get_yticklabels()}
    # one language only: names as they are
    assert {t.get_text() for t in profile_figure(_table(), OUTLETS).axes[0].get_yticklabels()} == {
        "Wire (international)", "State One (state-aligned)", "State Two (state-aligned)"}
