"""Recurring problems: which problem clusters many townships raise, and which persist.

Reads the derived ``problem_clusters`` / ``clusters`` tables (see :mod:`analysis.derived`)
under the shared filters, so the same cluster ids hold across every view.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis.filters import ALL, Filters
from analysis.store import frame

RECURRING_COLUMNS = ["cluster", "theme", "label", "townships", "reports", "years", "township_list", "persistent_townships", "example"]


def problem_rows(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """Every clustered problem item: cluster, theme, label, report_id, file, township, county, year, ord, text."""
    where, params = filters.where()
    return frame(con, f"""
        SELECT pc.cluster, c.theme, c.label, r.id AS report_id, r.file, r.township, r.county, r.year, i.ord, i.text
        FROM problem_clusters pc JOIN clusters c USING (cluster)
        JOIN reports r ON r.id = pc.report_id
        JOIN items i ON i.report_id = pc.report_id AND i.kind = 'problem' AND i.ord = pc.ord
        WHERE {where} ORDER BY pc.cluster, r.township, r.year, i.ord""", params)


def persistence(rows: pd.DataFrame) -> pd.DataFrame:
    """Township × cluster pairs raised in two or more consecutive report years:
    cluster, label, township, years (e.g. "2021、2022"), run (longest run of consecutive years)."""
    out = []
    for (cluster, township), grp in rows.dropna(subset=["township", "year"]).groupby(["cluster", "township"]):
        years = sorted(set(int(y) for y in grp.year))
        run = best = 1
        for a, b in zip(years, years[1:]):
            run = run + 1 if b == a + 1 else 1
            best = max(best, run)
        if best >= 2:
            out.append((cluster, grp.label.iloc[0], township, "、".join(map(str, years)), best))
    return pd.DataFrame(out, columns=["cluster", "label", "township", "years", "run"])


def recurring_table(con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, min_townships: int = 1) -> pd.DataFrame:
    """One row per problem cluster: cluster, theme, label, townships (count), reports, years,
    township_list, persistent_townships, example; sorted by townships, then reports."""
    rows = problem_rows(con, filters)
    if rows.empty:
        return pd.DataFrame(columns=RECURRING_COLUMNS)
    persistent = persistence(rows).groupby("cluster").township.agg(lambda s: "、".join(sorted(s)))
    examples = dict(frame(con, "SELECT cluster, example FROM clusters").itertuples(index=False))
    table = rows.groupby(["cluster", "theme", "label"], as_index=False).agg(
        townships=("township", "nunique"),
        reports=("report_id", "nunique"),
        years=("year", lambda s: "、".join(str(int(y)) for y in sorted(s.dropna().unique()))),
        township_list=("township", lambda s: "、".join(sorted(s.dropna().unique()))),
    )
    table["persistent_townships"] = [persistent.get(c, "") for c in table.cluster]
    table["example"] = table.cluster.map(examples)
    table = table[table.townships >= min_townships]
    return table.sort_values(["townships", "reports", "cluster"], ascending=[False, False, True])[RECURRING_COLUMNS].reset_index(drop=True)


def problem_changes(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """What is new and what disappeared between a township's consecutive report years:
    township, year, change (新出现 / 不再提及), cluster, label."""
    rows = problem_rows(con, filters).dropna(subset=["township", "year"])
    out = []
    for township, grp in rows.groupby("township"):
        by_year = {int(y): set(g.cluster) for y, g in grp.groupby("year")}
        labels = dict(zip(grp.cluster, grp.label))
        for year in sorted(by_year):
            if year - 1 in by_year:
                for change, clusters in (("新出现", by_year[year] - by_year[year - 1]), ("不再提及", by_year[year - 1] - by_year[year])):
                    out += [(township, year, change, c, labels[c]) for c in sorted(clusters)]
    return pd.DataFrame(out, columns=["township", "year", "change", "cluster", "label"])


def theme_township_matrix(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """Problem items per primary theme and township (long): theme, township, problems."""
    rows = problem_rows(con, filters)
    if rows.empty:
        return pd.DataFrame(columns=["theme", "township", "problems"])
    return rows.groupby(["theme", "township"], as_index=False).size().rename(columns={"size": "problems"})
