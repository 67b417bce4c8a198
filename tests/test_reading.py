"""File formats, encodings and bad input: every failure is a ReportError with a reason."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from analysis.errors import ReportError
from analysis.parse.report import parse_bytes
from analysis.read.reading import decode_text, join_broken_figures, read_bytes, rejoin_lines, sniff
from tests.conftest import RECIPE, make_docx, make_pdf, zip_bytes


@pytest.mark.parametrize(
    ("encoding", "label"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8"),
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
    ],
)
def test_text_encodings_parse_the_same(seed_texts, encoding, label):
    text = seed_texts["桑柘镇"]
    decoded, used = decode_text(text.encode(encoding))
    assert used == label
    report = parse_bytes(text.encode(encoding), name="桑柘镇.txt")
    assert (report.township, report.year, len(report.problems), len(report.plans), len(report.indicators)) == ("桑柘镇", 2021, 2, 6, 17)


def test_short_gbk_is_not_misread():
    assert decode_text("短的中文报告".encode("gbk")) == ("短的中文报告", "gb18030")


def test_docx_paragraphs_and_tables_in_order(seed_texts):
    lines = seed_texts["大张楼镇"].split("\n")
    cut = lines.index("二、存在的不足及薄弱环节")
    data = make_docx(lines, table_rows=[["指标", "数量"], ["开展普法宣传活动", "15场次"]], table_after=cut - 1)
    assert sniff(data) == "docx"
    report = parse_bytes(data, name="大张楼镇.docx")
    assert report.township == "大张楼镇"
    assert len(report.problems) == 4
    assert [(i.value, i.unit, i.metric) for i in report.indicators] == [(15, "场", "普法宣传活动")]
    assert report.text.index("开展普法宣传活动") < report.text.index("存在的不足及薄弱环节")


def test_pdf_rejoins_lines_and_drops_headers_and_page_numbers(seed_texts):
    data = make_pdf(seed_texts["高楠镇"], header="高楠镇法治建设情况报告")
    report = parse_bytes(data, name="高楠镇.pdf")
    assert (report.township, report.year, len(report.problems), len(report.plans), len(report.indicators)) == ("高楠镇", 2022, 2, 3, 11)
    assert "- 2 -" not in report.text
    assert report.text.count("高楠镇法治建设情况报告") == 0
    assert "共开展党组中心组专题学习习近平法治思想和中央全面依法治国工作会议精神3次" in report.text


def test_pdf_without_text_layer_is_rejected():
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    c.rect(100, 100, 200, 200, fill=1)
    c.save()
    with pytest.raises(ReportError, match=r"no text layer \(scanned\?\)"):
        read_bytes(buffer.getvalue(), name="scan.pdf")


def test_rejoin_lines():
    lines = ["一、工作情况", "我镇坚持依法行政，推进法治政府建设，全面落", "实各项工作任务。", "二、存在问题"]
    assert rejoin_lines(lines) == ["一、工作情况", "我镇坚持依法行政，推进法治政府建设，全面落实各项工作任务。", "二、存在问题"]


def test_doc_without_converter_says_convert(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(ReportError, match=r"save it as \.docx"):
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, name="old.doc")


# A stand-in for LibreOffice's soffice: it locks its user profile while it works (the real one
# refuses a second instance on a locked profile) and "converts" by copying the file's text.
FAKE_SOFFICE = r"""#!/bin/sh
PATH=/usr/bin:/bin
profile="$HOME/.config/libreoffice"
outdir=""; src=""; next=""
for a in "$@"; do
  if [ "$next" = outdir ]; then outdir="$a"; next=""; continue; fi
  case "$a" in
    --outdir) next=outdir ;;
    -env:UserInstallation=file://*) profile="${a#-env:UserInstallation=file://}" ;;
    -*) ;;
    *) src="$a" ;;
  esac
done
echo "$profile" >> "$FAKE_SOFFICE_LOG"
echo "Warning: failed to launch javaldx - java may not function correctly" >&2
mkdir -p "$profile"
if ! mkdir "$profile/lock" 2>/dev/null; then echo "Error: user installation could not be completed" >&2; exit 1; fi
sleep 0.3
case "$(cat "$src")" in
  broken*) echo "Error: source file could not be loaded" >&2 ;;
  *) cat "$src" > "$outdir/$(basename "$src" .doc).txt" ;;
esac
rmdir "$profile/lock"
"""


@pytest.fixture
def fake_soffice(tmp_path, monkeypatch) -> Path:
    """A fake soffice alone on PATH (no antiword or catdoc); the profiles it used are logged."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    soffice = bin_dir / "soffice"
    soffice.write_text(FAKE_SOFFICE)
    soffice.chmod(0o755)
    log = tmp_path / "profiles.log"
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))
    return log


def test_parallel_doc_conversions_each_have_their_own_libreoffice_profile(fake_soffice):
    from concurrent.futures import ThreadPoolExecutor

    from analysis.read.reading import doc_converter, doc_text

    assert doc_converter() == "soffice"
    texts = [f"第{i}份报告：坚持依法行政。" for i in range(4)]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(doc_text, [t.encode() for t in texts])) == texts
    profiles = fake_soffice.read_text().split()
    assert len(set(profiles)) == 4
    assert not any(Path(p).exists() for p in profiles)  # removed after each call


def test_a_failed_doc_conversion_names_libreoffice_s_own_reason(fake_soffice):
    from analysis.read.reading import doc_text

    with pytest.raises(ReportError) as caught:
        doc_text(b"broken")
    assert str(caught.value) == "LibreOffice could not convert this .doc (source file could not be loaded): save it as .docx"


BAD_INPUTS = [
    ("empty.txt", b"", "file is empty"),
    ("blank.txt", b"  \n\n ", "file is empty"),
    ("random.txt", os.urandom(4000), "is not UTF-8, GBK/GB18030 or UTF-16"),
    ("truncated.docx", None, "damaged or truncated .docx"),
    ("notes.xlsx", b"PK\x03\x04", "unsupported file type .xlsx"),
    ("renamed.docx", "这是一个普通的文本文件，不是Word文档。".encode(), "is named .docx but is not a valid .docx"),
    ("english.txt", b"This is an English text about something else entirely." * 10, "only 0 Chinese characters"),
    ("other.docx", zip_bytes({"content.xml": b"<x/>"}), "not a Word .docx"),
]


@pytest.mark.parametrize(("name", "data", "reason"), BAD_INPUTS)
def test_bad_input_is_rejected_with_reason(seed_texts, name, data, reason):
    if data is None:
        data = make_docx(seed_texts["肖咀镇"].split("\n"))[:3000]
    with pytest.raises(ReportError, match=reason.replace(".", r"\.").replace("(", r"\(").replace(")", r"\)")):
        parse_bytes(data, name=name)


def test_recipe_is_not_a_report():
    with pytest.raises(ReportError, match="not a rule-of-law report"):
        parse_bytes(RECIPE.encode("utf-8"), name="recipe.txt")


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * (21 * 1024 * 1024))
    from analysis.read.reading import read_path

    with pytest.raises(ReportError, match="over the 21 MB limit|over the 20 MB limit"):
        read_path(path)


def _bomb(path: Path, gigabytes: float) -> None:
    """A .docx whose word/document.xml inflates to ``gigabytes`` GiB of zeros, built without
    deflating them (that took 3 s of CPU a run): deflate's output for 16 MiB of zeros, flushed so
    that it leans on nothing before it, is the same bytes every time, so the member is that block
    repeated and then closed. zipfile only writes what it deflates itself: the headers are
    written here (sizes under 4 GiB, no zip64 needed)."""
    chunk = b"\0" * (16 * 1024 * 1024)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    count = int(gigabytes * 1024 / 16)
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    types = b"<Types/>"
    members = [
        ("[Content_Types].xml", zipfile.ZIP_STORED, types, zlib.crc32(types), len(types)),
        ("word/document.xml", zipfile.ZIP_DEFLATED, block * count + deflate.flush(), crc, len(chunk) * count),
    ]
    body, directory = bytearray(), bytearray()
    for name, method, data, checksum, size in members:
        encoded = name.encode()
        fields = (method, 0, 0x21, checksum, len(data), size, len(encoded))  # 1980-01-01 00:00
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, *fields, 0, 0, 0, 0, 0, len(body)) + encoded
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, *fields, 0) + encoded + data
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), len(body), 0)
    path.write_bytes(bytes(body + directory + end))


def test_docx_zip_bomb_refused_before_inflating(tmp_path):
    path = tmp_path / "bomb.docx"
    _bomb(path, 1.0)
    assert path.stat().st_size < 5_000_000
    code = (
        "import sys\n"
        "from analysis.read.reading import read_path\n"
        "from analysis.errors import ReportError\n"
        "try:\n    read_path(sys.argv[1])\nexcept ReportError as e:\n    print('REJECTED', e)\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
        "print('RSS_MB', int(hwm.split()[1]) // 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True).stdout
    assert "REJECTED .docx part word/document.xml inflates to 1074 MB: refused (zip bomb?)" in out
    rss = int(out.split("RSS_MB")[1])
    assert rss < 200


@pytest.mark.parametrize(
    "data",
    [
        OLE_HEAD := b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # the 8-byte magic alone
        OLE_HEAD + b"\0" * 600,  # too short for a header, a FAT sector and a directory sector
        OLE_HEAD + b"\0" * 20 + b"\xff\xfe" + b"\x09\x00" + b"\0" * 2000,  # byte order mark the wrong way round
    ],
)
def test_a_damaged_doc_is_refused_before_a_converter_starts(data, monkeypatch):
    from analysis.read import reading

    monkeypatch.setattr(reading, "doc_converter", lambda: "soffice")
    monkeypatch.setattr(reading, "doc_text", lambda data: pytest.fail("a converter was started"))
    with pytest.raises(ReportError, match=r"^damaged \.doc file"):
        read_bytes(data, name="old.doc")


def test_a_doc_with_a_sound_header_goes_to_the_converter(monkeypatch):
    from analysis.read import reading

    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 20 + b"\xfe\xff" + b"\x09\x00" + b"\0" * 2000
    monkeypatch.setattr(reading, "doc_converter", lambda: "soffice")
    text = "关于某镇2023年法治政府建设情况的报告\n" + "我镇坚持依法行政，深化普法宣传，推进法治建设。" * 4
    monkeypatch.setattr(reading, "doc_text", lambda data: text)
    assert read_bytes(header, name="old.doc").text.startswith("关于某镇2023年法治政府建设情况的报告")


OVER_TEXT = "file has over 2,000,000 characters of text: not one report (split it)"
OVER_PAGE = "网页文字超过 2,000,000 字，不是一份报告（请拆分）/ web page has over 2,000,000 characters of text: not one report (split it)"


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.txt", b"a" * 8_000_004, (".txt", "txt")),  # four bytes a character could still be 2,000,001 with a BOM
        ("a.txt", b"a" * 8_000_005, OVER_TEXT),
        # a page's markup is not text: left to the page check — but a run of text no tag breaks, longer than
        # 2,000,000 characters could be, is refused at once (the 19 MB one-line page: no worker parses it)
        ("a.html", b"<p>" + b"<b>a</b>" * 1_200_000, (".html", "html")),
        ("a.html", b"<p>" + b"a" * 8_000_004 + b"</p>", (".html", "html")),
        ("a.html", b"<p>" + b"a" * 8_000_005 + b"</p>", OVER_PAGE),
        ("a.html", b"a" * 8_000_005, OVER_PAGE),
        ("a.txt", b"\xef\xbb\xbf<html>" + b"a" * 9_000_000, OVER_PAGE),  # sniffed a page: its one run of text is too long
        ("a.txt", b"\xef\xbb\xbf<html>" + b"<i>a</i>" * 1_200_000, (".txt", "html")),
        ("a.txt", b"\n\t %PDF-1.7" + b"a" * 9_000_000, (".txt", "pdf")),
        ("a.txt", b" \r\n" * 10, "file is empty"),
        ("a.txt", b"", "file is empty"),
        ("a.exe", b"abc", "unsupported file type .exe: use .txt, .docx, .pdf, .doc or a saved web page (.html)"),
    ],
)
def test_precheck_refuses_from_the_raw_bytes_alone(name, data, expected):
    from analysis.read.reading import precheck

    if isinstance(expected, str):
        with pytest.raises(ReportError) as refused:
            precheck(data, name=name)
        assert str(refused.value) == expected
    else:
        assert precheck(data, name=name) == expected


def test_precheck_copies_nothing():
    """It runs in the dashboard's server: blanks around 10 MB are not stripped into a copy."""
    import tracemalloc

    from analysis.read.reading import precheck

    data = b"\r\n  \t<html><p>" + "<b>依法行政</b>".encode() * 600_000 + b"</p></html>\n\n"
    tracemalloc.start()
    try:
        assert precheck(data, name="page.html") == (".html", "html")
        assert tracemalloc.get_traced_memory()[1] < 100_000
    finally:
        tracemalloc.stop()


def test_a_table_of_tasks_aligned_with_ideographic_spaces():
    """P39: 「序号　　任务　　责任单位　　时限」 then rows whose task cell is prose: read as a table (its cells " | "), as
    a table aligned with figures is; prose with one wide gap is left alone."""
    from analysis.read.reading import normalize

    text = "四、2023年工作计划\n序号　　任务　　责任单位　　时限\n1　　建立镇重大行政决策事项目录，明确决策程序　　党政办、司法所　　2023年3月底前\n2　　落实执法三项制度　　综合执法队　　全年\n尤溪县西城镇人民政府"
    assert normalize(text).split("\n")[1:4] == [
        "序号 | 任务 | 责任单位 | 时限",
        "1 | 建立镇重大行政决策事项目录，明确决策程序 | 党政办、司法所 | 2023年3月底前",
        "2 | 落实执法三项制度 | 综合执法队 | 全年",
    ]
    assert normalize("开展普法活动　　12场，发放资料。") == "开展普法活动 12场，发放资料。"


def test_tables_of_tasks_and_problems_parted_by_single_ideographic_spaces():
    """P54 (咱果乡): a Word table pasted as text, its cells parted by one ideographic space, under a header naming a task
    table's or a problem table's columns (责任领导, 问题, 具体表现, 整改时限): read as a table, not run together."""
    from analysis.read.reading import normalize

    text = (
        "三、需要改进的地方\n序号　问题　具体表现　整改时限\n1　执法人员数量不足　全乡持证执法人员仅3名，均为兼职　2024年6月底前\n"
        "四、2024年工作计划\n序号　工作任务　责任领导　完成时限\n1　严格落实每月一次会前学法　乡党委副书记　2024年12月\n咱果乡人民政府"
    )
    assert normalize(text).split("\n") == [
        "三、需要改进的地方",
        "序号 | 问题 | 具体表现 | 整改时限",
        "1 | 执法人员数量不足 | 全乡持证执法人员仅3名，均为兼职 | 2024年6月底前",
        "四、2024年工作计划",
        "序号 | 工作任务 | 责任领导 | 完成时限",
        "1 | 严格落实每月一次会前学法 | 乡党委副书记 | 2024年12月",
        "咱果乡人民政府",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # N38: a sentence broken at a line end before its figure, or between a figure and its unit, is joined again
        (
            "街道社会治理中心整合县法院、县司法局等入驻力量，全年共排查各类矛盾纠纷\n263件，调解成功259件。",
            "街道社会治理中心整合县法院、县司法局等入驻力量，全年共排查各类矛盾纠纷263件，调解成功259件。",
        ),
        ("开展普法宣传活动，发放宣传资料3500\n份，受教育群众2000人次。", "开展普法宣传活动，发放宣传资料3500份，受教育群众2000人次。"),
        # a heading, a label or a table row before a line opening on a figure stays where it is
        ("（三）矛盾纠纷化解\n12件纠纷全部化解，", "（三）矛盾纠纷化解\n12件纠纷全部化解，"),
        ("片区      法律明白人（名）\n东片4个村      40", "片区      法律明白人（名）\n东片4个村      40"),
        ("2023年主要数据\n2022年为12件，", "2023年主要数据\n2022年为12件，"),
    ],
)
def test_a_figure_broken_off_its_sentence_is_joined_again(text, expected):
    assert join_broken_figures(text) == expected
