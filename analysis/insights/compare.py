"""Township comparisons on concrete work done (the counted indicators)."""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis.storage.filters import ALL, Filters
from analysis.storage.store import frame


def township_metrics(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """township, metric, unit, total, reports, per_report, per_10k_chars (the township's reports under
    the filters; per_10k_chars = total per 10,000 characters of report text). Percentages are left out."""
    where, params = filters.where()
    return frame(
        con,
        f"""
        WITH r AS (SELECT id, township, chars FROM reports r WHERE {where} AND township IS NOT NULL),
        size AS (SELECT township, count(*) AS n_reports, sum(chars) AS chars FROM r GROUP BY township)
        SELECT r.township, x.metric, x.unit, sum(x.value) AS total, size.n_reports AS reports,
               round(sum(x.value) / size.n_reports, 2) AS per_report,
               round(sum(x.value) * 10000 / size.chars, 2) AS per_10k_chars
        FROM indicators x JOIN r ON r.id = x.report_id JOIN size USING (township)
        WHERE x.unit <> '%'
        GROUP BY r.township, x.metric, x.unit, size.n_reports, size.chars
        ORDER BY r.township, x.metric, x.unit""",
        params,
    )
