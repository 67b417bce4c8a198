"""Search across every report: words of a query, hits as sentences holding every word, paging in
store order, counts by year and township, every hit for the CSV; and the page's highlighting."""

from __future__ import annotations

import shutil

import duckdb
import pandas as pd
import pytest

from analysis.insights import search
from analysis.storage.filters import ALL, Filters


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("普法", ("普法",)),
        ("矛盾纠纷 调解", ("矛盾纠纷", "调解")),
        ("矛盾纠纷，调解、普法;普法", ("矛盾纠纷", "调解", "普法")),
        ('"法律 明白人" 调解', ("法律 明白人", "调解")),
        ("“小事不出村” 普法", ("小事不出村", "普法")),
        ("", ()),
        ("   ，、 ", ()),
        (" ".join(str(i) for i in range(12)), tuple(str(i) for i in range(8))),
    ],
)
def test_words_of_a_query(query, words):
    assert search.words_of(query) == words


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("全年开展普法宣传活动12次。组织学法6次！是否？", ["全年开展普法宣传活动12次。", "组织学法6次！", "是否？"]),
        ("第一行\n第二行。", ["第一行", "第二行。"]),
        ("", []),
        (None, []),
    ],
)
def test_sentences_of(text, sentences):
    assert search.sentences_of(text) == sentences


@pytest.fixture
def con(constructed_db):
    with duckdb.connect(str(constructed_db), read_only=True) as c:
        yield c


def test_hits_are_sentences_holding_every_word(con):
    hits = search.search_page(con, ALL, words=("矛盾纠纷", "调解"))
    assert list(hits.columns) == search.HIT_COLUMNS
    assert hits[["file", "year", "kind", "sentence_no", "sentence"]].values.tolist() == [
        ["高楠镇_2021.txt", 2021, "plans", 1, "（一）加强矛盾纠纷排查化解，深化人民调解工作，做到小事不出村、大事不出镇。"],
        [
            "高楠镇_2022.txt",
            2022,
            "achievements",
            1,
            "深化矛盾纠纷排查化解，全年调处矛盾纠纷120件，人民调解工作扎实开展，小事不出村、大事不出镇。",
        ],
    ]
    assert search.search_all(con, ALL, words=("矛盾纠纷", "调解")).equals(hits)


@pytest.mark.parametrize(
    ("filters", "files"),
    [
        (ALL, ["桑柘镇_2022.txt", "高楠镇_2022.txt"]),
        (Filters(townships=("桑柘镇",)), ["桑柘镇_2022.txt"]),
        (Filters(years=(2021,)), []),
        (Filters(kinds=("plans",)), []),
        (Filters(kinds=("achievements",)), ["桑柘镇_2022.txt", "高楠镇_2022.txt"]),
    ],
)
def test_filters_apply(con, filters, files):
    assert search.search_all(con, filters, words=("法律咨询",)).file.unique().tolist() == files  # in store order


def test_no_words_or_no_hits_give_empty_tables(con):
    for words in ((), ("没有这个词",), ("矛盾纠纷", "法律咨询")):  # the last two never share a sentence
        assert search.search_page(con, ALL, words=words).empty
        assert search.search_counts(con, ALL, words=words).empty


def test_pages_go_report_by_report_in_store_order(con):
    first = search.search_page(con, ALL, words=("法治",), reports=1)
    assert first.report_id.unique().tolist() == [1]
    second = search.search_page(con, ALL, words=("法治",), reports=1, after=1)
    assert second.report_id.unique().tolist() == [2]
    rest = search.search_page(con, ALL, words=("法治",), after=2)
    assert rest.report_id.unique().tolist() == [3]
    every = search.search_all(con, ALL, words=("法治",))
    assert len(every) == len(first) + len(second) + len(rest)


def test_counts_agree_with_every_hit(con):
    for words in (("法治",), ("矛盾纠纷", "调解"), ("法律咨询",)):
        every = search.search_all(con, ALL, words=words)
        counts = search.search_counts(con, ALL, words=words)
        assert int(counts.sentences.sum()) == len(every)
        by = every.groupby(["year", "township"]).agg(reports=("report_id", "nunique"), sentences=("sentence", "size")).reset_index()
        got = counts.sort_values(["year", "township"])[["year", "township", "reports", "sentences"]].reset_index(drop=True)
        assert got.values.tolist() == by.values.tolist()


def test_counts_of_a_word(con):
    assert search.search_counts(con, ALL, words=("法律咨询",)).values.tolist() == [
        [2022, "桑柘镇", "彭水苗族土家族自治县", 1, 2],
        [2022, "高楠镇", "城口县", 1, 1],
    ]


@pytest.mark.parametrize(
    ("sentence", "words", "shown"),
    [
        ("开展普法宣传。", ("普法",), "开展**普法**宣传。"),
        ("法律明白人[见附件](http://x)", ("明白人",), "法律**明白人**\\[见附件\\]\\(http:\u2060//x\\)"),
        ("a*b*c 普法", ("*b*",), "a**\\*b\\***c 普法"),
        ("普法普法", ("普法", "普"), "**普法****普法**"),
        ("没有", ("普法",), "没有"),
    ],
)
def test_highlighting_escapes_first(sentence, words, shown):
    from pages.sections.search import highlighted

    assert highlighted(sentence, words) == shown


COUNTED = [("法治",), ("矛盾纠纷", "调解"), ("法律咨询",), ("没有这个词",)]


def _split_counts(con, filters, words, monkeypatch):
    """The counts split from the sections at query time (what a store without the sentence table gives)."""
    with monkeypatch.context() as m:
        m.setattr(search, "sentences_current", lambda con: False)
        return search.search_counts(con, filters, words=words)


@pytest.mark.parametrize("words", COUNTED)
@pytest.mark.parametrize("filters", [ALL, Filters(townships=("桑柘镇",)), Filters(kinds=("achievements",)), Filters(years=(2021,))])
def test_counts_from_the_stored_sentences_equal_counts_split_at_query_time(con, monkeypatch, words, filters):
    assert search.sentences_current(con)  # the refresh built it
    stored = search.search_counts(con, filters, words=words)
    pd.testing.assert_frame_equal(stored, _split_counts(con, filters, words, monkeypatch))


def test_the_sentence_table_follows_every_write_and_the_counts_never_lag(constructed_db, tmp_path, monkeypatch):
    from analysis.refresh import derived
    from analysis.storage import store
    from analysis.storage.ingest import ingest_paths
    from tests.conftest import report_text

    db = tmp_path / "reports.duckdb"
    shutil.copy(constructed_db, db)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "鸡鸣乡_2022.txt").write_text(
        report_text("鸡鸣乡", "城口县", 2022, achievements=["提供法律咨询50人次。"], problems=["法治宣传不足。"], plans=["加强普法。"]),
        encoding="utf-8",
    )
    assert [o.status for o in ingest_paths([folder], db=db, workers=1)] == ["stored"]
    with store.connect(db) as con:
        assert not search.sentences_current(con)  # a write without the refresh: the counts split the sections
        assert search.search_counts(con, ALL, words=("法律咨询",)).township.tolist() == ["桑柘镇", "高楠镇", "鸡鸣乡"]
        derived.refresh(con, full=False)
        assert search.sentences_current(con)
        assert search.search_counts(con, ALL, words=("法律咨询",)).township.tolist() == ["桑柘镇", "高楠镇", "鸡鸣乡"]
        newest = con.execute("SELECT max(id) FROM reports").fetchone()[0]
        store.delete_reports(con, [newest])
    (folder / "鸡鸣乡_2022.txt").unlink()
    (folder / "鸡鸣乡_2023.txt").write_text(
        report_text("鸡鸣乡", "城口县", 2023, achievements=["开展普法活动。"], problems=["法治宣传不足。"], plans=["加强普法。"]),
        encoding="utf-8",
    )
    assert [o.status for o in ingest_paths([folder], db=db, workers=1)] == ["stored"]
    with store.connect(db) as con:
        assert con.execute("SELECT max(id) FROM reports").fetchone()[0] == newest  # the deleted report's id, another text
        derived.refresh(con, full=False)
        assert search.sentences_current(con)
        for words in (("法律咨询",), ("普法",)):
            pd.testing.assert_frame_equal(search.search_counts(con, ALL, words=words), _split_counts(con, ALL, words, monkeypatch))
        assert "鸡鸣乡" not in search.search_counts(con, ALL, words=("法律咨询",)).township.tolist()
