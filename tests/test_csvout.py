from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.csvout import csv_bytes, neutralise


def test_csv_has_bom_and_neutralises_formulas():
    df = pd.DataFrame(
        {
            "township": ['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", "\tx", "高楠镇"],
            "value": [1, -2, 3.5, 4, 5, 6],
            "issuers": [["甲", "乙"], [], [], [], [], []],
        }
    )
    data = csv_bytes(df)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").split("\r\n") == [
        "township,value,issuers",
        '"\'=HYPERLINK(""x"")",1.0,甲；乙',
        "'+1,-2.0,",
        "'-2,3.5,",
        "'@SUM(A1),4.0,",
        "'\tx,5.0,",
        "高楠镇,6.0,",
        "",
    ]


def test_numbers_stay_numbers():
    df = pd.DataFrame({"n": [-5, 3], "s": ["-5", "ok"]})
    assert csv_bytes(df).decode("utf-8-sig").split("\r\n")[1:3] == ["-5,'-5", "3,ok"]
    assert neutralise(-5) == -5


def test_numpy_scalars_in_a_text_column_are_written_as_numbers():
    # an object column mixing text and numpy scalars (concatenated frames) — was a TypeError
    df = pd.DataFrame({"a": pd.Series(["=x", np.int64(3), np.float64(2.5), None, np.array(["p", "q"])], dtype=object)})
    assert csv_bytes(df).decode("utf-8-sig").split("\r\n")[1:6] == ["'=x", "3", "2.5", '""', "p；q"]  # a lone empty field is quoted


def test_control_characters_are_stripped_from_exports():
    import pandas as pd

    from analysis.csvout import csv_bytes

    df = pd.DataFrame({"text": ["a\x00b\x1bc\x7f", "=1\x00", "多\n行\t列"]})
    assert csv_bytes(df) == b"\xef\xbb\xbftext\r\nabc\r\n'=1\r\n" + '"多\n行\t列"\r\n'.encode()
