"""How well the counted indicators match a labelled set of numbers.

A set is a folder with ``reports/`` (the texts) and ``numbers.csv`` (file, sentence, number,
value, unit, metric, role, kind, approx: one row per counted number, as independent writers
labelled them; optionally ``summed``: 1 where a county official adding up the township's year of work
should add it). Each labelled number is matched to the extracted indicator of the same file
with the same value and unit whose sentence (clause) lies in the labelled sentence, in order.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from analysis.errors import ReportError
from analysis.parse.indicators import OTHER_METRIC, ROLES, UNIT_ALIASES, Indicator, added, base_metric, metric_kinds
from analysis.parse.patterns import CLAUSE_ENDS
from analysis.parse.report import parse_path
from analysis.read.textclean import normalize

NUMBER_COLUMNS = ["file", "sentence", "number", "value", "unit", "metric", "role", "kind", "approx"]


@dataclass(frozen=True)
class NumbersResult:
    """Figures of one labelled set; ``pairs`` has one row per labelled number: the label's
    columns and the extracted ``found``, ``got_metric``, ``got_role``, ``got_kind``, ``got_approx``."""

    labelled: int
    found: int
    done_marked: int  # extracted numbers marked done (everything that enters sums), labelled or not
    done_right: int  # …of them labelled done
    done_unlabelled: int  # …of them no labelled number
    metric_named: int  # matched numbers given a named metric (not 其他)
    metric_right: int  # …of them with the labelled metric
    named_labelled: int  # labelled numbers with a named metric
    named_recalled: int  # …found with that metric
    approx_labelled: int
    approx_marked: int
    approx_false: int  # found, marked approximate, labelled exact
    stocks_summed: int  # township-metric figures of a stock that add several years
    pairs: pd.DataFrame
    sums: pd.DataFrame | None = None  # with a ``summed`` column: see :func:`sums_agreement`
    flow_marked: int = 0  # extracted numbers marked done of a named flow (a stock's additions too): what sums add
    flow_right: int = 0  # …of them labelled done

    def lines(self) -> list[str]:
        def ratio(a: int, b: int) -> str:
            return f"{a / b:.3f} ({a}/{b})" if b else "n/a (0/0)"

        return [
            f"labelled numbers found: {ratio(self.found, self.labelled)}",
            f"done precision (all marked done): {ratio(self.done_right, self.done_marked)}"
            f"; {self.done_unlabelled} of them are no labelled number",
            f"done precision (named flows, what the sums add): {ratio(self.flow_right, self.flow_marked)}",
            f"metric precision (named): {ratio(self.metric_right, self.metric_named)}",
            f"metric recall (named): {ratio(self.named_recalled, self.named_labelled)}",
            f"approximate marked: {ratio(self.approx_marked, self.approx_labelled)}; {self.approx_false} exact numbers marked approximate",
            f"stocks summed across years: {self.stocks_summed}",
            *self.sums_lines(),
        ]

    def sums_lines(self) -> list[str]:
        """The year's totals of each report and flow metric, as the pages and the brief add them, against the labels."""
        if self.sums is None:
            return []
        s = self.sums
        labelled, given = s[s.label > 0], s[s.got > 0]
        right = labelled[(labelled.got - labelled.label).abs() < 1e-6]
        extra = given[given.label == 0]
        return [
            f"year totals (report × flow metric × unit) the labels sum: {len(labelled)}; "
            f"right {len(right) / len(labelled):.3f} ({len(right)}/{len(labelled)})"
            if len(labelled)
            else "year totals: none labelled",
            f"totals given where the labels sum nothing: {len(extra)} of {len(given)}",
        ]

    def role_confusion(self) -> pd.DataFrame:
        """label role × extracted role, numbers found."""
        hit = self.pairs[self.pairs.found]
        return pd.crosstab(hit.role, hit.got_role).reindex(index=list(ROLES), columns=list(ROLES), fill_value=0)


def load_numbers(path: str | Path) -> pd.DataFrame:
    """A numbers.csv with the columns above; approx as bool."""
    try:
        df = pd.read_csv(path, dtype={"file": str, "sentence": str, "number": str, "unit": str, "metric": str, "role": str, "kind": str})
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise ReportError(f"cannot read the labelled numbers {path}: {exc}") from exc
    missing = [c for c in NUMBER_COLUMNS if c not in df.columns]
    if missing:
        raise ReportError(f"{path} lacks the columns {', '.join(missing)} (expected {','.join(NUMBER_COLUMNS)})")
    # (a writer may name the file by its path in the set: reports/2022_分水镇.txt)
    return df.assign(approx=df.approx.astype(int).astype(bool), sentence=df.sentence.str.strip(), file=df.file.str.removeprefix("reports/"))


def evaluate_numbers(folder: str | Path) -> NumbersResult:
    """Parse every report of a labelled set, match its numbers and measure (see :class:`NumbersResult`)."""
    folder = Path(folder)
    labels = load_numbers(folder / "numbers.csv")
    extracted = {f: parse_path(folder / "reports" / f).indicators for f in sorted(set(labels.file))}
    pairs, unmatched = match_numbers(labels, extracted)
    done = pairs[pairs.found & (pairs.got_role == "done")]
    done_unlabelled = sum(1 for i in unmatched if i.role == "done")
    flows = done[(done.got_kind == "flow") & (done.got_metric != OTHER_METRIC)]
    flows_unlabelled = sum(1 for i in unmatched if i.role == "done" and i.kind == "flow" and i.metric != OTHER_METRIC)
    found = pairs[pairs.found]
    named = found[found.got_metric != OTHER_METRIC]
    labelled_named = pairs[pairs.metric != OTHER_METRIC]
    approx = pairs[pairs.approx]
    with _stored(folder / "reports") as con:  # the reports as the pages read them, ingested once for both measures
        stocks_summed = stocks_summed_across_years(con)
        sums = sums_agreement(con, labels) if "summed" in labels.columns else None
    return NumbersResult(
        labelled=len(pairs),
        found=len(found),
        done_marked=len(done) + done_unlabelled,
        done_right=int((done.role == "done").sum()),
        done_unlabelled=done_unlabelled,
        metric_named=len(named),
        metric_right=int((named.got_metric == named.metric).sum()),
        named_labelled=len(labelled_named),
        named_recalled=int((labelled_named.found & (labelled_named.got_metric == labelled_named.metric)).sum()),
        approx_labelled=len(approx),
        approx_marked=int((approx.found & approx.got_approx.fillna(False).astype(bool)).sum()),
        approx_false=int((found.got_approx.astype(bool) & ~found.approx).sum()),
        stocks_summed=stocks_summed,
        pairs=pairs,
        sums=sums,
        flow_marked=len(flows) + flows_unlabelled,
        flow_right=int((flows.role == "done").sum()),
    )


def match_numbers(labels: pd.DataFrame, extracted: dict[str, list[Indicator]]) -> tuple[pd.DataFrame, list[Indicator]]:
    """(labels with found, got_metric, got_role, got_approx; the extracted indicators no label matched).
    ``got_metric`` is named as the labels name metrics (:func:`label_names`)."""
    names = label_names(labels)
    left = {f: list(inds) for f, inds in extracted.items()}
    got: dict[int, Indicator] = {}
    seen: dict[tuple[str, str, str], int] = {}  # (file, sentence, number) → labels of it read so far
    for n, row in enumerate(labels.itertuples(index=False)):
        key = (row.file, row.sentence, row.number)
        # as the reports are read: full-width digits folded, punctuation unified (「９件」 is stored as 「9件」)
        window = _window(normalize(row.sentence), normalize(row.number), seen.get(key, 0))
        seen[key] = seen.get(key, 0) + 1
        pool = left.get(row.file, [])
        for k, ind in enumerate(pool):
            if _same_number(row, ind, window):
                got[n] = pool.pop(k)
                break
    hits = [got.get(n) for n in range(len(labels))]
    out = labels.reset_index(drop=True).assign(
        found=[h is not None for h in hits],
        got_metric=[labelled_metric(h.metric, names) if h else None for h in hits],
        got_role=[h.role if h else None for h in hits],
        got_kind=[h.kind if h else None for h in hits],
        got_approx=[h.approx if h else False for h in hits],
    )
    return out, [i for inds in left.values() for i in inds]


# the labels' list of metrics is coarser than the extraction's, which keeps apart what a county official adds
# up apart: its 参与人次 counts everyone who took part, the cadres trained (参训人次) with the public reached; its
# 行政处罚 the cases closed without a penalty (不予处罚); its 信访 the petitioners a leader met (领导接访) and the
# petitions closed (信访办结); its 矛盾纠纷排查 the leads grid workers sent in (纠纷线索上报); and it has no name
# for the major decisions reviewed (重大决策合法性审查) or the posts of online 普法 (线上普法推送)
LABEL_NAMES = {
    "参训人次": "参与人次",
    "不予处罚": "行政处罚",
    "领导接访": "信访",
    "纠纷线索上报": "矛盾纠纷排查",
    "信访办结": "信访",  # (the writers' list: 「办结 of petitions is still 信访」)
    "重大决策合法性审查": OTHER_METRIC,  # (decisions the writers' list does not count: 「重大事项11项，全部履行合法性审查程序」)
    "线上普法推送": OTHER_METRIC,  # (posts are no 普法宣传活动 event: 「推送普法信息48条」, as most writers have it)
}
# of those, the labels' year totals add one into the other only where their list defines it so (参与人次: "受教育群众,
# 参训人员, 覆盖人次"); a page's 行政处罚, 信访 and 矛盾纠纷排查 hold no 不予处罚, 领导接访 or 纠纷线索上报, and are compared as such
SUM_NAMES = {"参训人次": "参与人次"}


def label_names(labels: pd.DataFrame) -> dict[str, str]:
    """How a set's labels name the extraction's finer metrics: by the coarser names (:data:`LABEL_NAMES`) in a
    set written from the older list, which lacks them; as they are in a set whose labels use any of them (its
    writers had today's ``data/metrics.csv`` names)."""
    return {} if set(labels.metric.dropna()) & set(LABEL_NAMES) else LABEL_NAMES


def labelled_metric(metric: str, names: dict[str, str] = LABEL_NAMES) -> str:
    """The name the labels give an extracted metric: a stock's additions by the stock, a finer metric by the
    labels' coarser one where they have only that (``names``: :func:`label_names`)."""
    bare = base_metric(metric)
    return names.get(bare, bare)


def _window(sentence: str, number: str, nth: int) -> str:
    """The ``nth`` occurrence of ``number`` in ``sentence`` (labels of a number written twice
    come in text order) with up to six words before it inside its clause (a clause end is no
    part of an indicator's sentence: 「…96.6%；受理信访39件」 is matched by 「受理信访39件」)."""
    at = -1
    for _ in range(nth + 1):
        found = sentence.find(number, at + 1)
        if found < 0:
            break
        at = found
    if at < 0:
        return sentence
    floor = max(at - 6, *(sentence.rfind(ch, 0, at) + 1 for ch in CLAUSE_ENDS))
    return sentence[floor : at + len(number)]


def _same_number(row, ind: Indicator, window: str) -> bool:
    """Same value, same unit (个 for 个村 too), and the labelled number with the words right
    before it (``window``) stands in the indicator's sentence."""
    unit = UNIT_ALIASES.get(str(row.unit), str(row.unit))
    return (
        abs(float(row.value) - float(ind.value)) < 1e-6
        and (unit.startswith(ind.unit) or ind.unit.startswith(unit))
        and _squeezed(window) in _squeezed(ind.evidence)
    )


SPACES = re.compile(r"\s+")  # (white space, the ideographic space too)


def _squeezed(text: str) -> str:
    """``text`` without white space: a figure line aligned with spaces (「中心组及会前学法　　　　18次」) is stored
    with one (「中心组及会前学法 18次」), so its label is matched whatever the spacing."""
    return SPACES.sub("", text)


@contextmanager
def _stored(reports: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to a temporary store of ``reports`` (ingested in one process)."""
    from analysis.storage import store
    from analysis.storage.ingest import ingest_paths

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "eval.duckdb"
        ingest_paths([reports], db=db, workers=1)
        with store.connect(db, read_only=True) as con:
            yield con


def stocks_summed_across_years(con: duckdb.DuckDBPyConnection) -> int:
    """Figures of a stock metric that add more than one year of a township in the comparison
    over all years (``township_metrics``, which every page, export and the brief read)."""
    from analysis.insights.compare import township_metrics

    metrics = township_metrics(con)
    stocks = metrics[metrics.kind == "stock"]
    return int((stocks.years > 1).sum())


def sums_agreement(con: duckdb.DuckDBPyConnection, labels: pd.DataFrame) -> pd.DataFrame:
    """file, metric, unit, label, got: for each report and flow metric named in ``data/metrics.csv``
    (units as the extraction writes them; a stock's figure the labels add is an addition, 「法律明白人（新增）」),
    the year's total the labels add (``summed`` = 1) and the total ``township_metrics`` gives for the
    report's township and year in the store ``con`` (what the pages, exports and the brief show); 0
    where one side adds nothing."""
    from analysis.insights.compare import township_metrics
    from analysis.storage.filters import Filters

    kinds = metric_kinds()
    flows = {m for m, k in kinds.items() if k == "flow"}
    sum_names = SUM_NAMES if label_names(labels) else {}  # (a set with the finer names adds each apart)
    lab = labels[(labels.summed.astype(int) == 1) & labels.metric.isin(set(kinds)) & (labels.unit != "%")]
    lab = lab.assign(
        unit=lab.unit.map(lambda u: UNIT_ALIASES.get(str(u), str(u))),
        metric=[added(m) if kinds[m] == "stock" else m for m in lab.metric],
    )
    want = lab.groupby(["file", "metric", "unit"]).value.sum().rename("label")
    rows = []
    for file, township, year in con.execute("SELECT file, township, year FROM reports").fetchall():
        if township is None or year is None:
            continue
        got = township_metrics(con, Filters(years=(year,), townships=(township,)))
        for r in got[got.metric.isin(flows)].itertuples(index=False):
            rows.append((Path(file).name, sum_names.get(r.metric, r.metric), r.unit, float(r.total)))
    got = pd.DataFrame(rows, columns=["file", "metric", "unit", "got"]).groupby(["file", "metric", "unit"]).got.sum()
    return pd.concat([want, got], axis=1).fillna(0.0).reset_index()
