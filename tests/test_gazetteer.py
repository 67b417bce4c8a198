"""The township gazetteer read from jionlp's shipped data (jionlp is pinned in requirements.txt)."""

from __future__ import annotations

from analysis.gazetteer import Place, load


def test_divisions_down_to_townships_and_no_villages():
    g = load()
    assert (len(g.townships), len(g.counties), len(g.county_alias)) == (34105, 3128, 2707)
    assert g.townships["高楠镇"] == (Place("高楠镇", "城口县", "重庆市", "重庆市"),)
    assert g.counties["嘉祥县"] == (("济宁市", "山东省"),)
    assert g.county_alias["嘉祥"] == ("嘉祥县",)
    assert "华旺社区" not in g.townships  # a village-level line (four tabs deep) of the data file
    assert all(name and name == name.strip() for name in [*g.townships, *g.counties])  # CRLF lines are stripped
