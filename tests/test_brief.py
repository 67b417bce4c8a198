"""The county brief (issue #14): an editable .docx whose figures equal the dashboard's."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import docx
import pytest
from streamlit.testing.v1 import AppTest

from analysis.brief import county_brief
from analysis.insights import completeness
from analysis.problems import recurring
from analysis.storage import store, tables
from analysis.storage.filters import Filters
from tests.conftest import ROOT
from tests.test_hostile import PY

NOW = dt.datetime(2026, 11, 25, 9, 30)


@pytest.fixture(scope="module")
def seed_brief(seed_db):
    with store.connect(seed_db, read_only=True) as con:
        made = county_brief.build_brief(con, counties=("合水县",), year=2023, now=NOW)
        return made, county_brief.brief_docx(made)


def paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_the_document_has_the_official_shape(seed_brief):
    _, data = seed_brief
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "合水县2023年度乡镇（街道）法治政府建设情况分析简报"
    assert (
        texts[1]
        == "范围：合水县；2023年度；报送截止日：2024-03-31；生成时间：2026-11-25 09:30；（由法治报告看板根据已入库报告自动生成，为草稿，请审核修改）"
    )
    assert [t for t in texts if re.match(r"^[一二三四五]、", t)] == [
        "一、基本情况",
        "二、主要做法与成效",
        "三、存在的共性问题",
        "四、报告质量",
        "五、工作建议（草稿，供修改）",
    ]
    assert "附件" in texts
    assert len(document.tables) >= 5 and len(document.inline_shapes) == 3  # appendix tables and three charts
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer and "fldChar" in footer  # page numbers
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "仿宋_GB2312"
    body = document.element.body.xml
    assert "hyperlink" not in body and "instrText" not in body  # report text is plain text


def test_figures_equal_the_dashboards(seed_db, seed_brief):
    made, data = seed_brief
    filters = Filters(counties=("合水县",), years=(2023,))
    with store.connect(seed_db, read_only=True) as con:
        reports = tables.reports(con, filters)
        problems = recurring.recurring_table(con, filters)
        parts = completeness.report_parts(con, filters)
        unreported = county_brief.unreported_townships(con, filters)
    texts = paragraphs(data)
    towns = reports.township.nunique()
    assert f"共收到报告{len(reports)}份，涉及乡镇（街道）{towns}个，报告年度2023。" in texts
    assert len(made.missing) == len(unreported) and len(unreported) > 5  # 合水县's other townships
    assert f"未报送的乡镇（街道）{len(unreported)}个：" in "\n".join(texts)
    for n, row in enumerate(problems.head(county_brief.TOP_PROBLEMS).itertuples(), start=1):
        assert any(t.startswith(f"{n}. {row.label}：{row.townships}个乡镇提出") for t in texts)
    lacking = parts[parts.missing_parts != ""]
    assert f"规定的五项内容齐全的报告{len(parts) - len(lacking)}份，缺项的{len(lacking)}份" in "\n".join(texts)
    assert "按3月31日截止，逾期报送0份。" in texts  # 肖咀镇 signed 2024-03-20


def test_late_reports_and_the_deadline_setting(seed_db):
    with store.connect(seed_db, read_only=True) as con:
        made = county_brief.build_brief(con, counties=("合水县",), year=2023, deadline=dt.date(2024, 3, 1), now=NOW)
    assert made.late[["township"]].values.tolist() == [["肖咀镇"]]
    assert "按3月1日截止，逾期报送1份：肖咀镇（2024-03-20）。" in paragraphs(county_brief.brief_docx(made))
    assert any("逾期报送的报告予以通报" in s for s in made.suggestions)


def test_an_empty_selection_says_so(seed_db):
    with store.connect(seed_db, read_only=True) as con:
        made = county_brief.build_brief(con, counties=("不存在县",), year=2023, now=NOW)
    texts = paragraphs(county_brief.brief_docx(made))
    assert texts[2] == "所选范围内没有已入库的报告：请调整区县或年度，或先导入报告。"


def test_brief_command(seed_db, tmp_path):
    out = tmp_path / "brief.docx"
    done = subprocess.run(
        [PY, "-m", "analysis", "brief", "--county", "合水县", "--year", "2023", "--db", str(seed_db), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert paragraphs(out.read_bytes())[0] == "合水县2023年度乡镇（街道）法治政府建设情况分析简报"


def test_overview_lists_unreported_townships_and_downloads_the_brief(app_db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.multiselect(key="county").set_value(["合水县"]).run()
    at.select_slider(key="year").set_value((2023, 2023)).run()
    unreported = next(
        d.value for d in at.dataframe if "乡镇" in d.value.columns and "区县" in d.value.columns and len(d.value.columns) == 2
    )
    assert "肖咀镇" not in set(unreported["乡镇"]) and len(unreported) > 5
    at.button(key="ov_brief").click().run()
    assert not at.exception
    button = next(b for b in at.download_button if b.key.startswith("ov_brief_dl-"))
    assert button.label == "下载分析简报（Word）"


def test_area_coverage_per_township(seed_db):
    with store.connect(seed_db, read_only=True) as con:
        cov = county_brief.area_coverage(con, Filters(townships=("桑柘镇", "肖咀镇")))
    assert list(cov.columns) == ["township", "area", "achievements"]
    assert len(cov) == 2 * len(county_brief.AREAS_ORDER)
    sangzhe = dict(zip(cov[cov.township == "桑柘镇"].area, cov[cov.township == "桑柘镇"].achievements))
    assert sangzhe["数字法治政府"] == 0 and sangzhe["矛盾纠纷预防化解"] > 0


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice is not installed (optional)")
def test_libreoffice_renders_the_brief(seed_brief, tmp_path):
    """Opened by a real office suite: LibreOffice converts it to PDF with the headings on the pages."""
    import pypdfium2 as pdfium

    _, data = seed_brief
    (tmp_path / "brief.docx").write_bytes(data)
    office = shutil.which("soffice") or shutil.which("libreoffice")
    done = subprocess.run(
        [
            office,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "brief.docx"),
        ],
        capture_output=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    pdf = pdfium.PdfDocument(str(tmp_path / "brief.pdf"))
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert len(pdf) >= 3
    assert "一、基本情况" in text and "五、工作建议" in text and "附件" in text
