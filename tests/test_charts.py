"""pages.charts: a heatmap's size from its labels and numbers (the browser test checks the drawn labels), and
charts made once for the same frames and choices."""

from __future__ import annotations

import json

import pandas as pd
import plotly.express as px
import pytest
import streamlit as st

from pages.charts import HeatmapLayout, fingerprint, fit_heatmap, heatmap_layout, text_px


@pytest.mark.parametrize(("text", "px"), [("肖咀镇", 36.0), ("2022", 28.8), ("长坪乡 2022", 72.0), ("", 0.0), (None, 28.8)])
def test_text_px(text, px):
    assert text_px(text) == pytest.approx(px)


@pytest.mark.parametrize(
    ("rows", "columns", "cells", "colorbar", "expected"),
    [
        # short township names lie flat, each column as wide as its name; the colour bar's title widens the right margin
        (["执法"], ["大张楼镇", "桑柘镇"], ["12", "3"], "问题条目", HeatmapLayout(273, 74, 0, 40, 40, 120)),
        # a report's label (township and year) stands upright; a column as wide as its number "0.18"
        (["长坪乡 2022", "肖咀镇 2022"], ["长坪乡 2022", "肖咀镇 2022"], ["0.18", "1.00"], None, HeatmapLayout(178, 154, -90, 88, 96, 16)),
        # 28 reports: every column kept (no label dropped or squeezed), the chart wider than a phone
        (
            [f"乡镇{i} 2022" for i in range(28)],
            [f"乡镇{i} 2022" for i in range(28)],
            ["0.18"],
            "文字相似度",
            HeatmapLayout(1253, 780, -90, 90, 98, 132),
        ),
        # nothing to draw
        ([], [], [], None, HeatmapLayout(33, 50, 0, 16, 40, 16)),
    ],
)
def test_heatmap_layout(rows, columns, cells, colorbar, expected):
    assert heatmap_layout(rows, columns, cells, colorbar=colorbar) == expected


def test_a_fitted_heatmap_has_no_axis_titles_over_its_labels():
    """Its margins hold the tick labels only: an axis title would be drawn over them."""
    import pandas as pd
    import plotly.express as px

    from pages.charts import fit_heatmap

    grid = pd.DataFrame([[1]], index=pd.Index(["肖咀镇"], name="乡镇"), columns=pd.Index([2023], name="年度"))
    fig = px.imshow(grid, text_auto=True, labels={"x": "年度", "y": "乡镇", "color": "报告数"})
    size = fit_heatmap(fig, grid)
    assert (fig.layout.xaxis.title.text, fig.layout.yaxis.title.text) == (None, None)
    assert (fig.layout.margin.l, fig.layout.height) == (size.left, size.height)


GRID = pd.DataFrame(
    [[1, 0], [2, 3]], index=pd.Index(["执法", "普法"], name="theme"), columns=pd.Index(["肖咀镇", "高楠镇"], name="township")
)


@pytest.mark.parametrize(
    ("other", "same"),
    [
        (GRID.copy(), True),
        (GRID.rename(columns={"高楠镇": "长坪乡"}), False),  # another township's column
        (GRID.rename_axis(index="area"), False),  # rows named otherwise
        (GRID.replace(3, 4), False),
        (GRID.astype(float), False),
        (GRID.iloc[::-1], False),  # the rows in another order
    ],
)
def test_a_charts_frame_is_known_by_everything_the_chart_draws(other, same):
    assert (fingerprint(other) == fingerprint(GRID)) is same


@pytest.mark.parametrize(("value", "expected"), [("total", "total"), (True, True), (None, None), (3, 3)])
def test_a_charts_other_arguments_are_known_as_they_are(value, expected):
    assert fingerprint(value) == expected


def test_a_frame_holding_lists_has_a_fingerprint():
    frame = pd.DataFrame({"terms": [["执法", "普法"], []]})
    assert fingerprint(frame) == fingerprint(frame.copy()) != fingerprint(pd.DataFrame({"terms": [["执法"], []]}))


def bars(frame: pd.DataFrame, *, y: str):
    CALLS.append(y)
    fig = px.bar(frame, x="township", y=y)
    fig.update_yaxes(exponentformat="none")
    return fig


CALLS: list[str] = []


def spec(fig) -> dict:
    """What the browser is sent of ``fig``."""
    return json.loads(fig.to_json())


def test_a_figure_is_built_once_for_the_same_frame_and_choices_and_is_the_same_figure():
    from pages.charts import figure

    st.cache_data.clear()
    CALLS.clear()
    frame = pd.DataFrame({"township": ["肖咀镇", "高楠镇"], "total": [3, 5], "mean": [1.5, 2.5]})
    drawn = [figure(bars, frame, y="total"), figure(bars, frame.copy(), y="total"), figure(bars, frame, y="mean")]
    assert CALLS == ["total", "mean"]
    assert [spec(f) for f in drawn] == [spec(bars(frame, y=y)) for y in ("total", "total", "mean")]
    figure(bars, frame.assign(total=[3, 6]), y="total")
    assert CALLS == ["total", "mean", "total", "total", "mean", "total"]


def test_a_heatmap_is_fitted_once_for_the_same_grid(monkeypatch):
    import pages.charts as charts

    st.cache_data.clear()
    CALLS.clear()
    drawn = []
    monkeypatch.setattr(charts.st, "plotly_chart", lambda fig, key: drawn.append((spec(fig), key)))

    def imshow(grid):
        CALLS.append("imshow")
        return px.imshow(grid, text_auto=True)

    charts.heatmap(imshow, GRID, key="k")
    charts.heatmap(imshow, GRID.copy(), key="k")
    expected = px.imshow(GRID, text_auto=True)
    fit_heatmap(expected, GRID)
    assert CALLS == ["imshow"]
    assert drawn == [(spec(expected), "k")] * 2
