"""Problems packed half a clause each, read by the named problems' own cue words (analysis.parse.facets)."""

from __future__ import annotations

import pytest

from analysis.parse.facets import packed_problems, problem_of


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
