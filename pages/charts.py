"""Charts as people read them: counts on whole-number ticks (never 0.5 steps), hover labels in
Chinese, heatmaps whose labels never overlap (a phone scrolls them sideways)."""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

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


TICK_FONT_PX = 12  # plotly's tick labels
ROW_PX = 24  # a heatmap row: a 12 px label with room above and below
UPRIGHT_COLUMN_PX = 22  # a heatmap column under a label turned upright (one 12 px line)
FLAT_LABEL_PX = 72  # column labels up to this wide lie flat (about five characters); longer ones stand upright
COLORBAR_PX = 72  # the colour bar, its ticks and gaps, besides its title
TOP_PX = 10


def text_px(text: object) -> float:
    """How wide ``text`` is drawn at plotly's tick font: a Chinese character about one em, a Latin letter or digit about 0.6."""
    return sum(TICK_FONT_PX if ord(ch) >= 0x2E80 else 0.6 * TICK_FONT_PX for ch in str(text))


@dataclass(frozen=True)
class HeatmapLayout:
    """The size at which no two of a heatmap's labels or cell numbers touch: ``width`` is the
    least width (a narrower screen scrolls the chart sideways), ``height`` the exact height;
    ``tickangle`` the column labels' angle (0 flat, -90 upright); ``left``/``bottom`` the margins
    holding the row and column labels; ``right`` the colour bar's room."""

    width: int
    height: int
    tickangle: int
    left: int
    bottom: int
    right: int


def heatmap_layout(
    rows: Sequence[object], columns: Sequence[object], cells: Iterable[str], *, colorbar: str | None = None
) -> HeatmapLayout:
    """The layout of a heatmap with ``rows`` and ``columns`` as labels and ``cells`` as the
    numbers written in its cells: each column as wide as its widest label when that lies flat
    (up to ``FLAT_LABEL_PX``), else the labels upright; each column wide enough for the widest
    number; each row ``ROW_PX`` high; ``colorbar``: the colour bar's title (None: no colour bar)."""
    widest_cell = max((text_px(c) for c in cells), default=0.0) + 8
    widest_label = max((text_px(c) for c in columns), default=0.0) + 8
    flat = widest_label <= FLAT_LABEL_PX
    column = max(widest_cell, widest_label if flat else UPRIGHT_COLUMN_PX)
    left = int(max((text_px(r) for r in rows), default=0.0)) + 16
    bottom = 40 if flat else int(widest_label) + 16
    right = COLORBAR_PX + int(max(text_px(colorbar), 3 * TICK_FONT_PX)) if colorbar is not None else 16
    return HeatmapLayout(
        width=int(left + column * len(columns) + right) + 1,
        height=TOP_PX + ROW_PX * len(rows) + bottom,
        tickangle=0 if flat else -90,
        left=left,
        bottom=bottom,
        right=right,
    )


def fit_heatmap(fig, grid, *, cell_format: str = "d", colorbar: bool = True) -> HeatmapLayout:
    """Size ``fig`` (a heatmap of ``grid``) by :func:`heatmap_layout` and return the layout. The
    margins hold the tick labels only, so the axes carry no titles (the section's heading names
    rows and columns): a title there would be drawn over the labels (乡镇 over 肖咀镇)."""
    values = grid.to_numpy().ravel()
    cells = [format(int(v) if cell_format == "d" else v, cell_format) for v in values if v == v]  # NaN cells are blank
    title = fig.layout.coloraxis.colorbar.title.text or "" if colorbar else None
    size = heatmap_layout([str(r) for r in grid.index], [str(c) for c in grid.columns], cells, colorbar=title)
    fig.update_layout(
        height=size.height, margin={"t": TOP_PX, "l": size.left, "b": size.bottom, "r": size.right}, coloraxis_showscale=colorbar
    )
    every = {"type": "category", "tickmode": "linear", "tick0": 0, "dtick": 1, "automargin": False, "title": None}
    fig.update_xaxes(tickangle=size.tickangle, **every)
    fig.update_yaxes(**every)
    return size


Build = Callable[..., go.Figure]  # a figure from the frames and choices it is drawn from


def fingerprint(value: object) -> object:
    """What a chart is cached by for one of its arguments: a frame's digest (its values, index,
    column names, index names and types: what the chart draws), anything else as it is."""
    if isinstance(value, (pd.DataFrame, pd.Series)):
        frame = value.to_frame() if isinstance(value, pd.Series) else value
        shape = (list(frame.columns), list(frame.columns.names), list(frame.index.names), [str(t) for t in frame.dtypes])
        digest = hashlib.blake2b(repr(shape).encode(), digest_size=16)
        try:
            digest.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
        except TypeError:  # a cell holding a list
            digest.update(pickle.dumps(frame, pickle.HIGHEST_PROTOCOL))
        return ("frame", digest.hexdigest())
    return value


def _key(build: Build, args: tuple, kwargs: dict) -> tuple:
    return (
        f"{build.__module__}.{build.__qualname__}",
        tuple(fingerprint(a) for a in args),
        tuple(sorted((k, fingerprint(v)) for k, v in kwargs.items())),
    )


@st.cache_data(show_spinner=False, max_entries=256)
def _spec(key: tuple, _build: Build, _args: tuple, _kwargs: dict) -> dict:
    return _build(*_args, **_kwargs).to_dict()


def figure(build: Build, *args, **kwargs) -> go.Figure:
    """``build(*args, **kwargs)``, a plotly figure, made once for the same arguments (the chart's
    frames and the choices it is drawn with, cached by ``build``'s qualified name and
    :func:`fingerprint` of each) and then rebuilt from its plain spec without plotly's checks:
    plotly express and every ``update_*`` check each property as they set it, 0.1–0.2 s of the
    server's CPU a chart on every run of a page, in every session. The same figure either way."""
    return go.Figure(_spec(_key(build, args, kwargs), build, args, kwargs), _validate=False)


@st.cache_data(show_spinner=False, max_entries=256)
def _fitted(key: tuple, _build: Build, _grid: pd.DataFrame, _kwargs: dict, cell_format: str, colorbar: bool) -> tuple[dict, HeatmapLayout]:
    fig = _build(_grid, **_kwargs)
    size = fit_heatmap(fig, _grid, cell_format=cell_format, colorbar=colorbar)
    return fig.to_dict(), size


def heatmap(build: Build, grid: pd.DataFrame, *, key: str, cell_format: str = "d", colorbar: bool = True, **kwargs) -> None:
    """Draw ``build(grid, **kwargs)``, a heatmap of ``grid`` (rows × columns), at the size of
    :func:`heatmap_layout`: every label shown, none touching another at any screen width — on a
    phone the chart keeps that size and scrolls sideways in its own box (the page does not).
    ``cell_format``: how the cells' numbers are written (``"d"`` counts, ``".2f"`` similarities).
    Made once for the same grid and choices, as :func:`figure` makes a chart."""
    spec, size = _fitted(_key(build, (grid,), kwargs), build, grid, kwargs, cell_format, colorbar)
    fig = go.Figure(spec, _validate=False)
    box = f"heatmap-{key}"
    with st.container(key=box):
        st.html(
            f"<style>.st-key-{box} [data-testid=stFullScreenFrame]:has(.stPlotlyChart) {{ min-width: {size.width}px; }}"
            f" .st-key-{box} [data-testid=stElementContainer]:has(.stPlotlyChart) {{ overflow-x: auto; }}</style>"
        )
        st.plotly_chart(fig, key=key)
