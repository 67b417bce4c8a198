"""Theme coverage: how many problem items and achievement paragraphs of each report carry a theme."""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis.storage.filters import ALL, Filters
from analysis.storage.store import frame


def theme_coverage(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """township, year, theme, problems, achievements: items tagged with the theme (any of their themes)."""
    where, params = filters.where()
    return frame(
        con,
        f"""
        WITH tagged AS (
            SELECT r.township, r.year, i.kind, unnest(i.themes) AS theme
            FROM items i JOIN reports r ON r.id = i.report_id
            WHERE {where} AND i.kind IN ('problem', 'achievement'))
        SELECT township, year, theme,
               CAST(count(*) FILTER (WHERE kind = 'problem') AS BIGINT) AS problems,
               CAST(count(*) FILTER (WHERE kind = 'achievement') AS BIGINT) AS achievements
        FROM tagged GROUP BY township, year, theme ORDER BY township, year, theme""",
        params,
    )


def theme_shares_by_year(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """Share of problem items whose primary theme is each theme, per year: year, theme, problems, share."""
    where, params = filters.where()
    return frame(
        con,
        f"""
        WITH p AS (
            SELECT r.year, i.themes[1] AS theme FROM items i JOIN reports r ON r.id = i.report_id
            WHERE {where} AND i.kind = 'problem' AND r.year IS NOT NULL)
        SELECT year, theme, CAST(count(*) AS BIGINT) AS problems,
               round(count(*) / sum(count(*)) OVER (PARTITION BY year), 4) AS share
        FROM p GROUP BY year, theme ORDER BY year, problems DESC, theme""",
        params,
    )
