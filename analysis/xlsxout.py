"""The one Excel writer for the dashboard's downloads: a workbook whose first sheet says what
was chosen (the filters), then one sheet per table — Chinese headers as given, the header row
bold and frozen, column widths set from the content, numbers written as numbers, and text
cells formula-safe exactly as in the CSVs (:func:`analysis.csvout.neutralise`)."""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections.abc import Iterable

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from analysis.csvout import neutralise

ABOUT_SHEET = "筛选条件"
ABOUT_HEADER = ("项目", "内容")
# characters a sheet name may not hold (Excel refuses the workbook otherwise)
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31
MIN_WIDTH, MAX_WIDTH = 6, 60  # column widths in Excel's units (about one Latin character)
WIDTH_SAMPLE = 200  # rows read to size a column


def sheet_name(name: str, taken: Iterable[str] = ()) -> str:
    """``name`` as Excel accepts it (no []:*?/\\, at most 31 characters, not empty), made unique
    among ``taken`` with 「(2)」, 「(3)」…"""
    base = SHEET_FORBIDDEN.sub("_", str(name)).strip("'") or "表"
    base = base[:SHEET_NAME_MAX]
    taken = {t.lower() for t in taken}
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f"({n})"
        candidate, n = base[: SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
    return candidate


def display_width(value: object) -> int:
    """How wide ``value`` reads in Excel's units: a Chinese (wide) character counts two."""
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(value: object) -> object:
    """A value as openpyxl writes it: numbers as numbers, missing as empty, text formula-safe."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return "是" if value else "否"
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, int):
        return value
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime().date() if value == value.normalize() else value.to_pydatetime()
    return neutralise(value if isinstance(value, (str, list, tuple, np.ndarray)) else str(value))


def _write_sheet(ws, df: pd.DataFrame) -> None:
    ws.append([str(c) for c in df.columns])
    for row in df.itertuples(index=False, name=None):
        ws.append([_cell(v) for v in row])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in ws.iter_rows(min_row=2):  # text stays text even where it starts like a formula
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    ws.freeze_panes = "A2"
    for i, col in enumerate(df.columns, start=1):
        sample = [col, *df[col].head(WIDTH_SAMPLE).tolist()]
        width = max(display_width(_cell(v)) for v in sample) + 2
        ws.column_dimensions[get_column_letter(i)].width = max(MIN_WIDTH, min(MAX_WIDTH, width))


def xlsx_bytes(sheets: dict[str, pd.DataFrame] | Iterable[tuple[str, pd.DataFrame]], *, about: Iterable[tuple[str, str]] = ()) -> bytes:
    """The .xlsx file's bytes: a first sheet 「筛选条件」 with ``about`` (item, value rows: the
    filters, the table's name, when it was made), then each of ``sheets`` (name → table, or
    (name, table) pairs, where two tables may share a name: the second sheet becomes 「名(2)」)."""
    book = Workbook()
    first = book.active
    first.title = ABOUT_SHEET
    _write_sheet(first, pd.DataFrame(list(about), columns=list(ABOUT_HEADER)))
    for name, df in sheets.items() if isinstance(sheets, dict) else sheets:
        ws = book.create_sheet(sheet_name(name, book.sheetnames))
        _write_sheet(ws, df)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
