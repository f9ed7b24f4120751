"""Figures: comparative plots of framing scores. Functions return Figures; they never save.

One shared style (:data:`STYLE`) keeps every figure readable at the width of a
journal column; group colours come from the Okabe–Ito palette, which stays
distinguishable for the common forms of colour blindness.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.colors import TwoSlopeNorm  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

__all__ = ["STYLE", "OKABE_ITO", "group_colors", "outlet_order", "profile_figure", "heatmap_figure"]

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


def outlet_order(outlets: pd.DataFrame) -> list[str]:
    """Outlets sorted by group, then display name: the order of every figure's outlet axis."""
    return outlets.sort_values(["group", "name"], kind="stable")["outlet"].tolist()


def _labels(outlets: pd.DataFrame) -> dict[str, str]:
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
    colors = group_colors(groups.loc[order].tolist())
    names = _labels(present)
    categories = list(dict.fromkeys(table["category"]))
    nrows = int(np.ceil(len(categories) / ncols))
    height = 0.9 + nrows * (0.28 * len(order) + 0.55)
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(nrows, ncols, figsize=(7.2, height), sharey=True, squeeze=False)
        y = {o: len(order) - 1 - i for i, o in enumerate(order)}
        for ax, cat in zip(axes.flat, categories):
            sub = table[table["category"] == cat].set_index("outlet").loc[order]
            for outlet, row in sub.iterrows():
                color = colors[groups[outlet]]
                ax.plot([row.ci_low, row.ci_high], [y[outlet]] * 2, color=color, lw=1.6, solid_capstyle="round")
                ax.plot(row.mean_rate, y[outlet], "o", color=color, ms=4.5, mec="white", mew=0.6)
            _group_bands(ax, order, groups, y)
            ax.set_title(cat.replace("_", " "))
            ax.set_xlim(left=0)
            ax.grid(axis="y", visible=False)
            ax.margins(y=0.06)
        for ax in axes.flat[len(categories):]:
            ax.set_visible(False)
        axes[0, 0].set_yticks([y[o] for o in order], [names[o] for o in order])
        for row_axes in axes:
            row_axes[0].set_yticks([y[o] for o in order], [names[o] for o in order])
        for ax in axes[-1]:
            ax.set_xlabel(unit)
        handles = [Line2D([], [], marker="o", color=c, lw=1.6, label=g) for g, c in colors.items()]
        fig.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False,
                   bbox_to_anchor=(0.5, 0.0))
        fig.suptitle(title or f"Framing profile by outlet: mean {unit}, {level:.0%} bootstrap CI",
                     fontsize=10, fontweight="bold")
        fig.tight_layout(rect=(0, 0.05, 1, 0.97))
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
    bound = float(max(1.0, np.ceil(finite.max()) if finite.size else 1.0))
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
                    text = f"×{ratio:.1f}" if ratio < 10 else f"×{ratio:.0f}"
                    dark = abs(display[i, j]) > 0.6 * bound
                ax.text(j, i, text, ha="center", va="center", fontsize=7.5,
                        color="white" if dark else "#222222")
        ax.set_xticks(range(len(categories)), [c.replace("_", " ") for c in categories],
                      rotation=35, ha="right", rotation_mode="anchor")
        ax.set_yticks(range(len(order)), [f"{names[o]}  ({groups[o]})" for o in order])
        for i in range(1, len(order)):
            if groups[order[i]] != groups[order[i - 1]]:
                ax.axhline(i - 0.5, color="white", lw=2)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        cbar = fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
        ticks = np.arange(-bound, bound + 1)
        cbar.set_ticks(ticks, labels=[f"×{2.0 ** t:g}" for t in ticks])
        cbar.set_label("relative to corpus mean (log scale)")
        ax.set_title(title, loc="left")
        fig.tight_layout()
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
