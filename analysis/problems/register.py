"""The problem register: the problems a county reviewer counts (``data/problems.csv``) and the
assignment of each problem item to one of them.

Each problem names *who or what* has it (``topic``: 执法人员, 干部, 群众, 普法宣传 …) and *what is
wrong* (``defect``: 人员少/兼职 vs 素质不高/业务不熟 vs 不规范/不到位), and gives example sentences.
An item's score for a problem adds three kinds of evidence:

- cues: the problem's topic and defect words together in one clause (less in one sentence or
  the item; a topic alone by how few problems share it), the longer (more specific) cues
  winning, the item's subject (its first clause) counting more. A cue must not cut a word the
  segmenter agrees with another cue on (部分村 is not a cue in 部分|村民);
- similarity: the best character-bigram cosine with the problem's examples and labelled items
  (``data/problem_labelled.csv``);
- a word classifier (:mod:`analysis.parse.wordmodel`, logistic regression over the words of the
  examples and labelled items): it carries the vocabulary the cue lists lack (送法下乡, 展板
  are publicity methods) and weighs the words of an item against each other.

Items whose best score is low fit nothing: 未归类 (grouped among themselves by
:mod:`analysis.refresh.derived` into emerging problems). Every assignment keeps its evidence (the cues,
the similarity, the classifier's probability) for the reviewer. The register stays data a
county edits: a new problem needs a row with cues and a few examples; labelled items of its
own (`python -m analysis corrections labelled`) make the similarity and the classifier better.
"""

from __future__ import annotations

import csv
import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.parse import segment, wordmodel
from analysis.parse.problem_model import MODEL_FILE, QUOTES  # (quotation marks are dropped before cues are matched too)
from analysis.parse.problem_model import cut as _cut
from analysis.parse.problem_model import features as _features
from analysis.parse.problem_model import words_of as _words_of
from analysis.parse.structure import DATA_DIR, data_file_mtime
from analysis.parse.themes import trie_regex
from analysis.problems.vectors import fit_idf, transform

REGISTER_FILE = DATA_DIR / "problems.csv"
LABELLED_FILE = DATA_DIR / "problem_labelled.csv"  # items a reviewer labelled: more examples per problem
# the word classifier fitted on the register's examples, shipped (:func:`write_model`) and used when
# the examples it was fitted on are still the register's (:func:`training_key`)
MODEL_FORMAT = "1"
UNASSIGNED = "未归类"
# clause ends inside an item: "执法力量相对薄弱，工作人员较少；都是身兼多职。"
CLAUSE_END = re.compile(r"[，,；;。：:！!？?\n、]")
SENTENCE_END = re.compile(r"[。；;！!？?\n]")
# raised when the rules change what an item is assigned: a store's kept assignments are then redone
ASSIGN_VERSION = 13
FULL_CUE = 2.0  # topic and defect in one clause
STATEMENT_CHARS = 25  # an item's first sentence this short (one clause) states the problem the rest explains
SECOND_MODEL = 0.05  # the word model's least probability for a second problem of one item
SENTENCE_SPLIT = re.compile(r"[。！？!?]")
SENTENCE_CUE = 1.6  # topic and defect in one sentence, different clauses
ITEM_CUE = 1.2  # topic and defect in different sentences of the item
TOPIC_ALONE = 1.2  # a topic named by one problem only, with no defect word (divided by how many share it)
TOPIC_SEEN = 20  # examples that must hold a topic word before its precision is judged
TOPIC_PRECISION_MIN = 0.35  # below this share of the examples holding it, a topic word alone is no evidence
SUBJECT_BONUS = 0.3  # a topic in the item's first clause: its subject
SIMILARITY_WEIGHT = 2.0
CLASSIFIER_WEIGHT = 2.0  # the word classifier's probability of a problem, times this
CLASSIFIER_C = 10.0  # its inverse regularisation (scikit-learn's C)
MIN_TOTAL = 0.8  # below this an item fits no problem: 未归类
# An item fits a problem only when it reads at least a little like the problem's items: the word
# classifier gives the problem MIN_MODEL, or the item is MIN_SIMILARITY like one of its examples;
# a topic word alone, or a topic and a defect apart, do not make it fit (a topic and its defect in one clause do). Set on the four independent
# development sets (tests/data/independent/P1–P4) measured before their items joined the labelled
# items: these thresholds alone leave 29 % of the items outside the register 未归类 and 2.2 % of
# the others; with the other-work words (data/other_work.txt) the outside items left are 89–96 %.
MIN_MODEL = 0.15
MIN_SIMILARITY = 0.2
# Without its defect in the item (a topic alone: 部分村民, 留守老人, 执法人员, or no cue), a problem needs
# the word classifier's NO_DEFECT_MODEL. Calibrated on the four independent sets whose items the
# classifier was never trained on (P35, P37, P38, P39: 156 items outside the register, 506 inside):
# it leaves 23 more outside items 未归类 (饮水, 采煤沉陷, 化石, 留守老人照料, 两违, 退捕渔民…) for 6
# inside items (long stories). The same bar for a topic with its defect would leave 8 more outside
# items for 3 inside ones and one of the seed reports' (加大宣传力度), so it is not set.
NO_DEFECT_MODEL = 0.3
QUESTION = re.compile(r"^[^。！？!?]{1,40}[？?]")  # an item that opens with a question
OTHER_WORK_FILE = DATA_DIR / "other_work.txt"  # other township work: an item about it is no register problem

ASSIGNMENT_COLUMNS = ["code", "score", "evidence", "second_code"]


@dataclass(frozen=True)
class Problem:
    code: str
    name: str
    area: str
    description: str
    topic: tuple[str, ...]
    defect: tuple[str, ...]
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Register:
    problems: tuple[Problem, ...]
    cue: re.Pattern[str]  # any cue word, the longest at each position (used in a look-ahead)
    cue_roles: dict[str, tuple[tuple[int, int, int], ...]]  # word → (problem, role 0 topic / 1 defect, length), prefixes included
    topic_share: dict[str, int]  # topic word → how many problems name it
    idf: object
    example_vectors: object  # unit TF-IDF rows of every example
    example_owner: np.ndarray  # problem index of each example row
    examples: tuple[str, ...]  # the examples' texts (the word classifier's training set)
    # (problem, topic word) → the share of the examples holding the word that are the problem's, where
    # at least TOPIC_SEEN hold it: how much the word alone says the item is about that problem
    topic_precision: dict[tuple[int, str], float] = field(default_factory=dict)

    @cached_property
    def model(self) -> wordmodel.WordModel | None:
        """The word classifier trained on the examples, when first needed (pages that only
        name problems never train it)."""
        return _train(list(self.examples), self.example_owner, len(self.problems))

    def by_code(self) -> dict[str, Problem]:
        return {p.code: p for p in self.problems}


def register(path: Path = REGISTER_FILE, labelled: Path = LABELLED_FILE) -> Register:
    """The register with the labelled items as further examples, re-read when a file changes."""
    mtime = data_file_mtime(path)
    if mtime is None:
        raise FileNotFoundError(f"{path} is missing: the problem register is needed to name problems")
    return _load(path, mtime, labelled, data_file_mtime(labelled))


@lru_cache(maxsize=4)
def _load(path: Path, mtime: float, labelled: Path, labelled_mtime: float | None) -> Register:
    training = load_labelled(labelled) if labelled_mtime is not None else pd.DataFrame(columns=["problem", "text"])
    return build_register(read_problems(path), training)


def read_problems(path: Path = REGISTER_FILE) -> list[Problem]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [
            Problem(
                row["code"].strip(),
                row["name"].strip(),
                row["area"].strip(),
                row["description"].strip(),
                _words(row["topic"]),
                _words(row["defect"]),
                tuple(e.strip() for e in row["examples"].split("|") if e.strip()),
            )
            for row in csv.DictReader(fh)
        ]


def load_labelled(path: Path = LABELLED_FILE) -> pd.DataFrame:
    """Labelled problem items: county, township, year, problem (a register code), text."""
    return pd.read_csv(path, encoding="utf-8-sig", dtype={"year": int})


def build_register(problems: list[Problem], training: pd.DataFrame) -> Register:
    """A register from its problems and labelled items (``problem``, ``text``) that serve as
    further examples of their problem (items labelled with an unknown code are ignored)."""
    roles: dict[str, set[tuple[int, int, int]]] = {}
    for i, p in enumerate(problems):
        for role, words in ((0, p.topic), (1, p.defect)):
            for w in words:
                roles.setdefault(w, set()).add((i, role, len(w)))
    # a longer word found at a position also stands for the registered words it starts with
    # ("执法力量" is 执法 for every problem whose topic is 执法)
    words = sorted(roles)
    full = {w: tuple(sorted(set().union(*(roles[w[:k]] for k in range(1, len(w) + 1) if w[:k] in roles)))) for w in words}
    index = {p.code: i for i, p in enumerate(problems)}
    known = training[training.problem.isin(index)]
    examples = [e for p in problems for e in p.examples] + known.text.tolist()
    owner = np.array([i for i, p in enumerate(problems) for _ in p.examples] + [index[c] for c in known.problem], dtype=np.int64)
    idf = fit_idf(examples)
    share = {w: len({p for p, role, _ in r if role == 0}) for w, r in roles.items()}
    cue = re.compile(f"(?=({trie_regex(words)}))")
    precision = _topic_precision(problems, examples, owner)
    return Register(tuple(problems), cue, full, share, idf, transform(examples, idf), owner, tuple(examples), precision)


def _topic_precision(problems: list[Problem], examples: list[str], owner: np.ndarray) -> dict[tuple[int, str], float]:
    """(problem, topic word) → the share of the examples holding the word that are the problem's (only
    for words at least :data:`TOPIC_SEEN` examples hold): 群众 is in items about disputes, petitions and
    legal services as much as in those about the public's awareness of the law."""
    out: dict[tuple[int, str], float] = {}
    for i, p in enumerate(problems):
        for word in p.topic:
            holding = [k for k, text in enumerate(examples) if word in text]
            if len(holding) >= TOPIC_SEEN:
                out[(i, word)] = float(np.mean(owner[holding] == i))
    return out


def _train(examples: list[str], owner: np.ndarray, n_problems: int) -> wordmodel.WordModel | None:
    """The word classifier over every example and labelled item (None with fewer than two problems):
    the one shipped in :data:`MODEL_FILE` when it was trained on exactly these examples (about a
    second of every refresh saved), else fitted now."""
    if len(set(owner.tolist())) < 2:
        return None
    shipped = wordmodel.load(MODEL_FILE, training_key(examples, owner, n_problems), _features)
    return shipped or _fit(examples, owner, n_problems)


def _fit(examples: list[str], owner: np.ndarray, n_problems: int) -> wordmodel.WordModel:
    return wordmodel.fit(examples, owner, n_problems, c=CLASSIFIER_C, analyzer=_features)


def training_key(examples: list[str], owner: np.ndarray, n_problems: int) -> str:
    """What the word classifier is trained on, as a digest: the examples and their problems, the
    penalty, and the user dictionary the words are cut with (an edit of any changes it)."""
    digest = hashlib.sha256()
    userdict = segment.USERDICT.read_bytes() if segment.USERDICT.exists() else b""
    for part in (MODEL_FORMAT.encode(), repr(CLASSIFIER_C).encode(), str(n_problems).encode(), userdict):
        digest.update(part + b"\x01")
    digest.update("\x00".join(examples).encode() + b"\x01" + np.asarray(owner, dtype=np.int64).tobytes())
    return digest.hexdigest()


def write_model(path: Path | None = None) -> Path:
    """Fit the register's word classifier and save it where :func:`_train` looks (``make model``,
    after an edit of data/problems.csv, data/problem_labelled.csv or data/userdict.txt)."""
    reg = register()
    path = path or MODEL_FILE
    examples, owner, n_problems = list(reg.examples), reg.example_owner, len(reg.problems)
    wordmodel.save(_fit(examples, owner, n_problems), path, training_key(examples, owner, n_problems))
    return path


def _classifier_scores(words: list[list[str]], reg: Register) -> np.ndarray:
    """texts (their words) × problems: the word classifier's probability of each problem."""
    if reg.model is None:
        return np.zeros((len(words), len(reg.problems)))
    return reg.model.probabilities(words, analyzed=True)


def _words(cell: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in cell.split("/") if w.strip())


def assign(texts: list[str], reg: Register | None = None) -> pd.DataFrame:
    """One row per text (same order): code (a register code or 未归类), score, evidence (the cues
    or the example matched, in words), second_code (a second problem the text clearly states, or
    None)."""
    reg = reg or register()
    if not texts:
        return pd.DataFrame(columns=ASSIGNMENT_COLUMNS)
    unique, inverse = np.unique(np.asarray(texts, dtype=object), return_inverse=True)  # boilerplate repeats
    similarity = _example_similarity(list(unique), reg)
    tokens = [_cut(text.translate(QUOTES)) for text in unique]  # segmented once: cue bounds and the classifier's words
    learned = _classifier_scores([_words_of(t) for t in tokens], reg)
    rows = [_assign_one(text, similarity[n], reg, learned[n], tokens[n]) for n, text in enumerate(unique)]
    return pd.DataFrame(rows, columns=ASSIGNMENT_COLUMNS).iloc[inverse].reset_index(drop=True)


def _example_similarity(texts: list[str], reg: Register) -> np.ndarray:
    """texts × problems: the best cosine of each text with the problem's examples."""
    sims = (transform(texts, reg.idf) @ reg.example_vectors.T).toarray()
    best = np.zeros((len(texts), len(reg.problems)), dtype=np.float64)
    for j in range(len(reg.problems)):
        cols = reg.example_owner == j
        if cols.any():
            best[:, j] = sims[:, cols].max(axis=1)
    return best


@dataclass
class _Cue:
    score: float = 0.0
    topic: str = ""
    defect: str = ""
    sentence: int = -1


def _cues(text: str, reg: Register, tokens: list[str] | None = None) -> dict[int, _Cue]:
    """The best cue evidence of each problem found in ``text``.

    Topic and defect in one clause score :data:`FULL_CUE`, in one sentence
    :data:`SENTENCE_CUE`, anywhere in the item less; a topic alone (the item comes from a
    problems section, so something is wrong with it) scores by how specific it is: 规范性文件
    names one problem, 执法人员 several. Longer cues add a little (they are more specific).
    ``tokens``: the segmenter's tokens of the text without quotation marks, when already cut.
    """
    text = text.translate(QUOTES)
    bounds = _token_bounds(tokens if tokens is not None else _cut(text))
    clause_ends = [m.start() for m in CLAUSE_END.finditer(text)]
    sentence_ends = [m.start() for m in SENTENCE_END.finditer(text)]
    found: dict[tuple[int, int], list[tuple[int, int, str]]] = {}  # (problem, role) → [(clause, sentence, word)]
    matches = [(m.start(), m.group(1)) for m in reg.cue.finditer(text)]
    spans = {(at, at + length) for at, word in matches for _, _, length in reg.cue_roles[word]}
    crossed = _crossed(spans, bounds)
    # (the topics' spans, for a defect fused with one: only where a cue crosses a word)
    topics = (
        {(problem, at, at + length) for at, word in matches for problem, role, length in reg.cue_roles[word] if role == 0}
        if crossed
        else set()
    )
    for at, word in matches:
        place = (bisect_right(clause_ends, at), bisect_right(sentence_ends, at))
        for problem, role, length in reg.cue_roles[word]:
            if crossed and (at, at + length) in crossed and not (role == 1 and _fused(problem, at, at + length, topics)):
                continue
            found.setdefault((problem, role), []).append((*place, word[:length]))
    best: dict[int, tuple[float, str, str, int]] = {}  # problem → (score, topic, defect, sentence)
    for (problem, role), hits in found.items():
        if role != 0:
            continue
        defects = found.get((problem, 1), ())
        for clause, sentence, topic in hits:
            subject = SUBJECT_BONUS if clause == 0 else 0.0  # who has the problem usually opens the item
            alone = TOPIC_ALONE / reg.topic_share.get(topic, 1) + 0.03 * min(len(topic), 6) + subject
            if reg.topic_precision.get((problem, topic), 1.0) < TOPIC_PRECISION_MIN:
                alone = 0.0  # a word most items holding it are about other problems says nothing without its defect
            score, paired = alone, ""
            for d_clause, d_sentence, defect in defects:
                base = FULL_CUE if (d_clause, d_sentence) == (clause, sentence) else SENTENCE_CUE if d_sentence == sentence else ITEM_CUE
                candidate = base + 0.05 * min(len(topic) + len(defect), 10) + subject
                if candidate > score:  # the first of equal scores stays
                    score, paired = candidate, defect
            if score > best.get(problem, (0.0,))[0]:
                best[problem] = (score, topic, paired, sentence)
    return {problem: _Cue(*found_best) for problem, found_best in best.items()}


def _fused(problem: int, start: int, end: int, topics: set[tuple[int, int, int]]) -> bool:
    """A defect that shares its first characters with a topic word of its own problem just before it: 「执法人员少」 is
    执法人员 + 人员少, though the segmenter reads 执法人员|少 (P46)."""
    return any(p == problem and a < start < b < end for p, a, b in topics)


def _token_bounds(tokens: list[str]) -> list[int]:
    """Offsets where the tokens of a text begin and end."""
    bounds, at = [0], 0
    for token in tokens:
        at += len(token)
        bounds.append(at)
    return bounds


def _crossed(spans: set[tuple[int, int]], bounds: list[int]) -> set[tuple[int, int]]:
    """Cue spans that overlap another cue whose words the segmenter agrees with while they
    cut a word in two: 部分村 against 村民 in 部分|村民. Where no other cue competes the
    segmenter is not trusted (it writes 整体素质|不高 and 司法|所仅, and 素质不高 and 司法所 are
    cues all the same)."""
    whole = {s for s in spans if _whole(*s, bounds)}
    return {(a, b) for a, b in spans - whole if any((a < c < b < d) or (c < a < d < b) for c, d in whole)}


def _whole(start: int, end: int, bounds: list[int]) -> bool:
    """A span is a word of the text, part of one word (执法 in 综合执法) or whole words
    (执法|人员), not parts of two words (部分村 in 部分|村民)."""
    inside = bisect_right(bounds, start) < len(bounds) and bounds[bisect_right(bounds, start)] < end
    if not inside:
        return True  # within one word
    i, j = bisect_right(bounds, start) - 1, bisect_right(bounds, end) - 1
    return bounds[i] == start and bounds[j] == end


def _assign_one(text: str, sims: np.ndarray, reg: Register, learned: np.ndarray, tokens: list[str]) -> tuple:
    cues = _cues(text, reg, tokens)
    totals = np.array([cues[j].score if j in cues else 0.0 for j in range(len(reg.problems))]) + SIMILARITY_WEIGHT * sims
    totals = totals + CLASSIFIER_WEIGHT * learned
    j = int(totals.argmax())
    cue = cues.get(j)
    weak = learned[j] < MIN_MODEL and sims[j] < MIN_SIMILARITY and (cue is None or cue.score < FULL_CUE)
    weak = weak or (learned[j] < NO_DEFECT_MODEL and (cue is None or not cue.defect))
    if totals[j] < MIN_TOTAL or weak or _other_work(text):
        return UNASSIGNED, round(float(totals[j]), 3), "", None
    model = f"词语模型 {learned[j]:.2f}" if learned[j] >= 0.1 else ""
    if cue is None:
        evidence = "；".join(filter(None, [model, f"与例句相近（{sims[j]:.2f}）：{_closest_example(text, j, reg)}"]))
    else:
        evidence = "；".join(
            filter(
                None,
                [
                    f"线索「{cue.topic}」" + (f"+「{cue.defect}」" if cue.defect else ""),
                    f"例句相似度 {sims[j]:.2f}" if sims[j] >= 0.1 else "",
                    model,
                ],
            )
        )
    second = _second(text, cues, j, reg, learned) if cue is not None else None
    return reg.problems[j].code, round(float(totals[j]), 3), evidence, second


def _other_work(text: str) -> bool:
    """Whether the item's subject (its first clause) is other township work (反诈, 移风易俗, 秸秆禁烧…,
    ``data/other_work.txt``)."""
    pattern = other_work_pattern(OTHER_WORK_FILE, data_file_mtime(OTHER_WORK_FILE))
    if pattern is None:
        return False
    first = CLAUSE_END.split(text, maxsplit=1)[0]
    if question := QUESTION.match(text):  # 「群众的“钱袋子”护住了吗？…电信网络诈骗…」: the question asks about what the answer opens with
        first += CLAUSE_END.split(text[question.end() :], maxsplit=1)[0]
    return bool(pattern.search(first))


@lru_cache(maxsize=2)
def other_work_pattern(path: Path, mtime: float | None) -> re.Pattern[str] | None:
    if mtime is None:
        return None
    words = [w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")]
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True)))) if words else None


def _second(text: str, cues: dict[int, _Cue], first: int, reg: Register, learned: np.ndarray) -> str | None:
    """A second problem only when the item states it fully in another sentence, about another
    subject, and the word model reads it there too (一是执法力量薄弱；二是群众法治意识淡薄). An item
    that opens with a short statement (村级法治建设不平衡。…) is explained by what follows: the
    决策程序 or 村务公开 of its explanation are not a second problem (on the labelled sets such
    second problems were wrong 97 times of 107)."""
    opening = SENTENCE_SPLIT.split(text, maxsplit=1)[0]
    if len(opening) <= STATEMENT_CHARS and "；" not in opening:
        return None
    main = cues[first]
    for j, cue in sorted(cues.items(), key=lambda kv: -kv[1].score):
        if (
            j != first
            and cue.score >= FULL_CUE
            and cue.sentence != main.sentence
            and cue.topic != main.topic
            and learned[j] >= SECOND_MODEL
        ):
            return reg.problems[j].code
    return None


def _closest_example(text: str, j: int, reg: Register) -> str:
    examples = reg.problems[j].examples
    sims = (transform([text], reg.idf) @ transform(list(examples), reg.idf).T).toarray().ravel()
    return examples[int(sims.argmax())][:40]


def register_table(reg: Register | None = None) -> pd.DataFrame:
    """The register as a table: code, name, area, description, origin ("register")."""
    reg = reg or register()
    return pd.DataFrame(
        [(p.code, p.name, p.area, p.description, "register") for p in reg.problems],
        columns=["code", "name", "area", "description", "origin"],
    )
