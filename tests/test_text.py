"""Report text on screen (pages.text): every Markdown feature escaped, links and shortcodes broken, exactly."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from pages.text import label, safe
from tests.conftest import ROOT, report_text

WJ = "\u2060"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("见 www.example.com/login", f"见 www{WJ}\\.example\\.com/login"),
        ("WWW.Example.com", f"WWW{WJ}\\.Example\\.com"),
        ("http://evil.cn/a?b=1", f"http:{WJ}//evil\\.cn/a?b\\=1"),
        ("联系 admin@evil.cn", f"联系 admin@{WJ}evil\\.cn"),
        ("$x^2$ 与 $$y$$", "\\$x^2\\$ 与 \\$\\$y\\$\\$"),
        ("~~删除~~ **粗** _斜_ `代码`", "\\~\\~删除\\~\\~ \\*\\*粗\\*\\* \\_斜\\_ \\`代码\\`"),
        ("# 标题\n1. 一\n- 二\n+ 三\n> 引", "\\# 标题  \n1\\. 一  \n\\- 二  \n\\+ 三  \n\\> 引"),
        ("标题\n===", "标题  \n\\=\\=\\="),
        ("    缩进\r\n\t制表", "\u00a0\u00a0\u00a0\u00a0缩进  \n\u00a0\u00a0\u00a0\u00a0制表"),
        ("<b>x</b> &lt;", "\\<b\\>x\\</b\\> \\&lt;"),
        ("[点](javascript:x) ![i](u)", f"\\[点\\]\\(javascript:{WJ}x\\) \\!\\[i\\]\\(u\\)"),
        (":smile: :red[x] :material/home:", f":{WJ}smile:{WJ} :{WJ}red\\[x\\] :{WJ}material/home:{WJ}"),
        ("a|b", "a\\|b"),
        (None, ""),
    ],
)
def test_safe_escapes_every_markdown_feature(text, shown):
    assert safe(text) == shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("问题｜**www.evil.cn/login**", f"问题｜\\*\\*www{WJ}\\.evil\\.cn/login\\*\\*"),
        ("一、$x$\n  ~~二~~", "一、\\$x\\$ \\~\\~二\\~\\~"),
        ("", "（无）"),
        (None, "（无）"),
    ],
)
def test_label_is_escaped_on_one_line(text, shown):
    assert label(text, "（无）") == shown


def test_reader_section_headings_are_labels_not_markdown(tmp_path, monkeypatch):
    from analysis.storage.ingest import ingest_paths

    text = report_text(
        "桑柘镇",
        "彭水苗族土家族自治县",
        2022,
        achievements=["坚持依法行政，组织干部集中学法6次，推进法治政府建设。" * 2],
        problems=["执法力量薄弱。"],
        plans=["加强普法宣传。"],
    )
    text = text.replace("二、存在的问题和不足", "二、存在的问题 **www.evil.cn/login** ~~删~~ $x^2$")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "a.duckdb"
    ingest_paths([folder], db=db)
    monkeypatch.setenv("REPORTS_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/views/reader.py").run()
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert f"问题不足｜存在的问题 \\*\\*www{WJ}\\.evil\\.cn/login\\*\\* \\~\\~删\\~\\~ \\$x^2\\$" in labels, labels
