"""The fuzz campaign's columnar batches (tools/fuzz.py): the examples' batches, a synthetic one
and those of mutated report files, changed, through both bulk kernels and against the object
path.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import random
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from fuzz_tally import Tally
from fuzz_tally import crash_site as _site
from fuzz_text import _example_reports, _mutate_file

import lakipcore
from lakipcore import LakipError, Report, Rounding
from lakipcore.arrow import BULK_COLUMNS, ScoreTables, score_tables
from lakipcore.bulk import Batches, _numpy, report_to_batches
from lakipcore.bulk import score as bulk_score
from lakipcore.bulk._columns import pyarrow
from lakipcore.formats.toml import loads_report
from lakipcore.methods import get_method

# --- batches ------------------------------------------------------------------------------------

SCORE_TABLES = ("indicators", "units", "office", "changes", "indicator_changes")
NUMBER_COLUMNS = frozenset({"target", "realisation", "pagu", "rate", "pagu_original"})
METHOD_NAMES = ("banten-2019", "banten-2018", "pooled-sum", "mean-of-units", "mean-of-unit-means")
TEXT_VALUES: tuple[object, ...] = (
    None,
    "",
    "2019",
    "2020",
    "2019-s1",
    "2019-s3",
    "x",
    "٢٠١٩",
    "higher",
    "lower",
    "up",
    "ratio",
    "inverse-ratio",
    "kondisi-khusus",
    "nope",
    "a" * 1000,
)
NUMBER_VALUES: tuple[object, ...] = (
    None,
    Decimal(0),
    Decimal(-1),
    Decimal("-0.00000001"),
    Decimal("0.00000001"),
    Decimal(8),
    Decimal("7.77"),
    Decimal(10) ** 8,
    Decimal(10) ** 12,
    Decimal(10) ** 20,
    Decimal(2**63 - 1).scaleb(-8),  # the int64 bound at the scale of the examples' batches
    Decimal(2**63).scaleb(-8),
    -Decimal(2**63).scaleb(-8),
    Decimal(2**63 - 1).scaleb(-2),
    Decimal(10**29),
)
# Column types, right and wrong, each with what a value becomes in it.
RETYPES: dict[str, Callable[[Any], Any]] = {
    "int64": lambda v: None if v is None else int(v) if isinstance(v, Decimal) else 7,
    "uint64": lambda v: None if v is None else 2**64 - 1,
    "int8": lambda v: None if v is None else 127,
    "float64": lambda v: None if v is None else 7.5,
    "string": lambda v: None if v is None else str(v),
    "large_string": lambda v: None if v is None else str(v),
    "bool_": lambda v: None if v is None else True,
    "binary": lambda v: None if v is None else str(v).encode(),
    "decimal128": lambda v: None if v is None else Decimal(1),
    "decimal256": lambda v: None if v is None else Decimal(1),
    "null": lambda v: None,
}


def _arrow_type(name: str) -> Any:
    pa, _ = pyarrow()
    if name == "decimal128":
        return pa.decimal128(38, 0)
    if name == "decimal256":
        return pa.decimal256(40, 8)
    return getattr(pa, name)()


def _synthetic_batches(rng: random.Random) -> Batches:
    """A small batch of an office and two units over two periods, as a data pipeline gives."""
    pa, _ = pyarrow()
    rows = [
        (period, unit, code, rng.choice(["higher", "lower"]))
        for period in ("2019", "2020")
        for unit in ("office", "a", "b")
        for code in ("i1", "i2")
    ]
    number, amount = pa.decimal128(38, 8), pa.decimal128(20, 2)
    indicators = pa.table(
        {
            "period": [r[0] for r in rows],
            "unit": [r[1] for r in rows],
            "code": [r[2] for r in rows],
            "polarity": [r[3] for r in rows],
            "formula": pa.nulls(len(rows), pa.string()),
            "target": pa.array([Decimal(rng.choice([8, 16, 3, 7, 100])) for _ in rows], number),
            "realisation": pa.array([Decimal(rng.randint(0, 30_000)) / 100 for _ in rows], number),
        }
    )
    budgets = pa.table(
        {
            "period": ["2019", "2019", "2020", "2020"],
            "unit": ["a", "b", "a", "b"],
            "output": ["o1", "o1", "o1", "o1"],
            "pagu": pa.array([Decimal(rng.randint(50, 100)) for _ in range(4)], amount),
            "realisation": pa.array([Decimal(rng.randint(0, 110)) for _ in range(4)], amount),
        }
    )
    methods = dict.fromkeys(("2019", "2020"), get_method("banten-2019"))
    return Batches(indicators, budgets, ("2019", "2020"), methods, "office")


@functools.cache
def _batch_seeds() -> tuple[tuple[str, Batches], ...]:
    return tuple((name, report_to_batches(loads_report(text))) for name, text in _example_reports())


@dataclasses.dataclass
class _Call:
    """One call of lakipcore.bulk.score: its tables and its options."""

    indicators: Any
    budgets: Any
    options: dict[str, Any]

    @classmethod
    def of(cls, batches: Batches) -> _Call:
        options = {"method": dict(batches.methods), "periods": batches.periods}
        return cls(batches.indicators, batches.budgets, {**options, "office": batches.office})

    def run(self) -> ScoreTables:
        result: ScoreTables = bulk_score(self.indicators, self.budgets, **self.options)
        return result


def _change_option(call: _Call, table: str, rng: random.Random) -> str:
    periods = list(call.options["periods"] or ())
    name, value = rng.choice(
        [
            (
                "method",
                rng.choice([*METHOD_NAMES, "nope", dict.fromkeys(periods[:-1], "banten-2019")]),
            ),
            ("periods", rng.choice([None, periods[::-1], periods[:-1], [*periods, "2031"], ["x"]])),
            ("office", rng.choice([None, "nope", "a"])),
            ("scale", rng.choice([0, 1, 5, 9, 10, -1])),
            ("rounding", rng.choice(list(Rounding))),
            ("with_indicator_changes", False),
        ]
    )
    call.options[name] = value
    return f"{name}={value!r}"


def _column_of(call: _Call, table: str, rng: random.Random) -> tuple[Any, str]:
    values = getattr(call, table)
    return values, rng.choice(values.column_names)


def _replace(call: _Call, table: str, name: str, array: Any) -> None:
    values = getattr(call, table)
    setattr(call, table, values.set_column(values.column_names.index(name), name, array))


def _set_batch_value(call: _Call, table: str, rng: random.Random) -> str:
    pa, _ = pyarrow()
    values, name = _column_of(call, table, rng)
    if not values.num_rows:
        return f"({table} has no rows)"
    row, column = rng.randrange(values.num_rows), values.column(name)
    cells = column.to_pylist()
    cells[row] = rng.choice(NUMBER_VALUES if name in NUMBER_COLUMNS else TEXT_VALUES)
    try:
        _replace(call, table, name, pa.array(cells, column.type))
    except (pa.ArrowException, ValueError, TypeError, OverflowError):
        return f"({cells[row]!r} does not fit {column.type})"
    return f"{table}.{name}[{row}] = {cells[row]!r}"[:120]


def _retype(call: _Call, table: str, rng: random.Random) -> str:
    pa, _ = pyarrow()
    values, name = _column_of(call, table, rng)
    kind = rng.choice(list(RETYPES))
    try:
        array = pa.array(
            [RETYPES[kind](v) for v in values.column(name).to_pylist()], _arrow_type(kind)
        )
    except (pa.ArrowException, ValueError, TypeError, OverflowError):
        return f"({table}.{name} not made {kind})"
    _replace(call, table, name, array)
    return f"{table}.{name} as {kind}"


def _encode(call: _Call, table: str, rng: random.Random) -> str:
    values, name = _column_of(call, table, rng)
    if name in NUMBER_COLUMNS:
        return "(figures are not encoded)"
    _replace(call, table, name, values.column(name).dictionary_encode())
    return f"{table}.{name} dictionary-encoded"


def _drop_column(call: _Call, table: str, rng: random.Random) -> str:
    values, name = _column_of(call, table, rng)
    setattr(call, table, values.drop_columns([name]))
    return f"{table}.{name} dropped"


def _rename_column(call: _Call, table: str, rng: random.Random) -> str:
    values, name = _column_of(call, table, rng)
    new = rng.choice([name.upper(), f"{name} ", "period", "unit"])
    setattr(
        call, table, values.rename_columns([new if n == name else n for n in values.column_names])
    )
    return f"{table}.{name} renamed {new!r}"


def _rows(call: _Call, table: str, rng: random.Random) -> str:
    """A row duplicated or deleted, the rows shuffled, split in chunks, or none left."""
    pa, _ = pyarrow()
    values = getattr(call, table)
    at = rng.randint(0, values.num_rows)
    order = list(range(values.num_rows))
    rng.shuffle(order)
    how, changed = rng.choice(
        [
            (f"row {at} duplicated", pa.concat_tables([values, values.slice(at, 1)])),
            (f"row {at} deleted", pa.concat_tables([values.slice(0, at), values.slice(at + 1)])),
            ("rows shuffled", values.take(pa.array(order, pa.int64()))),
            (f"in two chunks at {at}", pa.concat_tables([values.slice(0, at), values.slice(at)])),
            ("emptied", values.slice(0, 0)),
        ]
    )
    setattr(call, table, changed)
    return f"{table}: {how}"


# Each mutation of a bulk call (one of its tables, or an option), with its weight.
BATCH_MUTATIONS: tuple[tuple[Callable[[_Call, str, random.Random], str], int], ...] = (
    (_change_option, 12),
    (_set_batch_value, 38),
    (_retype, 12),
    (_encode, 3),
    (_drop_column, 5),
    (_rename_column, 3),
    (_rows, 27),
)


def _batch_mutation(call: _Call, rng: random.Random) -> str:
    if call.budgets is not None and rng.random() < 0.02:
        call.budgets = None
        return "no budgets"
    table = rng.choice(["indicators", "budgets"] if call.budgets is not None else ["indicators"])
    mutate = rng.choices([m for m, _ in BATCH_MUTATIONS], [w for _, w in BATCH_MUTATIONS])[0]
    try:
        return mutate(call, table, rng)
    except Exception as error:  # pyarrow refused the change
        return f"(unchanged: {type(error).__name__})"


def batch_case(case: int) -> tuple[_Call | None, Report | None, str]:
    """Bulk call ``case`` of the campaign, with the report it was made from when it is to be
    compared with the object path (``None`` for a call mutated after conversion), and what was
    done. The call is ``None`` when report_to_batches refused the report."""
    rng = random.Random(case)
    if rng.random() < 0.3:  # a report file mutated as in run_files, then converted
        reports = _example_reports()
        weights = [1 if len(text) > 30_000 else 3 for _, text in reports]
        name, text = rng.choices(reports, weights)[0]
        report, done = loads_report(text), f"case {case}: {name}"
        if rng.random() < 0.8:
            with contextlib.suppress(LakipError):
                report, done = loads_report(_mutate_file(text, rng)), f"{done} (file mutated)"
        try:
            call = _Call.of(report_to_batches(report))
        except LakipError:
            return None, report, done
        call.options.update(rounding=rng.choice(list(Rounding)), scale=rng.choice([0, 2, 5]))
        return call, report, done
    if rng.random() < 0.3:
        name, batches = "synthetic", _synthetic_batches(rng)
    else:
        name, batches = rng.choice(_batch_seeds())
    call, steps = _Call.of(batches), [f"case {case}: {name}"]
    for _ in range(rng.randint(1, 3)):
        steps.append(_batch_mutation(call, rng))
    return call, None, "; ".join(steps)


Scored = ScoreTables | tuple[str, str | None, str]
"""What a kernel gave: the tables, or the error's class, field and message."""


def _on_kernel(numpy_kernel: bool, call: _Call) -> Scored:
    before = _numpy.ENABLED
    _numpy.ENABLED = numpy_kernel
    try:
        return call.run()
    except LakipError as error:
        return (type(error).__name__, error.field, str(error))
    except Exception as error:
        error.add_note("numpy kernel" if numpy_kernel else "pyarrow kernel")
        raise
    finally:
        _numpy.ENABLED = before


def _same_result(left: Scored, right: Scored) -> bool:
    if isinstance(left, tuple) or isinstance(right, tuple):
        return left == right
    if left.recomputed != right.recomputed:
        return False
    for name in SCORE_TABLES:
        one, other = getattr(left, name), getattr(right, name)
        if (one is None) != (other is None) or (one is not None and not one.equals(other)):
            return False
    return True


def _object_path_difference(report: Report, got: Scored) -> tuple[str, bool] | None:
    """How the bulk result ``got`` differs from the object path's (assess, then score_tables)
    in the columns the bulk path fills, and whether that is a silent change (else the bulk
    path refused with its own error what the object path scores)."""
    try:
        assessed = lakipcore.assess(report, audit=False)
    except LakipError:
        return "assess refuses a report that loads", True
    if isinstance(got, tuple):
        return None if assessed.problems else (f"bulk refuses what assess scores: {got[0]}", False)
    if assessed.problems:
        return "bulk scores what assess cannot", True
    want = score_tables(assessed, scale=got.scale, rounding=got.rounding, exact_places=40)
    for name in SCORE_TABLES:
        expected, have = getattr(want, name).select(list(BULK_COLUMNS[name])), getattr(got, name)
        if expected.schema != have.schema:
            return f"bulk differs from object path: {name} schema", True
        if sorted(map(repr, expected.to_pylist())) != sorted(map(repr, have.to_pylist())):
            return f"bulk differs from object path: {name}", True
    return None


def run_batches(count: int, seed: int) -> dict[str, Tally]:
    """Mutated Arrow batches through both bulk kernels, which must give the same tables or the
    same error; the batches of a (mutated) report file also against the object path."""
    rng = random.Random(seed)
    tally = Tally()
    for _ in range(count):
        case = rng.getrandbits(32)
        tally.tried += 1
        try:
            call, report, text = batch_case(case)
        except Exception as error:  # loads_report or report_to_batches
            tally.note(tally.foreign, f"making the batch: {_site(error)}", f"case {case}")
            continue
        if call is None:  # report_to_batches refused the report
            tally.refused += 1
            continue
        start = time.process_time()
        try:
            numpy_side, arrow_side = _on_kernel(True, call), _on_kernel(False, call)
            compared = None if report is None else _object_path_difference(report, numpy_side)
        except Exception as error:
            stage = (getattr(error, "__notes__", None) or ["object path"])[-1]
            tally.note(tally.foreign, f"{stage}: {_site(error)}", text)
            continue
        tally.timed(time.process_time() - start, text)
        if not _same_result(numpy_side, arrow_side):
            shown = f"{text} → numpy {numpy_side!r:.150} / pyarrow {arrow_side!r:.150}"
            tally.note(tally.silent, "kernels disagree", shown)
        if compared is not None:
            difference, silent = compared
            tally.note(tally.silent if silent else tally.later, difference, text)
        if isinstance(numpy_side, tuple):
            tally.refused += 1
        else:
            tally.accepted += 1
    return {"batches": tally}
