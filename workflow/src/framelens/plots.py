"""Figures: comparative plots of framing scores. Functions return Figures; they never save.

One shared style (:data:`STYLE`) keeps every figure readable at the width of a
journal column (7.2 in for two columns, 3.5 in for one); outlets are drawn in
the colour of the outlets sheet's ``color`` column (the demo sheet uses the
Okabe–Ito palette, distinguishable for the common forms of colour blindness),
groups in Okabe–Ito colours. Every figure names its unit and its interval.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.colors import TwoSlopeNorm  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

__all__ = [
    "STYLE", "OKABE_ITO", "group_colors", "outlet_colors", "outlet_order", "profile_figure", "heatmap_figure",
    "forest_figure", "keyness_figure", "trends_figure", "tone_figure", "repel_labels",
]

UNIT = "rate per 1,000 tokens"

OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#F0E442", "#000000")

STYLE: dict[str, object] = {
    "font.size": 9,
    "axes.titlesize": 9.5,
    "axes.titleweight": "bold",
    "axes.labelsize": 9,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "axes.axisbelow": True,
    "font.family": "DejaVu Sans",
    "svg.hashsalt": "framelens",
}


def group_colors(groups: Sequence[str]) -> dict[str, str]:
    """Okabe–Ito colour per group, in order of first appearance."""
    unique = list(dict.fromkeys(groups))
    return {g: OKABE_ITO[i % len(OKABE_ITO)] for i, g in enumerate(unique)}


def outlet_colors(outlets: pd.DataFrame) -> dict[str, str]:
    """Colour per outlet from the sheet's ``color`` column; Okabe–Ito by position where it is empty."""
    out = {}
    for i, (outlet, color) in enumerate(zip(outlets["outlet"], outlets.get("color", [""] * len(outlets)))):
        color = str(color or "").strip()
        out[outlet] = color if matplotlib.colors.is_color_like(color) and color else OKABE_ITO[i % len(OKABE_ITO)]
    return out


def outlet_order(outlets: pd.DataFrame) -> list[str]:
    """Outlets sorted by group, then display name: the order of every figure's outlet axis."""
    return outlets.sort_values(["group", "name"], kind="stable")["outlet"].tolist()


def _labels(outlets: pd.DataFrame) -> dict[str, str]:
    """Display name per outlet; "Name (es)" when the outlets write in more than one language."""
    if "language" in outlets.columns and outlets["language"].nunique() > 1:
        return {o: f"{n} ({lang})" for o, n, lang in zip(outlets["outlet"], outlets["name"], outlets["language"])}
    return dict(zip(outlets["outlet"], outlets["name"]))


def profile_figure(
    table: pd.DataFrame,
    outlets: pd.DataFrame,
    *,
    unit: str = "rate per 1,000 tokens",
    ncols: int = 4,
    title: str | None = None,
    level: float = 0.95,
) -> Figure:
    """Dot-and-whisker profile: one panel per category, outlets grouped and coloured by group.

    ``table`` has ``outlet, category, mean_rate, ci_low, ci_high`` (the compare step's output).
    """
    present = outlets[outlets["outlet"].isin(table["outlet"])]
    order = outlet_order(present)
    groups = present.set_index("outlet")["group"]
    colors = outlet_colors(present)
    names = _labels(present)
    categories = list(dict.fromkeys(table["category"]))
    ncols = min(ncols, len(categories))
    nrows = int(np.ceil(len(categories) / ncols))
    height = 0.9 + nrows * (0.28 * len(order) + 0.55)
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(nrows, ncols, figsize=(7.2, height), sharey=True, squeeze=False)
        y = {o: len(order) - 1 - i for i, o in enumerate(order)}
        for ax, cat in zip(axes.flat, categories):
            sub = table[table["category"] == cat].set_index("outlet").loc[order]
            for outlet, row in sub.iterrows():
                color = colors[outlet]
                ax.plot([row.ci_low, row.ci_high], [y[outlet]] * 2, color=color, lw=1.6, solid_capstyle="round")
                ax.plot(row.mean_rate, y[outlet], "o", color=color, ms=4.5, mec="white", mew=0.6)
            _group_bands(ax, order, groups, y)
            ax.set_title(_panel_title(cat), fontsize=8.5)
            ax.set_xlim(left=0)
            ax.grid(axis="y", visible=False)
            ax.margins(y=0.06)
        for ax in axes.flat[len(categories):]:
            ax.set_visible(False)
        ticks = [y[o] for o in order]
        labels = [f"{names[o]} ({groups[o]})" for o in order]
        for row_axes in axes:
            row_axes[0].set_yticks(ticks, labels)
            for label, o in zip(row_axes[0].get_yticklabels(), order):
                label.set_color(_darken(colors[o]))
        for ax in axes.flat[max(0, len(categories) - ncols):len(categories)]:
            ax.xaxis.set_tick_params(labelbottom=True)
        fig.supxlabel(f"mean {unit} (article mean)", fontsize=9)
        fig.suptitle(title or f"Framing profile by outlet: mean {unit}, {level:.0%} bootstrap CI",
                     fontsize=10, fontweight="bold")
        fig.tight_layout(rect=(0, 0, 1, 0.97))
    return fig


def _group_bands(ax: plt.Axes, order: Sequence[str], groups: pd.Series, y: Mapping[str, int]) -> None:
    previous = None
    for outlet in order:
        if previous is not None and groups[outlet] != groups[previous]:
            ax.axhline((y[outlet] + y[previous]) / 2, color="#999999", lw=0.5, ls=(0, (2, 2)))
        previous = outlet


def heatmap_figure(
    relative: pd.DataFrame,
    outlets: pd.DataFrame,
    *,
    title: str = "Framing relative to the corpus mean (article-mean rate ÷ corpus mean)",
) -> Figure:
    """Outlet × category heatmap of rates relative to the corpus mean (log2 colour scale).

    ``relative`` is :func:`framelens.compare.relative_to_corpus` output. Cells
    show the ratio; colour is ``log2(ratio)`` so ×2 and ×½ look equally strong.
    """
    present = outlets[outlets["outlet"].isin(relative.index)]
    order = outlet_order(present)
    names = _labels(present)
    groups = present.set_index("outlet")["group"]
    matrix = relative.loc[order]
    with np.errstate(divide="ignore"):
        logged = np.log2(matrix.to_numpy(dtype=float))
    finite = np.abs(logged[np.isfinite(logged)])
    # colour saturates at ×8 / ×1/8: beyond that the cell text carries the value
    bound = float(min(3.0, max(1.0, np.ceil(finite.max()) if finite.size else 1.0)))
    display = np.clip(np.where(np.isneginf(logged), -bound, logged), -bound, bound)
    categories = list(matrix.columns)
    with plt.rc_context(STYLE | {"axes.grid": False}):
        fig, ax = plt.subplots(figsize=(1.6 + 0.78 * len(categories), 1.3 + 0.42 * len(order)))
        cmap = matplotlib.colormaps["PuOr_r"].with_extremes(bad="#eeeeee")
        image = ax.imshow(np.ma.masked_invalid(display), cmap=cmap,
                          norm=TwoSlopeNorm(vcenter=0, vmin=-bound, vmax=bound), aspect="auto")
        for i in range(len(order)):
            for j in range(len(categories)):
                ratio = matrix.iat[i, j]
                if not np.isfinite(ratio):
                    text, dark = "n/a", False
                else:
                    text = _ratio_text(ratio)
                    dark = abs(display[i, j]) > 0.6 * bound
                ax.text(j, i, text, ha="center", va="center", fontsize=7.5,
                        color="white" if dark else "#222222")
        ax.set_xticks(range(len(categories)), [c.replace("_", " ") for c in categories],
                      rotation=35, ha="right", rotation_mode="anchor")
        ax.set_yticks(range(len(order)), [f"{names[o]}  ({groups[o]})" for o in order])
        colors = outlet_colors(present)
        for label, o in zip(ax.get_yticklabels(), order):
            label.set_color(_darken(colors[o]))
        for i in range(1, len(order)):
            if groups[order[i]] != groups[order[i - 1]]:
                ax.axhline(i - 0.5, color="white", lw=2)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        cbar = fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
        ticks = np.arange(-bound, bound + 1)
        cbar.set_ticks(ticks, labels=[f"×{2 ** int(t)}" if t >= 0 else f"×1/{2 ** int(-t)}" for t in ticks])
        cbar.set_label("relative to corpus mean (log scale)")
        ax.set_title(title, loc="left")
        fig.tight_layout()
    return fig


def _panel_title(category: str) -> str:
    """A category name as a small-multiple title: underscores become spaces, long names two lines."""
    return category.replace("_", "\n" if len(category) > 12 else " ")


def _ratio_text(ratio: float) -> str:
    """A ratio as cell text: ×0 for none, two significant digits below 0.1, one decimal below 10."""
    if ratio == 0:
        return "×0"
    if ratio < 0.1:
        return f"×{ratio:.1g}"
    return f"×{ratio:.1f}" if ratio < 10 else f"×{ratio:.0f}"


def _darken(color: str, factor: float = 0.75) -> tuple[float, float, float]:
    """A darker shade of ``color`` for text, so light palette colours stay readable on white."""
    r, g, b = matplotlib.colors.to_rgb(color)
    return (r * factor, g * factor, b * factor)


def forest_figure(
    differences: pd.DataFrame,
    outlets: pd.DataFrame,
    *,
    level_name: str = "outlet",
    level: float = 0.95,
    fdr: float = 0.05,
    ncols: int = 4,
    unit: str = UNIT,
) -> Figure:
    """Forest plot of each outlet (or group) minus the reference group, one panel per category.

    ``differences`` is the compare step's differences table; rows with
    ``comparison == "vs_reference"`` and the given ``level_name`` are drawn.
    Filled markers: ``q_value < fdr`` (Benjamini–Hochberg); open: not.
    """
    sub = differences[(differences["level"] == level_name) & (differences["comparison"] == "vs_reference")]
    if sub.empty:
        return _empty_figure("No reference group configured: no differences to draw (set compare.reference_group).")
    reference = str(sub["b"].iloc[0])
    categories = list(dict.fromkeys(sub["category"]))
    if level_name == "outlet":
        present = outlets[outlets["outlet"].isin(set(sub["a"]))]
        order = outlet_order(present)
        colors = outlet_colors(present)
        labels = _labels(present)
        names = {o: f"{labels[o]} ({g})" for o, g in zip(present["outlet"], present["group"])}
    else:
        order = sorted(set(sub["a"]))
        # a group takes the colour of its first outlet, so groups match the outlet figures
        first = {}
        sheet_colors = outlet_colors(outlets)
        for o in outlet_order(outlets):
            first.setdefault(outlets.set_index("outlet").at[o, "group"], sheet_colors[o])
        fallback = group_colors(order)
        colors = {g: first.get(g, fallback[g]) for g in order}
        names = {g: g for g in order}
    ncols = min(ncols, len(categories))
    nrows = int(np.ceil(len(categories) / ncols))
    height = 1.2 + nrows * (0.3 * len(order) + 0.75)
    y = {o: len(order) - 1 - i for i, o in enumerate(order)}
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(nrows, ncols, figsize=(7.2, height), sharey=True, squeeze=False)
        for ax, cat in zip(axes.flat, categories):
            rows = sub[sub["category"] == cat].set_index("a")
            ax.axvline(0, color="#555555", lw=0.8, zorder=1)
            for o in order:
                if o not in rows.index:
                    continue
                r = rows.loc[o]
                color = colors[o]
                ax.plot([r["ci_low"], r["ci_high"]], [y[o]] * 2, color=color, lw=1.6, solid_capstyle="round", zorder=2)
                filled = bool(r["significant"]) if not isinstance(r["significant"], str) \
                    else r["significant"] == "True"
                ax.plot(r["difference"], y[o], "o", ms=5, zorder=3, mec=color, mew=1.2,
                        mfc=color if filled else "white")
            ax.set_title(_panel_title(cat), fontsize=8.5)
            ax.grid(axis="y", visible=False)
            ax.margins(y=0.08)
            lo, hi = ax.get_xlim()
            bound = max(abs(lo), abs(hi))
            ax.set_xlim(-bound, bound)
        for ax in axes.flat[len(categories):]:
            ax.set_visible(False)
        for row_axes in axes:
            row_axes[0].set_yticks([y[o] for o in order], [names[o] for o in order])
            for label, o in zip(row_axes[0].get_yticklabels(), order):
                label.set_color(_darken(colors[o]))
        for ax in axes.flat[max(0, len(categories) - ncols):len(categories)]:
            ax.xaxis.set_tick_params(labelbottom=True)
        handles = [Line2D([], [], marker="o", color="#444444", mfc="#444444", lw=1.6, label=f"q < {fdr:g} (BH)"),
                   Line2D([], [], marker="o", color="#444444", mfc="white", lw=1.6, label=f"q ≥ {fdr:g}")]
        h = fig.get_figheight()
        fig.supxlabel(f"difference from the {reference} group in {unit}  (right = more)", fontsize=9,
                      y=0.3 / h, va="bottom")
        fig.legend(handles=handles, loc="lower center", ncol=2, frameon=False, bbox_to_anchor=(0.5, 0.0))
        what = "outlet" if level_name == "outlet" else "outlet group"
        fig.suptitle(f"Difference of each {what} from the {reference} group ({level:.0%} bootstrap CI)",
                     fontsize=10, fontweight="bold")
        fig.tight_layout(rect=(0, 0.55 / h, 1, 1 - 0.3 / h))
    return fig


def _empty_figure(message: str) -> Figure:
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(5, 1.2))
        ax.axis("off")
        ax.text(0.5, 0.5, message, ha="center", va="center", wrap=True)
    return fig


def repel_labels(fig: Figure, ax: plt.Axes, labels: Sequence[matplotlib.text.Annotation], *,
                 pad: float = 1.0) -> int:
    """Move annotation labels so that their boxes do not overlap; return how many labels moved.

    Labels are :meth:`~matplotlib.axes.Axes.annotate` objects placed with
    ``textcoords="offset points"``. They are first pulled inside the axes;
    then labels in the upper half are placed from the top down and labels in
    the lower half from the bottom up, each moved towards the middle just past
    every already placed label it would overlap (plus ``pad`` points). One
    pass, no randomness: the same input gives the same layout. The
    annotation's leader line keeps each moved label tied to its point.
    """
    renderer = fig.canvas.get_renderer()
    px_to_pt = 72.0 / fig.dpi
    pad_px = pad / px_to_pt
    box = ax.get_window_extent(renderer)

    def shift(lab: matplotlib.text.Annotation, dx_px: float, dy_px: float) -> None:
        x, y = lab.xyann
        lab.xyann = (x + dx_px * px_to_pt, y + dy_px * px_to_pt)

    start = [tuple(lab.xyann) for lab in labels]
    for lab in labels:
        bb = _text_box(lab, renderer)
        dx = (box.x0 - bb.x0 if bb.x0 < box.x0 else 0.0) + (box.x1 - bb.x1 if bb.x1 > box.x1 else 0.0)
        dy = (box.y0 - bb.y0 if bb.y0 < box.y0 else 0.0) + (box.y1 - bb.y1 if bb.y1 > box.y1 else 0.0)
        if dx or dy:
            shift(lab, dx, dy)
    middle = (box.y0 + box.y1) / 2
    anchor = {id(lab): ax.transData.transform(lab.xy)[1] for lab in labels}
    upper = sorted((lab for lab in labels if anchor[id(lab)] >= middle), key=lambda lab: -anchor[id(lab)])
    lower = sorted((lab for lab in labels if anchor[id(lab)] < middle), key=lambda lab: anchor[id(lab)])
    placed: list = []
    for group, downward in ((upper, True), (lower, False)):
        for lab in group:
            for _ in range(len(placed) + 1):
                bb = _text_box(lab, renderer)
                hits = [p for p in placed
                        if not (bb.x1 <= p.x0 or p.x1 <= bb.x0 or bb.y1 <= p.y0 or p.y1 <= bb.y0)]
                if not hits:
                    break
                if downward:
                    shift(lab, 0.0, min(p.y0 for p in hits) - bb.y1 - pad_px)
                else:
                    shift(lab, 0.0, max(p.y1 for p in hits) - bb.y0 + pad_px)
            placed.append(_text_box(lab, renderer))
    return sum(tuple(lab.xyann) != s0 for lab, s0 in zip(labels, start))


def _text_box(label: matplotlib.text.Annotation, renderer: object) -> matplotlib.transforms.Bbox:
    """The box of an annotation's text alone (without its leader line), in display pixels."""
    label.update_positions(renderer)
    return matplotlib.text.Text.get_window_extent(label, renderer)


def keyness_figure(table: pd.DataFrame, *, comparison: str = "", n_labels: int = 12,
                   z_threshold: float = 1.96) -> Figure:
    """Fightin' Words plot: term frequency (log scale) against the log-odds z-score, top terms labelled.

    ``table`` is the keyness step's table; ``comparison`` picks one comparison
    (the first when empty). Terms with ``|z| > z_threshold`` are coloured by
    the side that uses them more; the ``n_labels`` strongest each way are
    labelled, moved apart by :func:`repel_labels`.
    """
    if table.empty:
        return _empty_figure(f"{comparison or 'Keyness'}: no term reaches the minimum count.")
    comparison = comparison or str(table["comparison"].iloc[0])
    sub = table[table["comparison"] == comparison]
    if sub.empty:
        return _empty_figure(f"{comparison}: no term reaches the minimum count.")
    focus, other = str(sub["focus"].iloc[0]), str(sub["other"].iloc[0])
    other_label = "all other outlets" if other == "rest" else other
    freq = (sub["count_focus"] + sub["count_other"]).to_numpy(dtype=float)
    z = sub["z"].to_numpy(dtype=float)
    c_focus, c_other = OKABE_ITO[4], OKABE_ITO[3]
    colors = np.where(z > z_threshold, c_focus, np.where(z < -z_threshold, c_other, "#bbbbbb"))
    terms = sub["term"].astype(str).to_numpy()
    if "category" in sub and sub["category"].fillna("").astype(str).str.len().gt(0).all():
        terms = np.array([t for t in terms])
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7.2, 5.2))
        grey = colors == "#bbbbbb"
        ax.scatter(freq[grey], z[grey], s=6, c="#bbbbbb", lw=0, zorder=2)
        ax.scatter(freq[~grey], z[~grey], s=12, c=colors[~grey], lw=0, zorder=3)
        ax.set_xscale("log")
        ax.axhline(0, color="#555555", lw=0.6)
        for t in (z_threshold, -z_threshold):
            ax.axhline(t, color="#999999", lw=0.6, ls=(0, (3, 3)))
        ax.set_xlabel("frequency in the two sides together (tokens, log scale)")
        ax.set_ylabel("log-odds z-score (informative Dirichlet prior)")
        ax.margins(x=0.12, y=0.08)
        order = np.argsort(-z, kind="stable")
        top = [i for i in order[:n_labels] if z[i] > z_threshold]
        bottom = [i for i in order[::-1][:n_labels] if z[i] < -z_threshold]
        fig.canvas.draw()
        labels = []
        for idx, side in [(i, 1) for i in top] + [(i, -1) for i in bottom]:
            labels.append(ax.annotate(
                terms[idx], (freq[idx], z[idx]), xytext=(6, 0), textcoords="offset points",
                fontsize=7.5, va="center", ha="left", color=_darken(colors[idx], 0.85), zorder=4,
                arrowprops={"arrowstyle": "-", "color": "#888888", "lw": 0.5, "shrinkA": 0, "shrinkB": 2},
            ))
        repel_labels(fig, ax, labels)
        handles = [Line2D([], [], ls="", marker="o", color=c_focus, label=f"more in {focus}"),
                   Line2D([], [], ls="", marker="o", color=c_other, label=f"more in {other_label}"),
                   Line2D([], [], ls="", marker="o", color="#bbbbbb", label=f"|z| ≤ {z_threshold:g}")]
        ax.legend(handles=handles, loc="upper left", frameon=True, framealpha=0.9, edgecolor="none")
        ax.set_title(f"Distinctive terms: {focus} vs {other_label} (Monroe et al. 2008 log-odds)", loc="left")
        fig.tight_layout()
    return fig


def trends_figure(table: pd.DataFrame, outlets: pd.DataFrame, *, level: float = 0.95, ncols: int = 3,
                  unit: str = UNIT) -> Figure:
    """Small multiples, one per category: each outlet's mean rate per period with its bootstrap band."""
    if table.empty:
        return _empty_figure("No dated articles: no time series to draw.")
    present = outlets[outlets["outlet"].isin(set(table["outlet"]))]
    order = outlet_order(present)
    colors = outlet_colors(present)
    names = _labels(present)
    categories = list(dict.fromkeys(table["category"]))
    ncols = min(ncols, len(categories))
    nrows = int(np.ceil(len(categories) / ncols))
    dates = pd.to_datetime(table["period_start"])
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(nrows, ncols, figsize=(7.2, 0.8 + 2.0 * nrows), sharex=True, squeeze=False)
        for ax, cat in zip(axes.flat, categories):
            for o in order:
                mask = ((table["category"] == cat) & (table["outlet"] == o)).to_numpy()
                if not mask.any():
                    continue
                x = dates[mask].to_numpy()
                ax.fill_between(x, table.loc[mask, "ci_low"], table.loc[mask, "ci_high"], color=colors[o],
                                alpha=0.15, lw=0)
                ax.plot(x, table.loc[mask, "mean_rate"], color=colors[o], lw=1.4, marker="o", ms=2.5)
            ax.set_title(_panel_title(cat), fontsize=8.5)
            ax.set_ylim(bottom=0)
            locator = matplotlib.dates.AutoDateLocator(minticks=3, maxticks=5)
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(matplotlib.dates.ConciseDateFormatter(locator))
        for ax in axes.flat[len(categories):]:
            ax.set_visible(False)
        for row_axes in axes:
            row_axes[0].set_ylabel(unit)
        handles = [Line2D([], [], color=colors[o], lw=1.6, label=names[o]) for o in order]
        fig.legend(handles=handles, loc="lower center", ncol=min(3, len(handles)), frameon=False,
                   bbox_to_anchor=(0.5, 0.0))
        per = str(table["period_kind"].iloc[0]) if "period_kind" in table else "period"
        fig.suptitle(f"Framing over time: mean {unit} per {per}, {level:.0%} bootstrap band",
                     fontsize=10, fontweight="bold")
        legend_rows = int(np.ceil(len(handles) / 3))
        h = fig.get_figheight()
        fig.tight_layout(rect=(0, (0.2 * legend_rows + 0.1) / h, 1, 1 - 0.3 / h))
    return fig


def tone_figure(table: pd.DataFrame, outlets: pd.DataFrame, *, level: float = 0.95) -> Figure:
    """Tone by outlet: mean VADER compound score per article and per target sentence, with CIs."""
    present = outlets[outlets["outlet"].isin(set(table["outlet"]))]
    order = outlet_order(present)
    colors = outlet_colors(present)
    labels = _labels(present)
    names = {o: f"{labels[o]} ({g})" for o, g in zip(present["outlet"], present["group"])}
    scopes = [("article", "all sentences"), ("target_sentences", "sentences naming a target")]
    targets = str(table["targets"].iloc[0]) if "targets" in table and len(table) else ""
    y = {o: len(order) - 1 - i for i, o in enumerate(order)}
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(1, 2, figsize=(7.2, 1.3 + 0.3 * len(order)), sharey=True, squeeze=False)
        for ax, (scope, title) in zip(axes[0], scopes):
            rows = table[table["scope"] == scope].set_index("outlet")
            ax.axvline(0, color="#555555", lw=0.8)
            for o in order:
                if o not in rows.index or not np.isfinite(rows.at[o, "mean_tone"]):
                    continue
                r = rows.loc[o]
                ax.plot([r["ci_low"], r["ci_high"]], [y[o]] * 2, color=colors[o], lw=1.6)
                ax.plot(r["mean_tone"], y[o], "o", color=colors[o], ms=5, mec="white", mew=0.6)
                ax.annotate(f"n={int(r['n_articles'])}", (1.0, y[o]), xycoords=("axes fraction", "data"),
                            xytext=(2, 0), textcoords="offset points", fontsize=6.5, va="center", color="#666666")
            ax.set_title(title)
            ax.set_xlabel("VADER compound score (−1 … +1)")
            ax.grid(axis="y", visible=False)
            ax.margins(y=0.1)
        axes[0, 0].set_yticks([y[o] for o in order], [names[o] for o in order])
        for label, o in zip(axes[0, 0].get_yticklabels(), order):
            label.set_color(_darken(colors[o]))
        sub = f"; targets: {targets}" if targets else ""
        fig.suptitle(f"Tone by outlet: mean, {level:.0%} bootstrap CI over articles{sub}",
                     fontsize=10, fontweight="bold")
        fig.tight_layout(rect=(0, 0, 0.97, 0.95))
    return fig


# ----------------------------------------------------------------------------- classifier figures
__all__ += ["label_f1_figure", "calibration_figure", "frame_share_figure", "confusion_figure", "agreement_figure"]


def label_f1_figure(metrics: pd.DataFrame, *, level: float = 0.95, title: str | None = None) -> Figure:
    """Per-label F1 (dots) with bootstrap intervals (whiskers); micro and macro F1 below a rule.

    ``metrics`` has ``label, support, f1, f1_low, f1_high`` (:func:`framelens.classify.label_metrics`).
    """
    per = metrics[~metrics["label"].isin(["micro", "macro"])]
    summary = metrics[metrics["label"].isin(["micro", "macro"])]
    rows = list(per.itertuples(index=False)) + list(summary.itertuples(index=False))
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(5.6, 0.9 + 0.3 * len(rows)))
        for i, row in enumerate(rows):
            y = len(rows) - 1 - i
            color = OKABE_ITO[3] if row.label not in ("micro", "macro") else "#000000"
            ax.plot([row.f1_low, row.f1_high], [y, y], color=color, lw=1.6, solid_capstyle="round")
            ax.plot(row.f1, y, "o", color=color, ms=5, mec="white", mew=0.6)
            ax.annotate(f"{row.f1:.2f}", (row.f1_high, y), xytext=(4, 0), textcoords="offset points",
                        va="center", fontsize=7, color="#444444")
        labels = [f"{r.label.replace('_', ' ')} (n={r.support})" if r.label not in ("micro", "macro")
                  else f"{r.label} F1" for r in rows]
        ax.set_yticks(range(len(rows) - 1, -1, -1), labels)
        if len(summary):
            ax.axhline(len(summary) - 0.5, color="#999999", lw=0.6, ls=(0, (2, 2)))
        ax.set_xlim(0, 1.08)
        ax.set_xlabel(f"F1 (out-of-fold predictions), {level:.0%} bootstrap CI")
        ax.grid(axis="y", visible=False)
        ax.set_title(title or "Frame classifier: cross-validated F1 per frame", loc="left")
        fig.tight_layout()
    return fig


def calibration_figure(table: pd.DataFrame, *, ncols: int = 3, title: str | None = None) -> Figure:
    """Reliability diagram per label (and pooled): observed frequency against mean predicted probability.

    ``table`` is :func:`framelens.classify.calibration_table` output; marker area
    grows with the number of predictions in the bin; the diagonal is perfect calibration.
    """
    labels = list(dict.fromkeys(table["label"]))
    labels = [lab for lab in labels if lab != "all"] + (["all"] if "all" in labels else [])
    nrows = int(np.ceil(len(labels) / ncols))
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(nrows, ncols, figsize=(7.2, 0.6 + 2.2 * nrows), sharex=True, sharey=True,
                                 squeeze=False)
        for ax, lab in zip(axes.flat, labels):
            sub = table[table["label"] == lab].sort_values("bin")
            color = "#000000" if lab == "all" else OKABE_ITO[3]
            ax.plot([0, 1], [0, 1], color="#999999", lw=0.8, ls=(0, (3, 2)))
            ax.plot(sub["mean_predicted"], sub["observed"], color=color, lw=1.2)
            sizes = 8 + 60 * np.sqrt(sub["n"] / max(1, sub["n"].max()))
            ax.scatter(sub["mean_predicted"], sub["observed"], s=sizes, color=color, edgecolor="white",
                       linewidth=0.5, zorder=3)
            brier = float(sub["brier"].iloc[0]) if len(sub) else float("nan")
            name = "all frames pooled" if lab == "all" else lab.replace("_", " ")
            ax.set_title(f"{name}\nBrier {brier:.3f}, n={int(sub['n'].sum())}", fontsize=8.5)
            ax.set_xlim(-0.02, 1.02)
            ax.set_ylim(-0.02, 1.02)
            ax.set_aspect("equal")
        for ax in axes.flat[len(labels):]:
            ax.set_visible(False)
        for ax in axes[:, 0]:
            ax.set_ylabel("observed share")
        for ax in axes.flat:
            if ax.get_visible():
                ax.tick_params(labelbottom=True)
        for ax in axes[-1]:
            ax.set_xlabel("mean predicted probability")
        fig.suptitle(title or "Calibration of frame probabilities (out-of-fold; dashed = perfect)",
                     fontsize=10, fontweight="bold")
        fig.tight_layout(rect=(0, 0, 1, 0.97))
    return fig


def frame_share_figure(
    table: pd.DataFrame, outlets: pd.DataFrame, *, level: float = 0.95, ncols: int = 4
) -> Figure:
    """Frame shares by outlet in the lexicon profile's dot-and-whisker style (:func:`profile_figure`).

    ``table`` has ``outlet, category, mean_share_pct, ci_low_pct, ci_high_pct`` (the apply step's output).
    """
    renamed = table.rename(columns={"mean_share_pct": "mean_rate", "ci_low_pct": "ci_low",
                                    "ci_high_pct": "ci_high"})
    return profile_figure(
        renamed, outlets, unit="% of sentences", ncols=ncols, level=level,
        title=f"Frame classifier by outlet: mean % of an article's sentences with the frame, "
              f"{level:.0%} bootstrap CI")


def confusion_figure(
    confusion: pd.DataFrame, *, names: Mapping[str, str] | None = None, title: str | None = None
) -> Figure:
    """Confusion matrix: rows are true classes, cells the share of that class's articles (with counts).

    ``confusion`` is :func:`framelens.distinct.confusion_table` output.
    """
    names = dict(names or {})
    classes = list(dict.fromkeys(confusion["truth"]))
    share = confusion.pivot(index="truth", columns="predicted", values="share").reindex(index=classes, columns=classes)
    count = confusion.pivot(index="truth", columns="predicted", values="n").reindex(index=classes, columns=classes)
    labels = [names.get(c, c) for c in classes]
    with plt.rc_context(STYLE | {"axes.grid": False}):
        size = 1.8 + 0.55 * len(classes)
        fig, ax = plt.subplots(figsize=(size + 1.0, size))
        image = ax.imshow(share.to_numpy(dtype=float), cmap="Blues", vmin=0, vmax=1)
        for i in range(len(classes)):
            for j in range(len(classes)):
                s, n = share.iat[i, j], int(count.iat[i, j])
                ax.text(j, i, f"{s:.0%}\n({n})", ha="center", va="center", fontsize=7,
                        color="white" if s > 0.6 else "#222222")
        ax.set_xticks(range(len(classes)), labels, rotation=35, ha="right", rotation_mode="anchor")
        ax.set_yticks(range(len(classes)), labels)
        ax.set_xlabel("predicted")
        ax.set_ylabel("true")
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        cbar = fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
        cbar.set_label("share of the true class's articles")
        ax.set_title(title or "Confusion matrix (grouped cross-validation)", loc="left")
        fig.tight_layout()
    return fig


def agreement_figure(
    pairs: pd.DataFrame, stats: pd.DataFrame, outlets: pd.DataFrame | None = None, *, ncols: int = 4
) -> Figure:
    """Per category: classifier share (% of sentences) against lexicon rate, one dot per article.

    ``pairs`` has ``outlet, category, rate, share``; ``stats`` has ``category,
    spearman_rho, pearson_r, n_articles`` (the agreement step's outputs).
    Dots are coloured by outlet group when ``outlets`` is given.
    """
    categories = list(dict.fromkeys(stats["category"]))
    nrows = int(np.ceil(len(categories) / ncols))
    groups = outlets.set_index("outlet")["group"] if outlets is not None else None
    colors = group_colors(outlets.sort_values(["group", "name"])["group"].tolist()) if outlets is not None else {}
    info = stats.set_index("category")
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(nrows, ncols, figsize=(7.2, 0.9 + 1.95 * nrows), squeeze=False)
        for ax, cat in zip(axes.flat, categories):
            sub = pairs[pairs["category"] == cat]
            point_colors = ([colors.get(groups.get(o, ""), "#777777") for o in sub["outlet"]]
                            if groups is not None else OKABE_ITO[3])
            ax.scatter(sub["rate"], 100 * sub["share"], s=10, c=point_colors, alpha=0.75, linewidths=0)
            rho, r = info.at[cat, "spearman_rho"], info.at[cat, "pearson_r"]
            ax.set_title(f"{cat.replace('_', ' ')}\nρ = {rho:.2f}, r = {r:.2f}", fontsize=8.5)
            ax.set_xlim(left=-0.5)
            ax.set_ylim(bottom=-2)
        for ax in axes.flat[len(categories):]:
            ax.set_visible(False)
        for ax in axes[:, 0]:
            ax.set_ylabel("classifier: % of sentences")
        for ax in axes[-1]:
            ax.set_xlabel("lexicon: per 1,000 tokens")
        if colors:
            handles = [Line2D([], [], marker="o", ls="", color=c, label=g) for g, c in colors.items()]
            fig.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False,
                       bbox_to_anchor=(0.5, 0.0))
        fig.suptitle("Lexicon rate vs classifier share per article (Spearman ρ, Pearson r across articles)",
                     fontsize=10, fontweight="bold")
        fig.tight_layout(rect=(0, 0.05 if colors else 0, 1, 0.97))
    return fig


__all__ += ["contributions_figure"]


def contributions_figure(
    table: pd.DataFrame,
    outlets: pd.DataFrame,
    *,
    top: int = 6,
    ncols: int = 2,
    title: str = "Which entries produce each category's hits: share of the outlet's hits (n)",
) -> Figure:
    """Per category, the ``top`` entries (by hits over all outlets) × outlets, shaded by share of hits.

    ``table`` is :func:`framelens.contributions.term_contributions` output. A
    cell shows the entry's share of the outlet's counted hits in the category
    and the number of hits; an empty cell means no hit. Outlet labels are
    coloured by group; a dark cell means one entry drives that outlet's score.
    """
    present = outlets[outlets["outlet"].isin(table["outlet"])]
    order = outlet_order(present)
    names = _labels(present)
    groups = present.set_index("outlet")["group"]
    colors = group_colors(groups.loc[order].tolist())
    categories = list(dict.fromkeys(table["category"]))
    panels = []
    for cat in categories:
        sub = table[table["category"] == cat]
        ranked = sub.groupby("entry")["n"].sum().sort_values(ascending=False, kind="stable")
        entries = [e for e in ranked.index if ranked[e] > 0][:top]
        panels.append((cat, entries, sub))
    ncols = max(1, min(ncols, len(panels)))
    nrows = max(1, int(np.ceil(len(panels) / ncols)))
    rows_per = max([len(e) for _, e, _ in panels] + [1])
    width = 7.2 if ncols > 1 else 4.2
    height = 1.0 + nrows * (0.26 * rows_per + 1.25)
    with plt.rc_context(STYLE | {"axes.grid": False}):
        fig, axes = plt.subplots(nrows, ncols, figsize=(width, height), squeeze=False)
        cmap = matplotlib.colormaps["Blues"]
        for ax, (cat, entries, sub) in zip(axes.flat, panels):
            share = sub.pivot_table(index="entry", columns="outlet", values="share", aggfunc="sum")
            count = sub.pivot_table(index="entry", columns="outlet", values="n", aggfunc="sum")
            share = share.reindex(index=entries, columns=order)
            count = count.reindex(index=entries, columns=order)
            values = share.to_numpy(dtype=float)
            ax.imshow(np.ma.masked_invalid(np.where(count.to_numpy(dtype=float) > 0, values, np.nan)),
                      cmap=cmap.with_extremes(bad="#f4f4f4"), vmin=0, vmax=1, aspect="auto")
            for i in range(len(entries)):
                for j in range(len(order)):
                    n = count.iat[i, j]
                    if np.isfinite(n) and n > 0:
                        ax.text(j, i, f"{values[i, j]:.0%}\n({int(n)})", ha="center", va="center",
                                fontsize=6.2, color="white" if values[i, j] > 0.55 else "#222222",
                                linespacing=0.95)
            ax.set_yticks(range(len(entries)), [e if len(e) <= 22 else e[:21] + "…" for e in entries])
            ax.set_xticks(range(len(order)), [names[o] for o in order], rotation=35, ha="right",
                          rotation_mode="anchor")
            for label, outlet in zip(ax.get_xticklabels(), order):
                label.set_color(colors[groups[outlet]])
            ax.tick_params(length=0)
            for spine in ax.spines.values():
                spine.set_visible(False)
            ax.set_title(cat.replace("_", " "), loc="left")
            if not entries:
                ax.text(0.5, 0.5, "no hits", transform=ax.transAxes, ha="center", va="center", color="#777777")
        for ax in axes.flat[len(panels):]:
            ax.set_visible(False)
        handles = [Line2D([], [], marker="s", ls="", color=c, label=g) for g, c in colors.items()]
        fig.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False,
                   bbox_to_anchor=(0.5, 0.0), title="outlet group (label colour)", title_fontsize=8)
        fig.suptitle(title, fontsize=10, fontweight="bold")
        fig.tight_layout(rect=(0, 0.06, 1, 0.97))
    return fig
