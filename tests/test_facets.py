"""Problems packed half a clause each, read by the named problems' own cue words (analysis.parse.facets)."""

from __future__ import annotations

import pytest

from analysis.parse.facets import packed_problems, problem_of, subject_problems


@pytest.mark.parametrize(
    ("clause", "context", "code"),
    [
        ("执法人员少", "", "ENF_STAFF"),
        ("专业能力弱", "执法人员少", "ENF_SKILL"),  # its topic in the run's first clause
        ("专业能力弱", "", None),  # no topic anywhere
        ("装备落后", "", "FUND"),
        # the longest cues win: 执法记录仪 + 不足 (经费与装备) over 执法 + 配备不足 (执法力量)
        ("执法车辆和执法记录仪配备不足", "", "FUND"),
        ("覆盖面窄", "普法形式单一", "PUB_REACH"),
        ("有的成了“仓库”", "村级法治阵地利用率不高", None),
    ],
)
def test_the_named_problem_a_clause_states(clause, context, code):
    assert problem_of(clause, context) == code


@pytest.mark.parametrize(
    ("item", "parts"),
    [
        # P44 (五强溪镇 2023, after 「主要是：」): three named problems, half a clause each
        ("执法人员少，专业能力弱，装备落后", ["执法人员少", "专业能力弱", "装备落后"]),
        ("普法形式单一，覆盖面窄", ["普法形式单一", "覆盖面窄"]),
        ("执法人员少、专业能力弱、执法车辆配备不足", ["执法人员少", "专业能力弱", "执法车辆配备不足"]),
        # clauses this long on average are a problem and its particulars more often than a pack (P1, P15, P20 label
        # them one item): 「…仅9名，人员少、专业能力弱、…配备不足」 (P44 浮云街道 2022, labelled three) is left whole
        (
            "街道综合执法队在编执法人员仅9名，人员少、专业能力弱、执法车辆和执法记录仪配备不足。",
            ["街道综合执法队在编执法人员仅9名，人员少、专业能力弱、执法车辆和执法记录仪配备不足。"],
        ),
        (
            "村级法治建设发展不平衡，部分村规民约内容陈旧、修订不及时，民主法治示范村创建后劲不足",
            ["村级法治建设发展不平衡，部分村规民约内容陈旧、修订不及时，民主法治示范村创建后劲不足"],
        ),
        # one problem and what it leads to, or its particulars: kept whole
        ("村级法治阵地利用率不高，有的成了“仓库”", ["村级法治阵地利用率不高，有的成了“仓库”"]),
        ("法律顾问到村服务仍“走过场”，群众获得感不强", ["法律顾问到村服务仍“走过场”，群众获得感不强"]),
        (
            "村级事务公开不及时、不规范，部分村财务公开“只公开总数、不公开明细”",
            ["村级事务公开不及时、不规范，部分村财务公开“只公开总数、不公开明细”"],
        ),
        # long clauses are a problem told with its particulars, not a pack (P44 沅陵镇 2024)
        (
            "法律顾问“顾而不问”，部分社区法律顾问每月到社区服务不足1次，居民知晓率低，对社区重大事项的法律把关作用不明显",
            ["法律顾问“顾而不问”，部分社区法律顾问每月到社区服务不足1次，居民知晓率低，对社区重大事项的法律把关作用不明显"],
        ),
        # 、 inside a subject is no list (村级调委会 states nothing)
        ("村级调委会、法律明白人多为兼职", ["村级调委会、法律明白人多为兼职"]),
        ("两句话。普法形式单一，覆盖面窄", ["两句话。普法形式单一，覆盖面窄"]),  # one sentence only
    ],
)
def test_packed_problems(item, parts):
    assert packed_problems(item) == parts


def test_two_defects_between_a_pause_mark_are_one_problem():
    """「普法宣传针对性不强、覆盖面不广」: two parts between 、 — one problem as P21's writer labelled it; three or more are a list."""
    assert packed_problems("普法宣传针对性不强、覆盖面不广。") == ["普法宣传针对性不强、覆盖面不广。"]


@pytest.mark.parametrize(
    ("sentence", "parts"),
    [
        # P46 (来凤县 旧司镇 2024): three problems one after another, each clause naming its own subject (部分…, 镇…)
        (
            "今年我镇在重大事项决策中，公众参与和风险评估环节还不够扎实，有的事项先定方案后征求意见，"
            "部分招商引资协议未经合法性审查即提交党委会研究，镇法律顾问全年参与决策论证仅2次，更多是“事后把关”。",
            [
                "今年我镇在重大事项决策中，公众参与和风险评估环节还不够扎实，有的事项先定方案后征求意见",
                "部分招商引资协议未经合法性审查即提交党委会研究",
                "镇法律顾问全年参与决策论证仅2次，更多是“事后把关”。",
            ],
        ),
        # two subjects are a problem and its particulars as often as two problems (P2): kept whole
        (
            "辖区征地拆迁等历史遗留问题较多，部分信访事项涉及多个部门，政策界限不清，重复信访时有发生。",
            ["辖区征地拆迁等历史遗留问题较多，部分信访事项涉及多个部门，政策界限不清，重复信访时有发生。"],
        ),
        # after a cause, the clauses are the cause's
        (
            "合法性审查不够规范，部分合同未经审查，究其原因，部分站所负责人认识不足，镇法律顾问到镇服务少，部分群众不知情。",
            ["合法性审查不够规范，部分合同未经审查，究其原因，部分站所负责人认识不足，镇法律顾问到镇服务少，部分群众不知情。"],
        ),
    ],
)
def test_problems_stated_one_after_another_by_their_own_subjects(sentence, parts):
    assert subject_problems(sentence) == parts
