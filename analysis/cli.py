"""Command line: ``python -m analysis parse|ingest|export|delete|serve|bench``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb

from analysis.csvout import csv_bytes, write_csv
from analysis.errors import ReportError
from analysis.storage import store, summary, tables
from analysis.storage.filters import Filters


def _export_tables() -> dict[str, Callable]:
    from analysis.insights import views

    return {
        "reports": tables.reports,
        "sections": tables.sections,
        "problems": lambda con, f: tables.items(con, f, kind="problem"),
        "plans": lambda con, f: tables.items(con, f, kind="plan"),
        "indicators": tables.indicators,
        **views.EXPORTS,
    }


# ---------------------------------------------------------------- argument checks (argparse types)
def _year(text: str) -> int:
    """A report year: "2023"."""
    try:
        year = int(text)
    except ValueError:
        year = 0
    if not 1949 <= year <= 2100:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year (1949–2100)")
    return year


def _positive(text: str) -> int:
    """A whole number above 0: a size, a report id."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number above 0")
    return value


def _date(text: str) -> str:
    """A date written YYYY-MM-DD."""
    import datetime as dt

    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None
    return text


def _short_text(text: str) -> str:
    """A name of an office for the brief: one line of at most 60 characters."""
    text = text.strip()
    if not text or len(text) > 60 or any(ch < " " for ch in text):
        raise argparse.ArgumentTypeError(f"{text!r} is not an office's name (one line, 1–60 characters)")
    return text


def _out_file(text: str) -> str:
    """A file to write, in a folder that exists (never created)."""
    path = Path(text)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is a folder, not a file")
    if not path.parent.is_dir():
        raise argparse.ArgumentTypeError(f"folder {str(path.parent)!r} does not exist")
    return text


def _in_file(text: str) -> str:
    """A file to read, which exists."""
    if not Path(text).is_file():
        raise argparse.ArgumentTypeError(f"no file {text!r}")
    return text


def _store_file(text: str) -> str:
    """A store file in a folder that exists (never created); it may be new."""
    path = Path(text)
    if path.exists() and not path.is_file():
        raise argparse.ArgumentTypeError(f"{text!r} is not a file")
    if not path.parent.is_dir():
        raise argparse.ArgumentTypeError(f"folder {str(path.parent)!r} does not exist")
    return text


def _existing_store(db: str | None) -> None:
    """Refuse a command that changes a store which does not exist (it would create an empty one)."""
    if not store.db_path(db).is_file():
        raise ReportError(f"no store at {store.db_path(db)}: check --db (or $REPORTS_DB)")


def cmd_parse(args: argparse.Namespace) -> int:
    from analysis.parse.report import parse_path
    from analysis.read.reading import printable, readable_name

    name = printable(readable_name(Path(args.file).name))
    try:
        report = parse_path(args.file)
    except (ReportError, OSError) as exc:
        print(f"rejected: {name}: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a parser bug: the same answer ingest gives, not a traceback
        print(f"rejected: {name}: could not be parsed ({type(exc).__name__}: {exc}); please report this file", file=sys.stderr)
        return 2
    print(json.dumps(report.to_contract(), ensure_ascii=False, indent=1 if args.pretty else None))
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from analysis.storage import history
    from analysis.storage.ingest import ingest_paths, list_inputs, print_progress, summary

    listing = list_inputs(args.paths)
    progress = print_progress(len(listing.files) + len(listing.refused))
    outcomes = ingest_paths(
        listing,
        db=args.db,
        replace=args.replace,
        workers=args.workers,
        on_outcome=progress,
        publish=args.no_refresh,
        who=history.cli_user(),
    )
    if not args.no_refresh:
        from analysis.refresh import derived

        with store.connect(args.db) as con:  # publishes the reports and their derived tables together
            derived.refresh(con, full=False)
    print(summary(outcomes))
    return 2 if any(o.status == "rejected" for o in outcomes) else 0


def cmd_export(args: argparse.Namespace) -> int:
    from analysis.insights import views
    from analysis.refresh import derived

    exports = _export_tables()
    filters = Filters(years=tuple(args.year or ()), townships=tuple(args.township or ()))
    if args.table in views.DERIVED_EXPORTS:
        _freshen(args.db)
    df, fresh = store.read(lambda con: (exports[args.table](con, filters), derived.is_fresh(con)), db=args.db)
    if args.table in views.DERIVED_EXPORTS and store.db_path(args.db).exists() and not fresh:
        print(
            f"warning: the derived tables are older than the stored reports; run `python -m analysis refresh --db {store.db_path(args.db)}`",
            file=sys.stderr,
        )
    if args.out:
        write_csv(df, args.out)
        print(f"{len(df)} rows written to {args.out}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(csv_bytes(df))
    return 0


def _freshen(db) -> None:
    """Bring derived tables up to date before exporting one; a store that cannot be written
    (read-only, or busy with another writer) is exported as it is, with a warning."""
    from analysis.refresh import derived

    try:
        derived.ensure_fresh(db)
    except (ReportError, OSError, duckdb.Error) as exc:
        print(f"warning: could not rebuild the derived tables ({str(exc).splitlines()[0]})", file=sys.stderr)


def cmd_delete(args: argparse.Namespace) -> int:
    from analysis.refresh import derived
    from analysis.storage import history, trash

    _existing_store(args.db)
    who = history.cli_user()
    with store.connect(args.db) as con:
        n = trash.move_to_trash(con, args.ids, who=who)
        if args.purge:
            n = trash.purge(con, args.ids, who=who)  # the ones just moved and any already in the 回收站
        derived.refresh(con, full=False)
    if args.purge:
        print(f"{n} reports deleted for good")
    else:
        print(f"{n} reports moved to the recycle bin (回收站): restore them on the 数据管理 page, or delete them for good with --purge")
    return 0


def cmd_jurisdiction(args: argparse.Namespace) -> int:
    from analysis.insights import reporting

    chosen = [(level, getattr(args, level)) for level in ("county", "city", "province") if getattr(args, level)]
    if len(chosen) > 1 or (chosen and args.clear):
        raise ReportError("give one of --county, --city, --province, or --clear")
    if chosen or args.clear:
        with store.connect(args.db) as con:
            if args.clear:
                reporting.clear_jurisdiction(con)
            else:
                reporting.set_jurisdiction(con, *chosen[0])  # type: ignore[arg-type]
    with store.connect(args.db, read_only=True) as con:
        j = reporting.jurisdiction(con)
    if j is None:
        print("no jurisdiction: the store has no reports and none was set")
    else:
        print(
            f"jurisdiction: {j.level} {j.name}"
            + (" (inferred from the reports; set one to settle ambiguous townships at ingest)" if j.inferred else "")
        )
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    from analysis.refresh import derived

    if args.if_stale:
        if derived.ensure_fresh(args.db, child_min_reports=sys.maxsize, verify=True):
            print("the published copy readers see was damaged or missing: published anew")
        print("derived tables are up to date (problem clusters, plan follow-through)")
        return 0
    with store.connect(args.db) as con:
        if args.summary:
            summary.rebuild(con)
        derived.refresh(con)
    print("derived tables rebuilt (problem clusters, plan follow-through" + (", summary tables)" if args.summary else ")"))
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from analysis.problems.evaluate import (
        LABELLED_FILE,
        LABELS_FILE,
        LATER_LABELS_FILE,
        LONG_LABELS_FILE,
        evaluate,
        is_training_file,
        load_labels,
    )

    if args.numbers:
        return _evaluate_numbers(args.numbers)
    if args.reports:
        from analysis.problems.extraction import evaluate_reports

        for folder in args.reports:
            print(f"== {folder} (reports and labelled items)")
            print("\n".join(evaluate_reports(folder).lines()))
        return 0
    sets = [args.labels] if args.labels else [LABELS_FILE, LATER_LABELS_FILE, LONG_LABELS_FILE, LABELLED_FILE]
    for path in sets:
        training = is_training_file(path)
        result = evaluate(load_labels(path), cross_validate=training)
        how = "the register's labelled examples, each county assigned without its own items" if training else "not used as examples"
        print(f"== {path} ({how})")
        print("\n".join(result.lines()))
        if len(result.confusions):
            print("largest confusions (label -> assigned):")
            for row in result.confusions.head(5).itertuples(index=False):
                print(f"  {row.label} -> {row.predicted}: {row.items}")
    return 0


def _evaluate_numbers(folders: list[str]) -> int:
    from analysis.insights.area_eval import evaluate_areas
    from analysis.insights.indicator_eval import evaluate_numbers

    for folder in folders:
        result = evaluate_numbers(folder)
        print(f"== {folder} (indicators: labelled numbers, roles, metrics)")
        print("\n".join(result.lines()))
        print("roles (labelled down, extracted across):")
        print(result.role_confusion().to_string())
        if (Path(folder) / "areas.csv").exists():
            print(f"== {folder} (assessed areas of the achievement sentences)")
            print("\n".join(evaluate_areas(folder).lines()))
    return 0


def cmd_corrections(args: argparse.Namespace) -> int:
    from analysis.problems import grouping
    from analysis.refresh import derived
    from analysis.storage import history

    if args.action == "export":
        with store.connect(args.db, read_only=True) as con:
            df = store.frame(con, "SELECT * FROM corrections ORDER BY made_at")
        if args.file:
            write_csv(df, _out_file(args.file))
        else:
            sys.stdout.buffer.write(csv_bytes(df))
        return 0
    if args.action == "labelled":
        with store.connect(args.db, read_only=True) as con:
            df = grouping.corrected_items(con)
        if not args.file:
            sys.stdout.buffer.write(csv_bytes(df))
            return 0
        added = grouping.add_labelled(df, args.file)
        print(f"{added} labelled items added to {args.file} ({len(df) - added} already there); run `python -m analysis refresh`")
        return 0
    if not args.file:
        raise ReportError("corrections import needs the CSV file to read")
    _existing_store(args.db)
    incoming = grouping.read_corrections(_in_file(args.file))  # every row good, or nothing imported
    with store.connect(args.db) as con:  # one writer: stored, derived tables rebuilt, then published
        added = grouping.store_corrections(con, incoming)
        history.log(
            con, "导入校正", Path(args.file).name, who=history.cli_user(), after=f"新增 {added} 条，已有 {len(incoming) - added} 条"
        )
        derived.refresh(con, full=False)
    print(f"{added} corrections imported ({len(incoming) - added} already present)")
    return 0


def cmd_overrides(args: argparse.Namespace) -> int:
    from analysis.refresh import derived
    from analysis.storage import facts

    if args.action == "export":
        with store.connect(args.db, read_only=True) as con:
            df = facts.overrides(con)
        if args.file:
            write_csv(df, _out_file(args.file))
        else:
            sys.stdout.buffer.write(csv_bytes(df))
        return 0
    if not args.file:
        raise ReportError("overrides import needs the CSV file to read")
    _existing_store(args.db)
    incoming = facts.read_overrides(_in_file(args.file))  # every row good, or nothing imported
    with store.connect(args.db) as con:  # one writer: corrected, derived tables rebuilt, then published
        done, skipped = facts.import_overrides(con, incoming, who="命令行导入", reason=f"从 {Path(args.file).name} 导入")
        derived.refresh(con, full=False)
    print(f"{done} reports corrected ({skipped} rows name no stored report or change nothing)")
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    import datetime as dt
    from dataclasses import replace

    from analysis.brief import county_brief

    deadline = dt.date.fromisoformat(args.deadline) if args.deadline else None
    with store.connect(args.db, read_only=True) as con:
        b = county_brief.build_brief(con, counties=tuple(args.county or ()), year=args.year, deadline=deadline)
    signed = dt.date.fromisoformat(args.date) if args.date else None
    b = replace(b, addressee=args.to or "", sender=args.sender or "", signed=signed)
    Path(args.out).write_bytes(county_brief.brief_docx(b))
    what = "no stored reports in that selection (the brief says so)" if b.empty else f"{len(b.reports)} reports"
    print(f"brief written to {args.out}: {what}", file=sys.stderr)
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from bench.run import main as bench_main

    return bench_main(args.sizes, out=args.out)


def cmd_serve(args: argparse.Namespace) -> int:
    import os
    import subprocess

    env = {**os.environ, **({"REPORTS_DB": str(Path(args.db).resolve())} if args.db else {})}
    root = Path(__file__).resolve().parent.parent
    return subprocess.call([sys.executable, "-m", "pages.serve", "--server.port", str(args.port)], cwd=root, env=env)


class _Parser(argparse.ArgumentParser):
    """Bad arguments are told in one line (exit status 2), not after the usage text."""

    def error(self, message: str):
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m analysis", description="法治报告看板: ingest and analyse township rule-of-law reports")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="print one report's structure as JSON; stores nothing")
    p.add_argument("file")
    p.add_argument("--pretty", action="store_true")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("ingest", help="store files and folders (recursive) in the DuckDB store")
    p.add_argument("paths", nargs="+")
    p.add_argument("--db", type=_store_file, help="store file (default $REPORTS_DB or data/reports.duckdb)")
    p.add_argument("--replace", action="store_true", help="replace a stored report of the same township and year")
    p.add_argument("--workers", type=_positive, help="worker processes (default: all cores)")
    p.add_argument("--no-refresh", action="store_true", help="skip recomputing clusters and similarity after the batch")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("export", help="write a table as CSV (UTF-8 with BOM, formula-safe)")
    p.add_argument("table", choices=sorted(_export_tables()))
    p.add_argument("--db", type=_store_file)
    p.add_argument("--out", type=_out_file, help="output file (default stdout)")
    p.add_argument("--year", type=_year, nargs="+")
    p.add_argument("--township", nargs="+")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("delete", help="move stored reports to the recycle bin (回收站) by id")
    p.add_argument("ids", type=_positive, nargs="+")
    p.add_argument("--purge", action="store_true", help="delete them for good (also reports already in the recycle bin)")
    p.add_argument("--db", type=_store_file)
    p.set_defaults(func=cmd_delete)

    p = sub.add_parser(
        "jurisdiction",
        help="show or set the store's jurisdiction (a county office: --county 岳西县); a township the gazetteer has in "
        "several counties whose report names none is then settled to the one inside it when ingested",
    )
    p.add_argument("--county")
    p.add_argument("--city")
    p.add_argument("--province")
    p.add_argument("--clear", action="store_true", help="forget it (it is inferred from the reports again)")
    p.add_argument("--db", type=_store_file)
    p.set_defaults(func=cmd_jurisdiction)

    p = sub.add_parser("refresh", help="rebuild problem clusters and plan follow-through (after editing data/themes.csv)")
    p.add_argument("--db", type=_store_file)
    p.add_argument("--if-stale", action="store_true", help="only when the store or data/themes.csv changed since the last build")
    p.add_argument("--summary", action="store_true", help="also recount the summary tables that every write keeps up to date")
    p.set_defaults(func=cmd_refresh)

    p = sub.add_parser("evaluate", help="measure the problem register on a labelled set (pairwise F1, ARI, persistence)")
    p.add_argument(
        "--labels",
        type=_in_file,
        help="CSV with county, township, year, problem, text (default: the held-out sets tests/data/problem_labels_heldout1.csv, "
        "heldout2.csv and heldout3.csv, then data/problem_labelled.csv cross-validated by county)",
    )
    p.add_argument(
        "--reports",
        action="append",
        metavar="DIR",
        help="a labelled set of whole reports (DIR/reports, DIR/problems.csv, DIR/plans.csv): items extracted, merged, split "
        "or missed, then the register's grouping end to end (e.g. tests/data/independent/P1); may be given several times",
    )
    p.add_argument(
        "--numbers",
        nargs="+",
        metavar="DIR",
        help="instead: measure the counted indicators on labelled sets (folders with reports/ and numbers.csv, "
        "e.g. tests/data/independent/N1): numbers found, done precision, metric precision and recall, approximate marked, "
        "stocks summed across years",
    )
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser(
        "corrections",
        help="export reviewers' problem corrections as CSV, import another county's, or write the items reviewers moved "
        "as labelled items (append them to data/problem_labelled.csv to teach the register)",
    )
    p.add_argument("action", choices=["export", "import", "labelled"])
    p.add_argument(
        "file", nargs="?", help="CSV file (export: default stdout; labelled: items are appended to it, e.g. data/problem_labelled.csv)"
    )
    p.add_argument("--db", type=_store_file)
    p.set_defaults(func=cmd_corrections)

    p = sub.add_parser(
        "overrides",
        help="export the reports' facts corrected in the dashboard as metadata_overrides.csv rows "
        "(copy them to data/metadata_overrides.csv to keep them in a store built afresh), or import such a file",
    )
    p.add_argument("action", choices=["export", "import"])
    p.add_argument("file", nargs="?", help="CSV file (export: default stdout)")
    p.add_argument("--db", type=_store_file)
    p.set_defaults(func=cmd_overrides)

    p = sub.add_parser("brief", help="draft the county's annual summary as an editable Word document (.docx)")
    p.add_argument("--county", nargs="+", help="counties (default: all)")
    p.add_argument("--year", type=_year, help="report year (default: all)")
    p.add_argument("--deadline", type=_date, help="reports signed after this date are late (default: 31 March of the next year)")
    p.add_argument("--db", type=_store_file)
    p.add_argument("--out", type=_out_file, required=True, help="the .docx to write")
    p.add_argument("--to", type=_short_text, help="addressee of a one-county year brief (default: the county's 人民政府)")
    p.add_argument("--sender", type=_short_text, help="its sender (default: the county's 司法局)")
    p.add_argument(
        "--date", type=_date, help="its signing date, YYYY-MM-DD (default: today while the year's report is due, else left blank)"
    )
    p.set_defaults(func=cmd_brief)

    p = sub.add_parser("serve", help="start the dashboard (http://localhost:PORT); Ctrl+C stops it")
    p.add_argument("--db")
    p.add_argument("--port", type=int, default=8501)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("bench", help="run the benchmark (synthetic corpus, see bench/)")
    p.add_argument("--sizes", type=_positive, nargs="+", default=[10, 1000, 10000])
    p.add_argument("--out", type=_out_file, default="bench/results.json")
    p.set_defaults(func=cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except argparse.ArgumentTypeError as exc:
        print(f"error: {exc}", file=sys.stderr)
    except ReportError as exc:
        print(f"error: {exc}", file=sys.stderr)
    except OSError as exc:  # a full disk, a read-only folder: the system's reason and the file
        print(f"error: {exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}", file=sys.stderr)
    except duckdb.Error as exc:
        print(f"error: the store could not be read or written ({str(exc).splitlines()[0]})", file=sys.stderr)
    except Exception as exc:  # noqa: BLE001 - a bug: one line, never a traceback
        print(
            f"error: unexpected failure ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}); please report it",
            file=sys.stderr,
        )
    return 2
