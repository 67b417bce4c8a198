"""The admin action log: every write a person makes (an upload or ingest, a move to the 回收站,
a restore, a purge, a corrections import), in Chinese as a reviewer reads it — who, when, what,
on which report, before → after. Reviewers' problem corrections keep their own table
(``corrections``, which the register applies); the history page shows both together.

Table ``actions``: made_at (TIMESTAMP), who, action (上传 删除 恢复 彻底删除 …), subject (the
report as 「乡镇 年度 · 文件」 or what else was acted on), before, after.
"""

from __future__ import annotations

import datetime as dt
import getpass
import time

import duckdb
import pandas as pd

from analysis.storage.store import has_tables, set_meta

SCHEMA = """
CREATE TABLE IF NOT EXISTS actions (made_at TIMESTAMP, who VARCHAR, action VARCHAR, subject VARCHAR, before VARCHAR, after VARCHAR);
"""
UNSIGNED = "未署名"


def log(
    con: duckdb.DuckDBPyConnection,
    action: str,
    subject: str,
    *,
    who: str = "",
    before: str = "",
    after: str = "",
    at: dt.datetime | None = None,
) -> None:
    """Record one action (inside the caller's transaction when it has one, so that the log and
    the change are written together or not at all). A purge changes no report: the log's meta
    entry makes the writer publish all the same, so every page lists the 回收站 as it is now."""
    con.execute(SCHEMA)
    con.execute(
        "INSERT INTO actions VALUES (?, ?, ?, ?, ?, ?)",
        [at or dt.datetime.now(), who.strip() or UNSIGNED, action, subject, before, after],
    )
    set_meta(con, "actions", str(time.time_ns()))  # the published state changes: readers see the new line


def cli_user() -> str:
    """Who acts from the command line: 「命令行（login name）」."""
    try:
        return f"命令行（{getpass.getuser()}）"
    except (KeyError, OSError):
        return "命令行"


def actions(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Logged actions, newest first: made_at, who, action, subject, before, after (empty in a
    store made before the log)."""
    if not has_tables(con, "actions"):
        return pd.DataFrame(columns=["made_at", "who", "action", "subject", "before", "after"])
    return con.execute("SELECT * FROM actions ORDER BY made_at DESC").df()


def report_label(township: str | None, year: int | None, file: str) -> str:
    """「长坪乡 2022 · 长坪乡_2022.txt」: a report as the history and the 回收站 name it."""
    return f"{township or '乡镇未知'} {year if year is not None and not pd.isna(year) else '年度未知'} · {file}"
