"""A generator of clearly labelled SYNTHETIC reports for the benchmark.

Sections and sentences of the five sample reports are recombined under township names drawn
from the gazetteer, for years 2019-2025. Every file is named ``synthetic_*.txt``, its title
says 合成, and its last line says it is synthetic test data. Never write these into data/raw/.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from analysis.parse import gazetteer
from analysis.parse.report import ParsedReport, parse_path
from analysis.parse.sentences import split_sentences

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
YEARS = list(range(2019, 2026))
CN = "一二三四五六七八九十"
PARTS = [
    ("achievements", "{y}年推进法治政府建设的主要举措和成效"),
    ("duty", "{y}年党政主要负责人履行推进法治建设第一责任人职责情况"),
    ("problems", "{y}年推进法治政府建设存在的不足和原因"),
    ("plans", "{n}年推进法治政府建设的主要安排"),
    ("other", "其他需要报告的情况"),
]
NUMBER = re.compile(r"\d+")
LABEL = "注：本文件为基准测试用合成数据（SYNTHETIC），由样例报告的句子重组生成，不是真实报告。"


def _sources() -> list[ParsedReport]:
    return [parse_path(p) for p in sorted(RAW.glob("*.txt"))]


def _pool(sources: list[ParsedReport]) -> dict[str, list[str]]:
    """Sentences by part kind, with each source township's own names blanked to 我镇."""
    pool: dict[str, list[str]] = {kind: [] for kind, _ in PARTS}
    pool["problem_items"], pool["plan_items"] = [], []
    for r in sources:

        def own(text: str, r=r) -> str:
            for name in filter(None, (r.township, r.county)):
                text = text.replace(name, "我镇")
            return text

        for s in r.sections:
            kind = s.kind if s.kind in pool else "achievements"
            pool[kind].extend(own(x) for x in split_sentences(s.text) if len(x) > 12)
        pool["problem_items"].extend(own(x) for x in r.problems)
        pool["plan_items"].extend(own(x) for x in r.plans)
    return pool


def _perturb(sentence: str, rng: random.Random) -> str:
    """Vary a sentence: new numbers, and sometimes its comma clauses in another order."""
    sentence = NUMBER.sub(lambda m: str(rng.randint(1, 999)) if len(m.group()) < 4 else m.group(), sentence)
    clauses = sentence.rstrip("。；").split("，")
    if len(clauses) > 2 and rng.random() < 0.6:
        head, rest = clauses[0], clauses[1:]
        rng.shuffle(rest)
        sentence = "，".join([head, *rest]) + "。"
    return sentence


def _body(pool: list[str], rng: random.Random, n: int, copy_rate: float) -> str:
    picked = rng.sample(pool, min(n, len(pool)))
    lines = [s if rng.random() < copy_rate else _perturb(s, rng) for s in picked]
    return "\n".join("".join(lines[i : i + 3]) for i in range(0, len(lines), 3))


def _enumerate(items: list[str], rng: random.Random, k: int) -> str:
    chosen = rng.sample(items, min(k, len(items)))
    return "\n".join(f"（{CN[i]}）{_perturb(t, rng) if rng.random() < 0.5 else t}" for i, t in enumerate(chosen))


def report_text(place: gazetteer.Place, year: int, pool: dict[str, list[str]], rng: random.Random, *, copy_rate: float = 0.3) -> str:
    """One synthetic report for ``place`` and ``year``."""
    t = place.township
    out = [f"{place.province}{place.county}{t}人民政府", f"关于{t}{year}年法治政府建设情况的报告（合成）", "县委依法治县办："]
    out.append(
        f"{year}年，{t}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面推进依法行政和法治政府建设。现将有关情况报告如下："
    )
    for i, (kind, heading) in enumerate(PARTS):
        out.append(f"{CN[i]}、{heading.format(y=year, n=year + 1)}")
        if kind == "problems":
            out.append(_enumerate(pool["problem_items"], rng, rng.randint(2, 4)))
        elif kind == "plans":
            out.append(_enumerate(pool["plan_items"], rng, rng.randint(3, 5)))
        elif kind == "other":
            out.append("无。")
        else:
            out.append(_body(pool[kind], rng, 24 if kind == "achievements" else 8, copy_rate))
    out += [f"{t}人民政府", f"{year + 1}年2月{rng.randint(1, 28)}日", LABEL]
    return "\n".join(out) + "\n"


def generate(n_reports: int, folder: Path, *, seed: int = 7) -> list[Path]:
    """Write ``n_reports`` synthetic reports (townships × 2019-2025) into ``folder``."""
    if folder.resolve().is_relative_to(RAW.resolve()):
        raise ValueError("synthetic reports must never be written into data/raw/")
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    pool = _pool(_sources())
    places = [p for ps in gazetteer.load().townships.values() for p in ps if len(ps) == 1]
    places.sort(key=lambda p: (p.province, p.county, p.township))
    n_towns = max(1, -(-n_reports // len(YEARS)))
    towns = rng.sample(places, n_towns)
    paths = []
    for i in range(n_reports):
        place, year = towns[i // len(YEARS)], YEARS[i % len(YEARS)]
        path = folder / f"synthetic_{i:05d}_{place.township}_{year}.txt"
        path.write_text(report_text(place, year, pool, rng), encoding="utf-8")
        paths.append(path)
    return paths
