"""The one CSV writer for the CLI and the dashboard: UTF-8 with BOM, formula-safe.

Excel on Chinese Windows needs the BOM to read UTF-8. Text cells that begin with
= + - @ tab or CR are prefixed with an apostrophe (OWASP CSV injection); numeric
columns are written as numbers, untouched.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
LIST_JOIN = "；"
# control characters other than tab and line breaks (NUL, ESC, DEL …), which no cell should carry
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def neutralise(value: object) -> object:
    """A text cell made safe for spreadsheets (control characters removed, a formula's start
    defused); other values unchanged."""
    if isinstance(value, (list, tuple, np.ndarray)):  # a list cell (DuckDB gives numpy arrays)
        value = LIST_JOIN.join(str(v) for v in value)
    if isinstance(value, str):
        value = CONTROL.sub("", value)
    if isinstance(value, str) and value.startswith(DANGEROUS_START):
        return "'" + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text (object/string) columns are neutralised."""
    out = df.copy()
    for col in out.columns:
        if not (
            pd.api.types.is_numeric_dtype(out[col])
            or pd.api.types.is_bool_dtype(out[col])
            or pd.api.types.is_datetime64_any_dtype(out[col])
        ):
            out[col] = out[col].map(neutralise)
    return out


def csv_bytes(df: pd.DataFrame) -> bytes:
    """The CSV file's bytes: BOM, header, rows; nothing else."""
    buffer = io.StringIO()
    safe_frame(df).to_csv(buffer, index=False, lineterminator="\r\n")
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def write_csv(df: pd.DataFrame, path: str | Path) -> None:
    Path(path).write_bytes(csv_bytes(df))
