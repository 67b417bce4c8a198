"""The brief's charts: whole-number axes, every township of the scope on the township chart
(those with none at zero), drawn with a CJK font the project's packages ship (mplfonts' Noto
Sans CJK)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analysis.brief.county_brief import Brief

BAR_INCHES = 0.32  # height per bar
FIGURE_WIDTH = 6.3  # inches: the text width at 150 dpi, so that the lettering prints at about 9 pt


def charts(b: Brief) -> list[tuple[str, bytes]]:
    """(caption, PNG): the common problems, the done figures per township, the assessed areas."""
    if b.empty:
        return []
    out = []
    labels, counts = problem_bars(b)
    if labels and "by_year" in b.problems and len(b.years) > 1:  # several years: one bar a year
        series = {y: [int(d.get(y, 0)) for d in b.problems.by_year] for y in b.years}
        out.append(("图1 共性问题（各年度提出的乡镇数）", barh(labels, series, "提出的乡镇（街道）数")))
    elif labels:
        out.append(("图1 共性问题（提出的乡镇数）", barh(labels, counts, "提出的乡镇（街道）数")))
    towns, counts = zip(*township_counts(b)) if b.townships else ((), ())
    out.append((f"图2 各乡镇（街道）报告涉及的工作领域数（共{len(b.areas)}个领域）", barh(list(towns), list(counts), "工作领域数")))
    out.append(("图3 各工作领域报告的乡镇数", barh(b.areas.area.tolist(), b.areas.n_townships.tolist(), "乡镇（街道）数")))
    return out


def problem_bars(b: Brief) -> tuple[list[str], list[int]]:
    """(labels, townships) of 图1: every problem 四、 lists one by one, in its order (the text and
    the chart name the same problems)."""
    return b.problems.label.tolist(), b.problems.townships.tolist()


def township_counts(b: Brief) -> list[tuple[str, int]]:
    """(township, assessed areas its reports cover) for every township of the brief, 0 included:
    how broad each township's account of its work is, the areas of 二、 (``b.areas``' township
    lists), so chart and text agree. (It counted 附表5's rows until two county readers found a
    count of figures meaningless.)"""
    covered = [set(filter(None, str(t).split("、"))) for t in b.areas.townships] if len(b.areas) else []
    return [(t, sum(t in towns for towns in covered)) for t in b.townships]


def barh(labels: list[str], values: list | dict, xlabel: str) -> bytes:
    """A horizontal bar chart of whole numbers (integer ticks only, each bar's value at its end);
    ``values`` a list, or {series name (a year): list} for one bar of each series per label, with a legend."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt
    from matplotlib.ticker import MaxNLocator

    from analysis.insights.cloud import cjk_font

    font = font_manager.FontProperties(fname=str(cjk_font()), size=9)
    series = values if isinstance(values, dict) else {"": values}
    k = len(series)
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, BAR_INCHES * len(labels) * max(1, 0.6 * k) + 0.9 + 0.25 * (k > 1)), dpi=150)
    height = 0.8 / k
    colors = ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860"]
    for s, (name, column) in enumerate(series.items()):
        at = [n - 0.4 + height * (s + 0.5) for n in range(len(labels))]
        ax.barh(at, column, height=height, color=colors[s % len(colors)], label=f"{name}年度" if k > 1 else None)
        for y, v in zip(at, column):
            ax.text(v, y, f" {int(v)}", va="center", fontproperties=font, fontsize=9 if k == 1 else 7)
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels(labels, fontproperties=font)
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    top = max((max(c, default=0) for c in series.values()), default=0)
    ax.set_xlim(0, max(top, 1) * 1.12)
    if k > 1:
        ax.legend(prop=font, loc="lower right", frameon=False)
    ax.set_xlabel(xlabel, fontproperties=font)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()
