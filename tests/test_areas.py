"""Achievement sentences assigned to the assessed areas by what they do (analysis.parse.areas)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.errors import ReportError
from analysis.insights.area_eval import AreasResult, evaluate_areas, load_areas
from analysis.parse import areas
from analysis.parse.themes import THEMES_FILE

ROOT = Path(__file__).resolve().parent.parent
LEAD = "党的领导与第一责任人职责"


@pytest.mark.parametrize(
    ("sentence", "duty", "expected"),
    [
        # a learning sentence naming laws is learning, not enforcement or petitions
        ("镇党委理论学习中心组集体学法十二次，组织学习《行政处罚法》《信访工作条例》3次。", False, [LEAD]),
        # publicity naming a law is publicity
        ("联合司法所为个体工商户开展《行政处罚法》专题宣讲，现场解答法律咨询30余人次。", False, ["普法与法治社会"]),
        # the government's legal adviser reviewing contracts and giving opinions: decisions
        ("镇政府聘请律师担任常年法律顾问，全年审查合同22份，出具法律意见书9份。", False, ["重大行政决策"]),
        # legal advisers and 法律明白人 in the villages: grassroots rule of law
        ("全镇35个村实现法律顾问全覆盖，培育法律明白人105名。", False, ["基层法治"]),
        ("综合执法办全年开展执法检查30余次，办理行政处罚案件4件。", False, ["行政执法"]),
        ("汛期共发布预警信息12期，转移避险群众230余人。", False, ["突发事件应对"]),
        ("修订完善《龙山镇重大行政决策程序规定》，明确决策事项目录。", False, ["重大行政决策", "制度体系与规范性文件"]),
        # reviewing the government's documents is 规范性文件 work, its contracts decisions (N23, N24)
        ("全年审查镇政府文件12件、各类合同37份。", False, ["重大行政决策", "制度体系与规范性文件"]),
        ("对镇政府拟出台的文件实行应审必审。", False, ["制度体系与规范性文件"]),
        # 沂南县 reading: epidemic control is emergency response; a count of 安全生产 inspections is enforcement
        ("疫情防控期间，依法落实重点场所防控措施，检查商超、餐饮等经营场所2300余家次。", False, ["行政执法", "突发事件应对"]),
        ("全年开展执法检查206次，其中安全生产88次、环境保护46次。", False, ["行政执法"]),
        # the duty section: about the principal leaders' duty as well
        ("全年接待来访群众40余人次。", True, [LEAD, "矛盾纠纷预防化解"]),
        ("全年接待来访群众40余人次。", False, ["矛盾纠纷预防化解"]),
        # a rate of petitions closed is no government-services work
        ("全年受理信访事项49件，按期办结率100%。", False, ["矛盾纠纷预防化解"]),
        # mediation committees and mediators are dispute work, not grid governance
        ("全镇共有人民调解委员会57个，人民调解员186名。", False, ["矛盾纠纷预防化解"]),
        # 学法带头人 is a grassroots stock, no learning nor leaders' duty
        ("全镇法律明白人210名，学法带头人70名。", False, ["基层法治"]),
        # a school lecture is publicity
        ("镇中学、中心小学均聘请法治副校长，全年开展法治讲座4场。", False, ["普法与法治社会"]),
        # 安全生产 as the object of publicity or inspections is not emergency response
        ("以“安全生产月”等时间节点为抓手，全年开展各类法治宣传活动38场。", False, ["普法与法治社会"]),
        ("全年开展安全生产、森林防火等执法检查45次。", False, ["行政执法"]),
        ("落实安全生产责任，开展应急演练3次。", False, ["突发事件应对"]),
        # an absence named in passing is not what the sentence is about…
        ("全年开展执法检查60余次，办理行政处罚案件15件，无行政复议、行政诉讼案件。", False, ["行政执法"]),
        # …unless it is all the sentence says
        ("全年未发生行政复议和行政诉讼案件。", False, ["矛盾纠纷预防化解", "行政权力制约监督"]),
        # 鄄城县 review: village rules filed with the township (备案) are grassroots rule of law, no 规范性文件 work
        ("全镇54个行政村全部完成村规民约修订，并经镇党委、政府审核备案。", False, ["基层法治"]),
        ("对镇政府制发的规范性文件全部报县司法局备案审查。", False, ["制度体系与规范性文件"]),
        # N32 and the writers before it: e-government named by what it runs on — a self-service kiosk, an information
        # system, online mediation, an app or platform where things are done (a study platform or a 屋场会 is not)
        ("村级“粤智助”自助机全年办件6800余件，群众办事实现“就近办、家门口办”。", False, ["依法全面履行政府职能", "数字法治政府"]),
        ("依托“苏解纷”平台在线调解纠纷47件。", False, ["矛盾纠纷预防化解", "数字法治政府"]),
        ("干部在“学法用法”平台上学习，人均46学时。", False, [LEAD]),
        # reading 19 (古夫镇): a learning sentence's 法治素养 is the cadres', no publicity; a publicity act still is
        ("坚持学法用法，提升法治素养。", False, [LEAD]),
        ("组织干部集中学法12次，开展普法宣传活动8场。", False, [LEAD, "普法与法治社会"]),
        # no cue: the taxonomy's keywords decide
        ("群众法治观念明显增强。", False, ["普法与法治社会"]),
        ("天气晴朗。", False, []),
        ("", False, []),
    ],
)
def test_sentence_areas(sentence, duty, expected):
    assert areas.sentence_areas(sentence, duty=duty) == expected


def test_paragraph_themes_most_sentences_first():
    text = "开展普法宣传12场。发放宣传资料3000份。全年审查合同18份。"
    assert areas.paragraph_themes(text) == ["普法宣传与法治意识", "依法决策与合法性审查"]
    assert areas.paragraph_themes("天气晴朗。") == ["其他"]
    assert areas.paragraph_themes("天气晴朗。", duty=True) == [areas.DUTY_THEME]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("严格落实《党政主要负责人履行推进法治建设第一责任人职责规定》。", True),
        ("党委书记全年主持召开专题会议3次。", True),
        ("镇长带头出庭应诉1次。", True),
        ("全年开展普法宣传12场。", False),
        ("书记。全年主持召开会议3次。", False),  # the leader and the act in different sentences
    ],
)
def test_duty_in_body(text, found):
    assert bool(areas.DUTY_IN_BODY.search(text)) is found


def test_cues_name_known_themes(tmp_path):
    bad = tmp_path / "cues.csv"
    bad.write_text("theme,frame,cue,example\n不存在的主题,,执法,执法\n", encoding="utf-8")
    with pytest.raises(ValueError, match="不存在的主题"):
        areas.cues(bad, THEMES_FILE)
    with pytest.raises(FileNotFoundError, match="missing"):
        areas.cues(tmp_path / "none.csv", THEMES_FILE)


def _labelled_set(folder: Path, rows: str) -> Path:
    (folder / "reports").mkdir()
    (folder / "reports" / "r.txt").write_text(
        "城口县高楠镇人民政府\n关于2022年度法治政府建设情况的报告\n县委依法治县办：\n"
        "一、主要举措和成效\n（一）强化学法\n组织学习《行政处罚法》等法律法规。全年审查合同18份。\n"
        "二、党政主要负责人履行推进法治建设第一责任人职责情况\n全年接待来访群众40余人次。\n"
        "三、存在的问题\n（一）执法力量不足。\n四、下一步工作计划\n（一）加强执法队伍建设。\n",
        encoding="utf-8",
    )
    (folder / "areas.csv").write_text("file,section,sentence,areas\n" + rows, encoding="utf-8")
    return folder


def test_evaluate_areas(tmp_path):
    folder = _labelled_set(
        tmp_path,
        "r.txt,成效,（一）强化学法,无\n"
        "r.txt,成效,组织学习《行政处罚法》等法律法规。,党的领导与第一责任人职责\n"
        "r.txt,成效,全年审查合同18份。,重大行政决策|基层法治\n"
        "r.txt,第一责任人,全年接待来访群众40余人次。,党的领导与第一责任人职责|矛盾纠纷预防化解\n",
    )
    result = evaluate_areas(folder)
    assert result.pairs.read.tolist() == [False, True, True, True]
    assert [sorted(g) for g in result.pairs.got] == [
        [LEAD],
        [LEAD],
        ["重大行政决策"],
        [LEAD, "矛盾纠纷预防化解"],
    ]
    assert result.lines() == [
        "area F1, sentences of the achievement paragraphs: F1 0.889 (precision 1.000, recall 0.800; 3 sentences)",
        "area F1, headings and other lines not read as achievements: F1 0.000 (precision 0.000, recall 0.000; 1 sentences)",
        "area F1, every labelled line: F1 0.800 (precision 0.800, recall 0.800; 4 sentences)",
    ]


def test_load_areas_refuses_a_file_without_its_columns(tmp_path):
    path = tmp_path / "areas.csv"
    path.write_text("file,sentence\nr.txt,全年审查合同18份。\n", encoding="utf-8")
    with pytest.raises(ReportError, match="lacks the columns section, areas"):
        load_areas(path)


def test_area_f1_on_the_development_sets():
    """N1–N3 together (used for development: see the README for the first measurements)."""
    import pandas as pd

    results = [evaluate_areas(ROOT / "tests" / "data" / "independent" / n) for n in ("N1", "N2", "N3")]
    together = AreasResult(pd.concat([r.pairs for r in results], ignore_index=True))
    assert together.score(together.pairs[together.pairs.read]).f1 >= 0.85


def test_cli_evaluate_prints_the_area_figures(tmp_path):
    from tests.test_ingest import run_cli

    folder = _labelled_set(tmp_path, "r.txt,成效,全年审查合同18份。,重大行政决策\n")
    (folder / "numbers.csv").write_text(
        "file,sentence,number,value,unit,metric,role,kind,approx\nr.txt,全年审查合同18份。,18,18,份,其他,done,flow,0\n", encoding="utf-8"
    )
    done = run_cli("evaluate", "--numbers", str(folder))
    assert done.returncode == 0, done.stderr
    assert f"== {folder} (assessed areas of the achievement sentences)" in done.stdout
    assert "area F1, sentences of the achievement paragraphs: F1 1.000 (precision 1.000, recall 1.000; 1 sentences)" in done.stdout


def test_the_occasions_a_publicity_sentence_names_are_not_its_subject():
    """临澧县 review: 「围绕…防汛禁烧等节点开展集中宣传活动」 made 合口镇 report 突发事件应对."""
    said = "围绕宪法宣传周、民法典宣传月、防汛禁烧等节点开展集中宣传活动18场次，发放宣传资料1.2万余份。"
    assert areas.sentence_themes(said) == ["普法宣传与法治意识"]
    assert "应急管理" in areas.sentence_themes("汛期前修订防汛应急预案，组织应急演练2次。")  # a sentence about it still is


@pytest.mark.parametrize(
    "text",
    ["开展普法宣传12场。发放资料3000份！", "审查合同？是的!好?", "。。", "无句末", "", "末尾。", "含\0空字符。后一句", " 空格。 \n换行。"],
)
def test_sentences_are_cut_as_the_look_behind_cuts_them(text):
    assert areas._pieces(text) == areas.SENTENCE_END.split(text)
    assert areas.sentences_of(text) == [s.strip() for s in areas.SENTENCE_END.split(text) if s.strip()]


def test_publicity_about_work_safety_is_publicity():
    """「在茶叶加工企业集中区开展劳动用工、安全生产普法12场次」 (P31) is 普法, not 突发事件应对 (a county brief showed it as
    that area's only work)."""
    from analysis.parse.areas import sentence_areas

    assert sentence_areas("结合茶季用工高峰，在茶叶加工企业集中区开展劳动用工、安全生产普法12场次。") == ["普法与法治社会"]


def test_a_publicity_duty_list_is_publicity():
    """「制定年度普法责任清单，落实“谁执法谁普法”」 (N21) is 普法 work, not the leaders' duty (责任清单 alone still is)."""
    from analysis.parse.areas import sentence_areas

    assert "党的领导与第一责任人职责" not in sentence_areas("制定年度普法责任清单，落实“谁执法谁普法”普法责任制。")
    assert "党的领导与第一责任人职责" in sentence_areas("制定法治建设责任清单，明确班子成员分工。")


def test_the_emergency_bureau_named_as_a_partner_is_no_emergency_work():
    """Sixteenth reading (双沟镇): 「与县市场监管、应急管理等7个部门签订执法协作协议」 was counted as 突发事件应对 work."""
    from analysis.parse.areas import paragraph_themes

    assert paragraph_themes("与县市场监管、生态环境、应急管理等7个部门签订执法协作协议，明确案件移送程序。") == ["行政执法"]
    assert paragraph_themes("修订完善防汛应急预案，开展应急演练2次。") == ["应急管理"]
