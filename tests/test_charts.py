"""pages.charts: a heatmap's size from its labels and numbers (the browser test checks the drawn labels)."""

from __future__ import annotations

import pytest

from pages.charts import HeatmapLayout, heatmap_layout, text_px


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
