"""The township gazetteer read from jionlp's shipped data (jionlp is pinned in requirements.txt)."""

from __future__ import annotations

import pytest

from analysis.parse import gazetteer
from analysis.parse.gazetteer import Place, load


def test_divisions_down_to_townships_and_no_villages():
    g = load()
    # jionlp's "市直辖行政区划" (one name for four cities' towns) becomes those four cities
    assert (len(g.townships), len(g.counties), len(g.county_alias)) == (34054, 3131, 2707)
    assert g.townships["高楠镇"] == (Place("高楠镇", "城口县", "重庆市", "重庆市"),)
    assert g.counties["嘉祥县"] == (("济宁市", "山东省"),)
    assert g.county_alias["嘉祥"] == ("嘉祥县",)
    assert "华旺社区" not in g.townships  # a village-level line (four tabs deep) of the data file
    assert all(name and name == name.strip() for name in [*g.townships, *g.counties])  # CRLF lines are stripped


def test_placeholders_for_missing_levels_are_never_places():
    """Towns of a city without counties have the city as their county; county-level cities
    under the province have no city."""
    g = load()
    assert g.townships["古镇镇"] == (Place("古镇镇", "中山市", "中山市", "广东省"),)
    assert g.counties["中山市"] == (("中山市", "广东省"),)
    assert g.townships["岳口镇"] == (Place("岳口镇", "天门市", "", "湖北省"),)
    placeholders = {"市直辖行政区划", "省直辖行政区划"}
    assert not placeholders & {p.county for ps in g.townships.values() for p in ps}
    assert not placeholders & {p.city for ps in g.townships.values() for p in ps} and not placeholders & set(g.counties)


def test_autonomous_counties_written_short():
    """Texts write 屏边县 for 屏边苗族自治县 and 鄂温克旗 for 鄂温克族自治旗; the short form is a form
    of the one county it stands for, never where a county of that name exists."""
    g = load()
    short = {form: name for form, name in g.county_forms.items() if form != name}
    assert len(short) == 116
    assert short["屏边县"] == "屏边苗族自治县"
    assert short["彭水县"] == "彭水苗族土家族自治县"
    assert short["鄂温克旗"] == "鄂温克族自治旗"
    assert not set(short) & set(g.counties)
    assert all(g.county_forms[name] == name for name in g.counties)


def test_townships_written_with_their_county_in_front():
    """jionlp writes 177 townships with their county in front (化德县朝阳镇, 四子王旗江岸苏木); a
    text writes 朝阳镇, so the gazetteer does too."""
    g = load()
    assert Place("朝阳镇", "化德县", "乌兰察布市", "内蒙古自治区") in g.townships["朝阳镇"]
    assert g.townships["江岸苏木"] == (Place("江岸苏木", "四子王旗", "乌兰察布市", "内蒙古自治区"),)
    assert "化德县朝阳镇" not in g.townships and "四子王旗江岸苏木" not in g.townships
    assert "盈江县农场" in g.townships  # not a township's name with a county in front: kept as it is


def test_a_retired_township_is_known_but_expected_no_more(tmp_path, monkeypatch):
    """A row of data/gazetteer_extra.csv with a ``retired`` year (a township merged away) adds no
    place and leaves the lists of townships that did not report from that year on."""
    import pandas as pd

    from analysis.brief import county_brief

    extra = tmp_path / "gazetteer_extra.csv"
    extra.write_text(
        "township,county,city,province,note,retired\n高楠镇,城口县,重庆市,重庆市,并入（示例）,2020\n新建镇,城口县,重庆市,重庆市,,\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(gazetteer, "EXTRA_FILE", extra)
    for fn in (gazetteer.extra_places, gazetteer.retired_places):
        monkeypatch.setattr(fn, "__defaults__", (extra,))
    assert gazetteer.retired_places() == {("城口县", "高楠镇"): 2020}
    assert [p.township for p in gazetteer.extra_places()] == ["新建镇"]
    places = [("城口县", "高楠镇"), ("城口县", "桑柘镇")]
    assert gazetteer.expected_in(2019, places) == places
    assert gazetteer.expected_in(2020, places) == [("城口县", "桑柘镇")]
    assert gazetteer.expected_in(None, places) == places
    reports = pd.DataFrame({"township": ["桑柘镇"], "year": [2023]})
    assert "高楠镇" in set(county_brief._missing(("城口县",), reports, 2019).township)
    assert "高楠镇" not in set(county_brief._missing(("城口县",), reports, 2023).township)
    assert "高楠镇" not in set(county_brief._missing(("城口县",), reports, None).township)  # the reports' latest year, 2023


def test_a_retired_year_must_be_a_year(tmp_path):
    extra = tmp_path / "gazetteer_extra.csv"
    extra.write_text("township,county,city,province,note,retired\n高楠镇,城口县,重庆市,重庆市,,二〇二〇\n", encoding="utf-8")
    with pytest.raises(ValueError, match="retired must be a year"):
        gazetteer.retired_places(extra)


def test_a_two_character_county_after_the_words_that_place_a_township_in_it():
    """「三阳镇地处歙县北部山区」 (N21) names 歙县, a county of two characters, which elsewhere counts only at a boundary
    (镇党委和县委… names no 和县)."""
    from analysis.parse.metadata import _named_counties

    assert _named_counties("三阳镇地处歙县北部山区，辖13个行政村。") == ["歙县"]
    assert _named_counties("在镇党委和县委依法治县办的指导下。") == []
