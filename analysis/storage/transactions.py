"""One transaction around a block of writes, undone on any failure.

Kept apart from :mod:`analysis.storage.store` so that the modules the store itself imports
(:mod:`analysis.storage.summary`) write through it too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """``BEGIN`` … ``COMMIT`` around the block; on any failure the transaction is undone
    (:func:`rollback`) and the failure raised again."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise


def rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Undo the open transaction after a failure; a transaction DuckDB already ended (a COMMIT
    that failed on a full disk) leaves nothing to undo, and the first error is what counts."""
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        pass
