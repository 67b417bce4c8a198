"""Recurring problems on the register: which problems many townships raise, and which persist.

Reads the derived ``problem_clusters`` (each problem item's problem) and ``clusters`` (the
problems: register, emerging, reviewer's) tables (see :mod:`analysis.problems.grouping`) under the
shared filters; a problem's id (``cluster``) is the same in every view.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis.storage import precomputed
from analysis.storage.filters import ALL, Filters
from analysis.storage.store import frame

RECURRING_COLUMNS = [
    "label",
    "townships",
    "reports",
    "years",
    "persistent_townships",
    "example",
    "township_list",
    "theme",
    "code",
    "origin",
    "cluster",
]


def _limited(query: tuple[str, list], limit: int | None) -> tuple[str, list]:
    """A query's first ``limit`` rows (all when None)."""
    sql, params = query
    return (sql if limit is None else f"{sql} LIMIT {int(limit)}"), params


def _rows_cte(filters: Filters) -> tuple[str, list]:
    """CTE ``pr``: clustered problem items of the filtered reports (cluster, report_id, township, year, ord)."""
    where, params = filters.where()
    return (
        f"""pr AS (
        SELECT pc.cluster, r.id AS report_id, r.township, r.year, pc.ord
        FROM problem_clusters pc JOIN reports r ON r.id = pc.report_id WHERE {where})""",
        params,
    )


def problem_rows(
    con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, cluster: int | None = None, limit: int | None = None
) -> pd.DataFrame:
    """Problem items with their problem (all, or one ``cluster``): cluster, theme, label, report_id, file,
    township, county, year, ord, text, score, evidence, item_key."""
    if filters == ALL:
        stored = precomputed.read(
            con, "problem_rows", where="cluster = ?" if cluster is not None else "", params=[cluster] if cluster is not None else []
        )
        if stored is not None:
            return stored
    return frame(con, *problem_rows_sql(filters, cluster=cluster))


def problem_rows_sql(filters: Filters = ALL, *, cluster: int | None = None) -> tuple[str, list]:
    """The query of :func:`problem_rows` and its parameters."""
    where, params = filters.where()
    only = "AND pc.cluster = ?" if cluster is not None else ""
    return (
        f"""
        SELECT pc.cluster, c.theme, c.label, r.id AS report_id, r.file, r.township, r.county, r.year, i.ord, i.text,
               pc.score, pc.evidence, pc.item_key
        FROM problem_clusters pc JOIN clusters c USING (cluster)
        JOIN reports r ON r.id = pc.report_id
        JOIN items i ON i.report_id = pc.report_id AND i.kind = 'problem' AND i.ord = pc.ord
        WHERE {where} {only} ORDER BY pc.cluster, r.township, r.year, i.ord""",
        params + ([cluster] if cluster is not None else []),
    )


def persistent_problems(con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, limit: int | None = None) -> pd.DataFrame:
    """Township × cluster pairs raised in two or more consecutive report years:
    cluster, label, township, years (e.g. "2021、2022"), run (longest run of consecutive years)."""
    stored = precomputed.read(con, "persistent", limit=limit) if filters == ALL else None
    if stored is not None:
        return stored
    return frame(con, *_limited(persistent_problems_sql(filters), limit))


def persistent_problems_sql(filters: Filters = ALL) -> tuple[str, list]:
    """The query of :func:`persistent_problems` and its parameters."""
    rows, params = _rows_cte(filters)
    return (
        f"""
        WITH {rows},
        d AS (SELECT DISTINCT cluster, township, year FROM pr WHERE township IS NOT NULL AND year IS NOT NULL),
        islands AS (SELECT cluster, township, year, year - row_number() OVER (PARTITION BY cluster, township ORDER BY year) AS island FROM d),
        runs AS (SELECT cluster, township, count(*) AS run FROM islands GROUP BY cluster, township, island),
        best AS (SELECT cluster, township, max(run) AS run FROM runs GROUP BY cluster, township HAVING max(run) >= 2)
        SELECT best.cluster, c.label, best.township,
               (SELECT string_agg(CAST(year AS VARCHAR), '、' ORDER BY year) FROM d WHERE d.cluster = best.cluster AND d.township = best.township) AS years,
               CAST(best.run AS BIGINT) AS run
        FROM best JOIN clusters c USING (cluster) ORDER BY best.cluster, best.township""",
        params,
    )


def recurring_table(
    con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, min_townships: int = 1, persistent: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per problem: label (its name), townships (count), reports, years,
    persistent_townships (raised in consecutive report years), example (a quoted item),
    township_list, theme (area), code, origin (register / emerging / reviewer), cluster (id);
    sorted by townships, then reports."""
    stored = precomputed.read(con, "recurring") if filters == ALL else None
    if stored is not None:
        return stored[stored.townships >= min_townships].reset_index(drop=True)
    rows, params = _rows_cte(filters)
    if persistent is None:  # (the caller may have it: persistent_problems of the same filters)
        persistent = persistent_problems(con, filters)
    persistent = persistent.groupby("cluster").township.agg(lambda s: "、".join(sorted(s)))
    table = frame(
        con,
        f"""
        WITH {rows}
        SELECT pr.cluster, c.theme, c.label, count(DISTINCT pr.township) AS townships, count(DISTINCT pr.report_id) AS reports,
               string_agg(DISTINCT CAST(pr.year AS VARCHAR), '、' ORDER BY CAST(pr.year AS VARCHAR)) AS years,
               string_agg(DISTINCT pr.township, '、' ORDER BY pr.township) AS township_list, c.example, c.code, c.origin
        FROM pr JOIN clusters c USING (cluster)
        GROUP BY pr.cluster, c.theme, c.label, c.example, c.code, c.origin
        HAVING count(DISTINCT pr.township) >= ?
        ORDER BY townships DESC, reports DESC, pr.cluster""",
        params + [min_townships],
    )
    table["years"] = table["years"].fillna("")
    table["township_list"] = table["township_list"].fillna("")
    table["persistent_townships"] = [persistent.get(c, "") for c in table.cluster]
    return table[RECURRING_COLUMNS]


def problem_changes(con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, limit: int | None = None) -> pd.DataFrame:
    """What is new and what disappeared between a township's consecutive report years:
    township, year, change (新出现 / 不再提及), cluster, label."""
    stored = precomputed.read(con, "changes", limit=limit) if filters == ALL else None
    if stored is not None:
        return stored
    return frame(con, *_limited(problem_changes_sql(filters), limit))


def problem_changes_sql(filters: Filters = ALL) -> tuple[str, list]:
    """The query of :func:`problem_changes` and its parameters."""
    rows, params = _rows_cte(filters)
    where, wparams = filters.where()
    return (
        f"""
        WITH {rows},
        present AS (SELECT DISTINCT township, year FROM reports r WHERE {where} AND township IS NOT NULL AND year IS NOT NULL),
        d AS (SELECT DISTINCT cluster, township, year FROM pr WHERE township IS NOT NULL AND year IS NOT NULL),
        pairs AS (SELECT a.township, a.year FROM present a JOIN present b ON b.township = a.township AND b.year = a.year - 1),
        new AS (SELECT p.township, p.year, '新出现' AS change, d.cluster FROM pairs p JOIN d ON d.township = p.township AND d.year = p.year
                WHERE NOT EXISTS (SELECT 1 FROM d e WHERE e.township = p.township AND e.year = p.year - 1 AND e.cluster = d.cluster)),
        gone AS (SELECT p.township, p.year, '不再提及' AS change, d.cluster FROM pairs p JOIN d ON d.township = p.township AND d.year = p.year - 1
                 WHERE NOT EXISTS (SELECT 1 FROM d e WHERE e.township = p.township AND e.year = p.year AND e.cluster = d.cluster))
        SELECT x.township, x.year, x.change, x.cluster, c.label FROM (SELECT * FROM new UNION ALL SELECT * FROM gone) x
        JOIN clusters c USING (cluster) ORDER BY x.township, x.year, x.change DESC, x.cluster""",
        params + wparams,
    )


def theme_township_matrix(con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, limit: int | None = None) -> pd.DataFrame:
    """Problem items per primary theme and township (long): theme, township, problems."""
    stored = precomputed.read(con, "theme_township", limit=limit) if filters == ALL else None
    if stored is not None:
        return stored
    return frame(con, *_limited(theme_township_sql(filters), limit))


def theme_township_top(con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, townships: int = 40) -> pd.DataFrame:
    """:func:`theme_township_matrix` of the ``townships`` townships with most problem items
    (ties: by name): what fits on a chart."""
    top = "township IN (SELECT township FROM {m} GROUP BY township ORDER BY sum(problems) DESC, township LIMIT {n})"
    if filters == ALL:
        stored = precomputed.read(con, "theme_township", where=top.format(m="pre_theme_township", n=int(townships)))
        if stored is not None:
            return stored
    sql, params = theme_township_sql(filters)
    return frame(con, f"WITH m AS ({sql}) SELECT * FROM m WHERE {top.format(m='m', n=int(townships))} ORDER BY theme, township", params)


def theme_township_sql(filters: Filters = ALL) -> tuple[str, list]:
    """The query of :func:`theme_township_matrix` and its parameters."""
    rows, params = _rows_cte(filters)
    return (
        f"""
        WITH {rows}
        SELECT c.theme, pr.township, CAST(count(*) AS BIGINT) AS problems FROM pr JOIN clusters c USING (cluster)
        WHERE pr.township IS NOT NULL GROUP BY c.theme, pr.township ORDER BY c.theme, pr.township""",
        params,
    )


def problem_catalogue(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """Every problem an item can be put under: the register's problems and the emerging and
    reviewer problems in the store: code, label, origin (register problems first, in file order)."""
    from analysis.problems.register import register_table

    stored = frame(con, "SELECT code, label, origin, cluster FROM clusters ORDER BY cluster")
    listed = register_table().rename(columns={"name": "label"})[["code", "label", "origin"]]
    stored_names = dict(zip(stored.code, stored.label))  # a renamed register problem keeps its new name
    listed["label"] = [stored_names.get(c, name) for c, name in zip(listed.code, listed.label)]
    extra = stored[~stored.code.isin(listed.code)][["code", "label", "origin"]]
    return pd.concat([listed, extra], ignore_index=True)
