"""Many reports at once: load a batch of report files on every core, and roll reports up into
one national tree that the ordinary engine scores (docs/cli.md, "Many reports at once";
docs/scale.md, "The object path").

:func:`load_many` takes files, directories (searched recursively for ``*.toml`` report files
and ``*.xlsx`` / ``*.xlsm`` workbooks) and glob patterns, loads them in worker processes and
returns a :class:`BatchResult`: one :class:`BatchFile` per file, in a deterministic order, each
holding its report or the error that made it unusable. One bad file never stops the batch.

:func:`rollup` builds a real :class:`~lakipcore.model.Report` whose root is a new national
unit with each report's root (its office) as a sub-unit, so that
:func:`~lakipcore.scoring.score_report` scores the whole tree under one named method
(:data:`ROLLUP_METHOD` by default).
"""

from __future__ import annotations

import collections
import copyreg
import glob
import io
import math
import os
import pickle
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import attrs

from lakipcore.errors import (
    InvalidValueError,
    LakipError,
    LakipTypeError,
    ReportFileError,
    UnknownNameError,
)
from lakipcore.limits import DEFAULT_LIMITS, Limits
from lakipcore.methods import ALIASES, PRESETS, ScoringMethod, get_method
from lakipcore.model import BudgetLine, Report, ReportPeriod, ReportTable, Unit
from lakipcore.surveys.grades import GradeTable

__all__ = [
    "REPORT_SUFFIXES",
    "ROLLUP_METHOD",
    "BatchFile",
    "BatchResult",
    "Progress",
    "expand_paths",
    "load_many",
    "rollup",
]

ROLLUP_METHOD = "mean-of-units"
"""The default roll-up method: every office (and every unit inside it) counts once, whatever
its number of indicators or the size of its budget. A national average of offices should not
let a Kanwil with 50 indicators outweigh a UPT with 10, nor Σ pagu let the biggest budget
decide; and it works when some offices know their budget only as a printed rate."""

REPORT_SUFFIXES = (".toml", ".xlsx", ".xlsm")
"""The files a directory is searched for: report files and Excel workbooks."""

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while a batch loads."""

_GLOB_CHARACTERS = frozenset("*?[")
_T = TypeVar("_T")


@attrs.frozen
class BatchFile:
    """One file of a batch: its ``path`` (as found), and its ``report`` or the ``error`` that
    made it unusable (located in the file where the loader knows the line and field)."""

    path: str
    report: Report | None = None
    error: LakipError | None = None

    @property
    def ok(self) -> bool:
        """Whether the file loaded."""
        return self.report is not None


@attrs.frozen
class BatchResult:
    """The files of a batch in a deterministic order: the arguments in the order given, the
    files of a directory or a glob sorted by path; a file named twice is kept once."""

    files: tuple[BatchFile, ...]

    @property
    def reports(self) -> tuple[Report, ...]:
        """The reports that loaded, in batch order."""
        return tuple(f.report for f in self.files if f.report is not None)

    @property
    def loaded(self) -> tuple[BatchFile, ...]:
        """The files that loaded."""
        return tuple(f for f in self.files if f.report is not None)

    @property
    def failed(self) -> tuple[BatchFile, ...]:
        """The files that could not be used, each with its error."""
        return tuple(f for f in self.files if f.report is None)

    @property
    def ok(self) -> bool:
        """Whether every file loaded."""
        return not self.failed


# --- finding the files ----------------------------------------------------------------------


def _is_glob(text: str) -> bool:
    return any(c in _GLOB_CHARACTERS for c in text)


def _in_directory(directory: Path) -> list[Path]:
    found = []
    for root, dirs, names in os.walk(directory):
        # Hidden directories (.git, .venv) hold no reports of the batch; skipping them also
        # keeps the walk from wandering into large trees.
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if not name.startswith(".") and Path(name).suffix.lower() in REPORT_SUFFIXES:
                found.append(Path(root) / name)
    return sorted(found, key=lambda p: p.as_posix())


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[str], list[BatchFile]]:
    """The files ``paths`` name, and the arguments that name none (each as a :class:`BatchFile`
    with its error). A directory gives its report files and workbooks, recursively, sorted; a
    glob (``*``, ``?``, ``[``; ``**`` recurses) the files it matches, sorted; any other
    argument is taken as a file, so a missing one is reported when it is loaded."""
    files: list[str] = []
    unusable: list[BatchFile] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.normpath(path)
        if key not in seen:
            seen.add(key)
            files.append(path)

    for argument in paths:
        text = os.fspath(argument)
        path = Path(text)
        if path.is_dir():
            inside = _in_directory(path)
            if not inside:
                error = ReportFileError(
                    "the directory holds no report file (*.toml) or workbook (*.xlsx)",
                    source=text,
                )
                unusable.append(BatchFile(text, error=error))
            for found in inside:
                add(str(found))
        elif _is_glob(text) and not path.exists():
            matches = sorted(glob.glob(text, recursive=True))
            files_matched = [m for m in matches if Path(m).is_file()]
            for directory in (m for m in matches if Path(m).is_dir()):
                files_matched.extend(str(p) for p in _in_directory(Path(directory)))
            if not files_matched:
                unusable.append(
                    BatchFile(text, error=ReportFileError("matches no file", source=text))
                )
            for found_text in files_matched:
                add(found_text)
        else:
            add(text)
    return files, unusable


# --- loading ----------------------------------------------------------------------------------


def _load(path: str, limits: Limits) -> BatchFile:
    from lakipcore.cli.workbook import load_any  # noqa: PLC0415 - keeps import light

    try:
        return BatchFile(path, report=load_any(path, limits))
    except LakipError as error:
        return BatchFile(path, error=error.located(source=path))
    except RecursionError:
        return BatchFile(path, error=ReportFileError("the input nests too deeply", source=path))
    except Exception as error:
        message = f"unexpected {type(error).__name__} while loading: {error}"
        return BatchFile(path, error=ReportFileError(message, source=path))


def _proxy(items: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(items)


class _Pickler(pickle.Pickler):
    # A Report keeps its indexes in read-only MappingProxyType views, which pickle refuses.
    # They are sent as dicts and rebuilt as views; this table is private to the batch's own
    # pickling and changes nothing for other pickling in the process.
    dispatch_table = copyreg.dispatch_table.copy()
    dispatch_table[MappingProxyType] = lambda proxy: (_proxy, (dict(proxy),))


def _load_chunk(paths: list[str], limits: Limits) -> bytes:
    """Load ``paths`` in a worker; the results are pickled here, by :class:`_Pickler`."""
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump([_load(p, limits) for p in paths])
    return buffer.getvalue()


def _context() -> Any:
    import multiprocessing  # noqa: PLC0415 - only for a parallel batch

    # forkserver (POSIX) or spawn: never fork, which copies a parent's threads and locks.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def load_many(
    paths: Iterable[str | Path],
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> BatchResult:
    """Load every report file and workbook ``paths`` name (files, directories, globs; see
    :func:`expand_paths`), with ``jobs`` worker processes (default ``os.cpu_count()``; ``1``
    loads in this process). The result lists the files in a deterministic order whatever the
    number of jobs; a file that cannot be used holds its error, and the others still load.
    ``progress(done, total)`` is called as files complete; ``limits`` bound each report
    file."""
    if not isinstance(limits, Limits):
        raise LakipTypeError(f"expected Limits, got {type(limits).__name__}", field="limits")
    if jobs is not None and (not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1):
        raise InvalidValueError(f"jobs must be a whole number from 1, got {jobs!r}", field="jobs")
    files, unusable = expand_paths(paths)
    total = len(files)
    results: list[BatchFile | None] = [None] * total
    workers = min(jobs or os.cpu_count() or 1, total)
    done = 0
    if workers <= 1:
        for index, path in enumerate(files):
            results[index] = _load(path, limits)
            done += 1
            if progress is not None:
                progress(done, total)
    else:
        # Chunks of a few files amortise the round trip to a worker, yet stay small enough
        # that the progress moves and the last worker does not finish long after the others.
        size = max(1, min(32, math.ceil(total / (workers * 4))))
        starts = range(0, total, size)
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
                futures = {pool.submit(_load_chunk, files[s : s + size], limits): s for s in starts}
                for future in as_completed(futures):
                    start = futures[future]
                    chunk: list[BatchFile] = pickle.loads(future.result())
                    results[start : start + len(chunk)] = chunk
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total)
        except BrokenProcessPool:
            # The workers could not start or died (a main module they cannot import, memory):
            # the files not loaded yet are loaded here, so the batch still completes.
            for index, path in enumerate(files):
                if results[index] is None:
                    results[index] = _load(path, limits)
                    done += 1
                    if progress is not None:
                        progress(done, total)
    loaded = [r for r in results if r is not None]
    return BatchResult(tuple(unusable + loaded))


# --- the roll-up ------------------------------------------------------------------------------


def _file_of(report: Report, index: int) -> str:
    """The file a report came from (its root's origin), else its place in the batch."""
    origin = report.root.origin
    if origin is not None and origin.source:
        return origin.source
    return f"report {index + 1} ({report.root.code})"


def _check_codes(reports: Sequence[Report], code: str) -> None:
    where: dict[str, str] = {}
    for index, report in enumerate(reports):
        file = _file_of(report, index)
        for unit in report.units():
            if unit.code == code:
                raise InvalidValueError(
                    f"unit code {unit.code!r} in {file} is the code of the national root; "
                    "give the roll-up another code",
                    field="code",
                )
            first = where.setdefault(unit.code, file)
            if first != file:
                raise InvalidValueError(
                    f"unit code {unit.code!r} is in both {first} and {file}; unit codes must "
                    "be unique across the reports of a roll-up",
                    field="units",
                )


def _resolve(method: str | ScoringMethod, reports: Sequence[Report]) -> ScoringMethod:
    if isinstance(method, ScoringMethod):
        return method
    try:
        return get_method(method)
    except UnknownNameError:
        # A method one of the reports defines for itself may name the roll-up too.
        defined = [m for r in reports for m in r.methods if m.name == method]
        if defined and all(m == defined[0] for m in defined):
            return defined[0]
        if defined:
            raise InvalidValueError(
                f"the reports define method {method!r} in different ways", field="method"
            ) from None
        raise


def _union_periods(reports: Sequence[Report], method: str) -> tuple[ReportPeriod, ...]:
    by_key: dict[str, list[ReportPeriod]] = {}
    for report in reports:
        for period in report.periods:
            by_key.setdefault(period.key, []).append(period)
    periods = []
    for key, found in by_key.items():
        titles = {p.title for p in found}
        periods.append(
            ReportPeriod(
                key,
                method=method,
                # A period some report has planned may hold targets without realisations.
                planned=any(p.planned for p in found),
                title=titles.pop() if len(titles) == 1 else None,
            )
        )
    return tuple(sorted(periods, key=lambda p: (p.span.end, p.span.start, p.key)))


def _main_period(reports: Sequence[Report], periods: Sequence[ReportPeriod]) -> str:
    order = {p.key: i for i, p in enumerate(periods)}
    counts = collections.Counter(r.main_period.key for r in reports)
    return max(counts, key=lambda key: (counts[key], order[key]))


def _first_by(items: Iterable[_T], key: Callable[[_T], str]) -> tuple[_T, ...]:
    found: dict[str, _T] = {}
    for item in items:
        found.setdefault(key(item), item)
    return tuple(found.values())


def _unprinted(unit: Unit, file: str) -> Unit:
    """``unit`` and its sub-units without their printed figures, which scoring never reads."""
    blocks = []
    for block in unit.periods:
        if block.evidence:
            raise InvalidValueError(
                f"{file} prints numbers in another notation than the other reports and its "
                f"unit {unit.code!r} has evidence tables, which are read in that notation; "
                "roll up reports of one notation",
                field="notation",
            )
        budget = block.budget
        if isinstance(budget, BudgetLine):
            outputs = [attrs.evolve(o, printed=()) for o in budget.outputs]
            budget = attrs.evolve(budget, printed=(), outputs=outputs)
        elif budget is not None:
            budget = attrs.evolve(budget, printed=())
        derived = [attrs.evolve(figure, printed=()) for figure in block.derived]
        blocks.append(attrs.evolve(block, budget=budget, printed=(), derived=derived))
    indicators = [
        attrs.evolve(i, periods=[attrs.evolve(e, printed=()) for e in i.periods])
        for i in unit.indicators
    ]
    units = [_unprinted(child, file) for child in unit.units]
    return attrs.evolve(unit, indicators=indicators, periods=blocks, units=units)


def _in_notation(report: Report, index: int) -> Report:
    # Printed figures are read in their report's notation, and a Report accepts only its own:
    # a report in the minority notation joins the roll-up without them (the roll-up scores,
    # it does not audit; each file's own audit reads them).
    return attrs.evolve(report, root=_unprinted(report.root, _file_of(report, index)))


def _nest(reports: Sequence[Report], parents: Mapping[str, str]) -> tuple[Unit, ...]:
    roots = {r.root.code: r.root for r in reports}
    children: dict[str, list[str]] = {}
    for child, parent in parents.items():
        if child not in roots:
            raise UnknownNameError(
                f"parents names {child!r}, which is not the office code of a report in the roll-up",
                field=f"parents.{child}",
            )
        if parent not in roots:
            raise UnknownNameError(
                f"parents puts {child!r} under {parent!r}, which is not the office code of "
                "another report in the roll-up",
                field=f"parents.{child}",
            )
        children.setdefault(parent, []).append(child)
    order = {code: i for i, code in enumerate(roots)}

    def build(code: str, path: tuple[str, ...]) -> Unit:
        if code in path:
            cycle = " → ".join((*path[path.index(code) :], code))
            raise InvalidValueError(f"parents form a cycle: {cycle}", field="parents")
        below = sorted(children.get(code, ()), key=order.__getitem__)
        root = roots[code]
        if not below:
            return root
        nested = tuple(build(c, (*path, code)) for c in below)
        return attrs.evolve(root, units=(*root.units, *nested))

    tops = [code for code in roots if code not in parents]
    if not tops:
        raise InvalidValueError(
            "parents form a cycle: no report is left directly under the root", field="parents"
        )
    built = tuple(build(code, ()) for code in tops)
    placed = sum(1 for unit in built for u in unit.walk() if u.code in roots)
    if placed != len(roots):
        raise InvalidValueError("parents form a cycle", field="parents")
    return built


def rollup(
    reports: Iterable[Report],
    *,
    method: str | ScoringMethod = ROLLUP_METHOD,
    code: str = "nasional",
    name: str = "Nasional",
    parents: Mapping[str, str] | None = None,
    main: str | None = None,
) -> Report:
    """One report whose root is a new unit (``code``, ``name``) with each report's root, its
    office, as a sub-unit, in the order given: a national tree the engine scores under
    ``method`` (a preset, an alias, a method the reports define, or a ScoringMethod) in every
    period and at every level.

    * The periods are the union of the reports' periods, ordered by their last day; in each,
      the offices that have it take part (an office without it is left out of that period).
    * ``parents`` maps an office code to the office code of another report, to put the first
      under the second (a UPT under its Kanwil): ministry → Kanwil → UPT. Without it, every
      office sits directly under the root.
    * ``main`` is the main period; by default the one most reports have as their main (on a
      tie, the later).
    * Unit codes must be unique across the reports; a duplicate is an
      :class:`~lakipcore.errors.InvalidValueError` naming both files. The roll-up prints
      numbers in the notation most reports use; a report in another notation joins it
      without its printed figures (scoring never reads them), and is refused if it has
      evidence tables, which are read in its notation. The declared tables and grade tables
      are gathered by id and name (the first report's definition wins): they are needed to
      accept the units' printed figures, which the roll-up does not audit.
    """
    items = list(reports)
    if not items:
        raise InvalidValueError("a roll-up needs at least one report", field="reports")
    for index, report in enumerate(items):
        if not isinstance(report, Report):
            raise InvalidValueError(
                f"expected Reports, got {type(report).__name__} at {index}", field="reports"
            )
    _check_codes(items, code)
    counts = collections.Counter(r.notation for r in items)
    notation = max(counts, key=lambda n: (counts[n], -[r.notation for r in items].index(n)))
    items = [r if r.notation is notation else _in_notation(r, i) for i, r in enumerate(items)]
    chosen = _resolve(method, items)
    own: tuple[ScoringMethod, ...] = ()
    if chosen.name in PRESETS or chosen.name in ALIASES:
        if chosen != get_method(chosen.name):
            raise InvalidValueError(
                f"the roll-up method has the name of the preset {chosen.name!r} but differs "
                "from it; give it a name of its own",
                field="method",
            )
    else:
        own = (chosen,)
    periods = _union_periods(items, chosen.name)
    tables: tuple[ReportTable, ...] = _first_by(
        (t for r in items for t in r.tables), lambda t: t.id
    )
    grades: tuple[GradeTable, ...] = _first_by(
        (g for r in items for g in r.grade_tables), lambda g: g.name
    )
    root = Unit(code, name, units=_nest(items, parents or {}))
    return Report(
        periods,
        root,
        tables,
        title=f"{name}: gabungan {len(items)} laporan",
        main=main if main is not None else _main_period(items, periods),
        methods=own,
        notation=notation,
        grade_tables=grades,
    )
