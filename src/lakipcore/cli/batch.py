"""``lakip score PATH...`` and ``lakip audit PATH...`` over many report files (docs/cli.md,
"Many reports at once").

With several files, a directory or a glob, each report is loaded (in worker processes, see
:func:`lakipcore.formats.batch.load_many`), scored or audited under its own method, and, for
``score``, rolled up into a national tree scored under ``--rollup-method``. A file that cannot
be used is reported on standard error with its name and does not stop the others. Exit status:
0 when every file was used (and, for ``audit``, no errors were found), 1 when ``audit`` found
errors, 2 when a file or the roll-up could not be used (the results of the others are still
printed).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from lakipcore.errors import LakipError
from lakipcore.i18n import M_, T_

__all__ = ["BATCH_TABLES", "ProgressBar", "add_options", "is_batch", "run_audit", "run_score"]

BATCH_SCORE_SCHEMA = "lakipcore.batch-score/1"
BATCH_AUDIT_SCHEMA = "lakipcore.batch-audit/1"
BATCH_TABLES = ("dashboard", "changes")
"""The text tables of a roll-up unless ``--tables`` says otherwise: one indicator table per
office would repeat every file's own output."""

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE_INPUT = 0, 1, 2


def _jobs(text: str) -> int:
    jobs = int(text)
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {jobs}")
    return jobs


def _parent(text: str) -> tuple[str, str]:
    child, equals, parent = text.partition("=")
    if not equals or not child or not parent:
        raise argparse.ArgumentTypeError(f"expected CHILD=PARENT office codes, got {text!r}")
    return child, parent


def add_options(command: argparse.ArgumentParser, *, rollup: bool) -> None:
    """The options of a batch: ``--jobs``, ``--quiet`` and, with ``rollup``, the roll-up's."""
    command.add_argument(
        "--jobs",
        type=_jobs,
        default=None,
        metavar="N",
        help=T_(
            "with several files: processes that load them (default: the "
            "number of cores; 1 loads in this process)"
        ),
    )
    command.add_argument(
        "--quiet",
        action="store_true",
        help=T_("with several files: no progress bar on standard error"),
    )
    if not rollup:
        return
    command.add_argument(
        "--rollup-method",
        default=None,
        metavar="NAME",
        help=T_("with several files: the method of the national roll-up (default mean-of-units)"),
    )
    command.add_argument(
        "--rollup-name",
        default="Nasional",
        metavar="NAME",
        help=T_("with several files: the name of the roll-up's root (default Nasional)"),
    )
    command.add_argument(
        "--parent",
        type=_parent,
        action="append",
        default=[],
        metavar="CHILD=PARENT",
        help=T_(
            "with several files: put the office CHILD under the office "
            "PARENT of another file in the roll-up (repeatable; default: "
            "every office under the root)"
        ),
    )


def is_batch(paths: Sequence[str]) -> bool:
    """Whether ``paths`` make a batch: more than one, or one directory or glob. One file (or
    none, the shipped example) keeps the single-file command exactly as it was."""
    if len(paths) != 1:
        return len(paths) > 1
    path = Path(paths[0])
    if path.is_dir():
        return True
    return not path.exists() and any(c in "*?[" for c in paths[0])


class ProgressBar:
    """A one-line progress bar on standard error, drawn only when it is a terminal and not
    ``quiet``: ``\\rloading [#########           ] 300/600 files``."""

    WIDTH = 30

    def __init__(self, label: str, *, quiet: bool, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.label = label
        self.enabled = not quiet and self.stream.isatty()
        self.drawn = False
        self._last = 0.0
        self._text = ""

    def __call__(self, done: int, total: int) -> None:
        """Show ``done`` of ``total`` files, at most 20 times a second (always the last)."""
        if not self.enabled or total <= 0:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.05:
            return
        filled = self.WIDTH * done // total
        text = f"{self.label:<8} [{'#' * filled}{' ' * (self.WIDTH - filled)}] {done}/{total} files"
        if text != self._text:
            self.stream.write("\r" + text)
            self.stream.flush()
            self._text, self._last, self.drawn = text, now, True

    def close(self) -> None:
        """End the bar's line, leaving its last state visible."""
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False


def _error_dicts(error: LakipError) -> list[dict[str, Any]]:
    return [
        {"source": e.source, "line": e.line, "field": e.field, "message": e.message, "text": str(e)}
        for e in error.errors
    ]


def _report_error(error: LakipError) -> None:
    sys.stderr.write(f"lakip: {error}\n")


def _load(args: argparse.Namespace) -> Any:
    from lakipcore.cli import loading  # the collector paused, then the reports frozen
    from lakipcore.cli.limits import limits_of
    from lakipcore.formats.batch import load_many

    bar = ProgressBar("loading", quiet=args.quiet)
    try:
        with loading():
            return load_many(args.file, jobs=args.jobs, progress=bar, limits=limits_of(args))
    finally:
        bar.close()


def _method_choice(args: argparse.Namespace, report: Any) -> Any:
    from lakipcore.cli import _methods  # the same --method rules as one file

    return _methods(args.method, report)


_Entry = tuple[str, Any, Any, LakipError | None]
"""A file of the batch: its path, its report, its score or findings, and its error."""


def _each(args: argparse.Namespace, label: str, work: Any) -> list[_Entry]:
    """``work(report)`` for every file that loaded, under the file's --method choice; an
    error while doing it makes the file unusable, not the batch."""
    result = _load(args)
    entries: list[_Entry] = []
    bar = ProgressBar(label, quiet=args.quiet)
    for done, file in enumerate(result.files, 1):
        outcome, error = None, file.error
        if file.report is not None:
            try:
                outcome = work(file.report, _method_choice(args, file.report), file.path)
            except LakipError as caught:
                error = caught.located(source=file.path)
        entries.append((file.path, file.report, outcome, error))
        bar(done, len(result.files))
    bar.close()
    for *_, error in entries:
        if error is not None:
            _report_error(error)
    return entries


def _national(args: argparse.Namespace, usable: list[tuple[str, Any]], method: str) -> Any:
    """The roll-up of the ``usable`` (path, report) pairs, assessed (scores only); a
    :class:`LakipError` when it cannot be made. Its errors name a report by the path it was
    loaded from: two files of one office are often two folders' files of one name."""
    from lakipcore.cli import scores_of
    from lakipcore.model.rollup import rollup

    if not usable:
        raise LakipError(M_("no file could be scored"), field="roll-up")
    try:
        national = rollup(
            [report for _, report in usable],
            method=method,
            name=args.rollup_name,
            parents=dict(args.parent),
            sources=[path for path, _ in usable],
        )
        return scores_of(national, None, None)
    except LakipError as caught:
        raise caught.located(field="roll-up") from None


def run_score(args: argparse.Namespace) -> int:
    """``lakip score PATH...``: score each file under its own method, roll them up, print."""
    from lakipcore.cli import scores_of
    from lakipcore.model.rollup import ROLLUP_METHOD
    from lakipcore.rounding import Rounding

    entries = _each(args, "scoring", scores_of)
    usable = [(path, report) for path, report, scored, _ in entries if scored is not None]
    method = args.rollup_method or ROLLUP_METHOD
    national: Any | None = None
    rollup_error: LakipError | None = None
    try:
        national = _national(args, usable, method)
    except LakipError as caught:
        rollup_error = caught
        _report_error(caught)
    rounding = Rounding(args.rounding)
    if args.format == "json":
        _score_json(
            args,
            entries,
            national=national,
            rollup_error=rollup_error,
            method=method,
            rounding=rounding,
        )
    else:
        _score_text(args, entries, national, rounding)
    unusable = rollup_error is not None or len(usable) < len(entries)
    return EXIT_UNUSABLE_INPUT if unusable else EXIT_OK


def _score_json(
    args: argparse.Namespace,
    entries: list[_Entry],
    *,
    national: Any | None,
    rollup_error: LakipError | None,
    method: str,
    rounding: Any,
) -> None:
    from lakipcore.render.json import score_to_dict

    files: list[dict[str, Any]] = []
    for path, _report, assessed, error in entries:
        if error is not None:
            files.append({"file": path, "errors": _error_dicts(error)})
        else:
            data = score_to_dict(assessed, places=args.places, rounding=rounding)
            files.append({"file": path, "score": data})
    scored_count = sum(1 for *_, error in entries if error is None)
    roll: dict[str, Any] = {"method": method, "files": scored_count}
    if national is not None:
        roll["score"] = score_to_dict(national, places=args.places, rounding=rounding)
    elif rollup_error is not None:
        roll["errors"] = _error_dicts(rollup_error)
    out = {
        "schema": BATCH_SCORE_SCHEMA,
        "summary": {
            "files": len(entries),
            "scored": scored_count,
            "unusable": len(entries) - scored_count,
        },
        "files": files,
        "rollup": roll,
    }
    import json  # only a batch's JSON needs it: lakip's start stays light

    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")


def _score_text(
    args: argparse.Namespace,
    entries: list[_Entry],
    national: Any | None,
    rounding: Any,
) -> None:
    from lakipcore.render.text import render_score_text, text_table

    pct = _Percent(args.places, rounding)
    rows = []
    for path, _report, assessed, _error in entries:
        if assessed is None:
            rows.append([path, "tidak dapat dipakai (lihat stderr)", "-", "-", "-", "-", "-"])
            continue
        current, root = assessed.current, assessed.current.root
        figures = (pct(root.achievement), pct(root.absorption), pct(root.performance))
        rows.append([path, _short(root.name), current.key, current.method.name, *figures])
    header = ["BERKAS", "KANTOR", "PERIODE", "METODE", "INDIKATOR", "SERAPAN", "PERFORMANCE"]
    scored_count = sum(1 for *_, error in entries if error is None)
    lines = [
        f"{len(entries)} berkas: {scored_count} dinilai, {len(entries) - scored_count} tidak "
        "dapat dipakai (periode utama, metode masing-masing berkas)",
        "",
        *text_table(header, rows, left=4),
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    if national is not None:
        tables = args.tables if args.tables is not None else BATCH_TABLES
        text = render_score_text(national, places=args.places, rounding=rounding, tables=tables)
        sys.stdout.write("\n" + text)


def run_audit(args: argparse.Namespace) -> int:
    """``lakip audit PATH...``: audit each file under its own method and list the findings."""
    from lakipcore.assessment import assess
    from lakipcore.render.text import render_findings, text_table
    from lakipcore.results.findings import Severity, findings_to_dict

    def work(report: Any, method: Any, path: str) -> Any:
        return assess(report, method=method, source=path)

    entries = _each(args, "auditing", work)

    def count(findings: Any, severity: Severity) -> int:
        return sum(1 for f in findings if f.severity is severity)

    audited = [a.findings for _, _, a, _ in entries if a is not None]
    if args.format == "json":
        files: list[dict[str, Any]] = [
            {"file": path, "errors": _error_dicts(error)}
            if error is not None
            else {"file": path, "audit": findings_to_dict(assessed.findings, source=path)}
            for path, _report, assessed, error in entries
        ]
        summary = {
            "files": len(entries),
            "audited": len(audited),
            "unusable": len(entries) - len(audited),
            **{s.value: sum(count(f, s) for f in audited) for s in Severity},
        }
        out = {"schema": BATCH_AUDIT_SCHEMA, "summary": summary, "files": files}
        import json  # only a batch's JSON needs it: lakip's start stays light

        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    else:
        rows = []
        for path, _report, assessed, _error in entries:
            if assessed is None:
                rows.append([path, "tidak dapat dipakai (lihat stderr)", "-", "-"])
                continue
            sys.stdout.write(f"== {path}\n{render_findings(assessed)}\n")
            rows.append([path, *(str(count(assessed.findings, s)) for s in Severity)])
        header = ["BERKAS", "ERROR", "WARNING", "INFO"]
        sys.stdout.write("\n".join(text_table(header, rows, left=1)) + "\n")
    if len(audited) < len(entries):
        return EXIT_UNUSABLE_INPUT
    return EXIT_FINDINGS if any(count(f, Severity.ERROR) for f in audited) else EXIT_OK


def _short(name: str, width: int = 40) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


class _Percent:
    def __init__(self, places: int, rounding: Any) -> None:
        self.places, self.rounding = places, rounding

    def __call__(self, value: Any) -> str:
        from lakipcore.figures import format_percent

        return "-" if value is None else format_percent(value, self.places, self.rounding)
