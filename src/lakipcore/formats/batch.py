"""Many reports at once: load a batch of report files and workbooks on every core
(docs/cli.md, "Many reports at once"; docs/scale.md, "The object path").

:func:`load_many` takes files, directories (searched recursively for ``*.toml`` report files
and ``*.xlsx`` / ``*.xlsm`` workbooks) and glob patterns, loads them in worker processes and
returns a :class:`BatchResult`: one :class:`BatchFile` per file, in a deterministic order, each
holding its report or the error that made it unusable. One bad file never stops the batch.
:func:`lakipcore.model.rollup.rollup` joins the reports into one national tree.
"""

from __future__ import annotations

import copyreg
import glob
import io
import math
import os
import pickle
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from lakipcore.errors import (
    InvalidValueError,
    LakipError,
    LakipTypeError,
    ReportFileError,
)
from lakipcore.formats import load_any
from lakipcore.i18n import M_
from lakipcore.limits import DEFAULT_LIMITS, Limits
from lakipcore.model import Report

__all__ = [
    "REPORT_SUFFIXES",
    "BatchFile",
    "BatchResult",
    "Progress",
    "expand_paths",
    "load_many",
]

REPORT_SUFFIXES = (".toml", ".xlsx", ".xlsm")
"""The files a directory is searched for: report files and Excel workbooks."""

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while a batch loads."""

_GLOB_CHARACTERS = frozenset("*?[")


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
                    M_("the directory holds no report file (*.toml) or workbook (*.xlsx)"),
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
                    BatchFile(text, error=ReportFileError(M_("matches no file"), source=text))
                )
            for found_text in files_matched:
                add(found_text)
        else:
            add(text)
    return files, unusable


# --- loading ----------------------------------------------------------------------------------


def _load(path: str, limits: Limits) -> BatchFile:
    try:
        return BatchFile(path, report=load_any(path, limits))
    except LakipError as error:
        return BatchFile(path, error=error.located(source=path))
    except RecursionError:
        return BatchFile(path, error=ReportFileError(M_("the input nests too deeply"), source=path))
    except Exception as error:
        message = M_(
            "unexpected {type} while loading: {error}", type=type(error).__name__, error=error
        )
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
    import multiprocessing

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
    file and workbook."""
    if not isinstance(limits, Limits):
        raise LakipTypeError(
            M_("expected Limits, got {type}", type=type(limits).__name__), field="limits"
        )
    if jobs is not None and (not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1):
        raise InvalidValueError(
            M_("jobs must be a whole number from 1, got {jobs}", jobs=repr(jobs)), field="jobs"
        )
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
