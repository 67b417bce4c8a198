from __future__ import annotations

from analysis.insights.views import followthrough
from analysis.storage import store
from analysis.storage.filters import ALL


def test_plan_followed_and_not_found(constructed_db):
    with store.connect(constructed_db, read_only=True) as con:
        df = followthrough(con, ALL)
    gaonan = df[(df.township == "高楠镇") & (df.plan_year == 2021)]
    assert gaonan.status.tolist() == ["已落实", "未见落实"]
    assert gaonan.matched_text.iloc[0].startswith("深化矛盾纠纷排查化解")
    assert gaonan.score.iloc[0] > 0.35 > gaonan.score.iloc[1]
    later = df[df.plan_year == 2022]
    assert later.status.tolist() == ["无次年报告", "无次年报告"]
