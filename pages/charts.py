"""Charts as people read them: counts on whole-number ticks (never 0.5 steps), hover labels in Chinese."""

from __future__ import annotations

from collections.abc import Iterable

# hover and axis names of the analyses' columns
HOVER_NAMES = {
    "count": "次数",
    "per_10k": "每万词",
    "reports": "报告数",
    "townships": "乡镇数",
    "problems": "问题条目",
    "share": "占比",
    "total": "合计",
    "mean": "均值",
    "tokens": "总词数",
}


def count_axis(fig, values: Iterable[float], *, axis: str = "y") -> None:
    """Ticks of a count axis at whole numbers: every number up to 10, else plotly's steps written without decimals."""
    top = max((float(v) for v in values), default=0.0)
    update = fig.update_yaxes if axis == "y" else fig.update_xaxes
    update(tickformat=",d", exponentformat="none", **({"dtick": 1} if top <= 10 else {}))


def count_colorbar(fig, values: Iterable[float]) -> None:
    """A heatmap of counts: its colour bar's ticks at whole numbers."""
    top = max((float(v) for v in values), default=0.0)
    fig.update_coloraxes(colorbar_tickformat=",d", **({"colorbar_dtick": 1} if top <= 10 else {}))
