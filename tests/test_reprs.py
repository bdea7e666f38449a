"""One-line reprs: every value a notebook user meets prints as one short line, not a tree."""

from __future__ import annotations

import enum
import sys
from collections.abc import Iterator, Mapping
from decimal import Decimal

import attrs
import pytest

import lakipcore
from extras import require
from lakipcore._display import Short
from lakipcore.render import reprs
from lakipcore.render.reprs import LIMIT, short
from strategies import hostile_context

# Small values whose attrs or own repr is already one bounded line.
_OWN_REPR = frozenset(
    {
        "Origin",
        "Period",
        "Figure",
        "PerformanceWeights",
        "Plausibility",
        "NotTargeted",
        "Subject",
        "Message",
    }
)


@pytest.fixture(scope="module")
def assessment() -> lakipcore.Assessment:
    """The shipped Banten example, scored and audited once."""
    return lakipcore.assess(lakipcore.load_example())


def _values(root: object) -> Iterator[object]:
    """Every lakipcore value reachable from ``root`` through attrs fields, tuples, lists and
    mappings, each once."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        value = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if type(value).__module__.startswith("lakipcore") and not isinstance(value, enum.Enum):
            yield value
        if isinstance(value, list | tuple):
            stack.extend(value)
        elif isinstance(value, Mapping):
            stack.extend(value.values())
        elif attrs.has(type(value)):
            stack.extend(getattr(value, f.name) for f in attrs.fields(type(value)))


def test_every_value_of_the_example_prints_one_short_line(
    assessment: lakipcore.Assessment,
) -> None:
    """Walking the whole assessment (the report and every part of it, the scores, the
    changes, the methods, the findings), each value's repr is one line of at most 200
    characters, and each class but a few small ones has a line of its own (``<Unit ...>``),
    not attrs' dump of its fields."""
    by_class: dict[str, list[str]] = {}
    for value in _values(assessment):
        name = type(value).__name__
        line = repr(value)
        by_class.setdefault(name, []).append(line)
    expected = {
        "Assessment", "Report", "ReportPeriod", "Unit", "UnitPeriod", "BudgetLine",
        "BudgetOutput", "ReportedAbsorption", "Indicator", "IndicatorPeriod", "Target",
        "Realisation", "PrintedFigure", "EvidenceTable", "Column", "Rule", "Condition", "Support",
        "TableTotal", "RowCheck", "DerivedFigure", "ReportTable", "ScoringMethod", "ReportScore",
        "PeriodScore", "UnitScore", "IndicatorScore", "OutputScore", "ProgrammeScore",
        "DerivedScore", "PeriodChange", "UnitChange", "IndicatorChange", "Change", "Findings",
        "Finding", "Location",
    }  # fmt: skip
    assert set() == expected - set(by_class)
    too_long = {
        n: max(lines, key=len) for n, lines in by_class.items() if max(map(len, lines)) > LIMIT
    }
    assert {} == too_long
    assert [] == [line for lines in by_class.values() for line in lines if "\n" in line]
    dumped = {
        name: lines[0]
        for name, lines in by_class.items()
        if name not in _OWN_REPR and not lines[0].startswith(f"<{name} ")
    }
    assert {} == dumped


def test_the_largest_values_of_the_issue_are_one_line(assessment: lakipcore.Assessment) -> None:
    """``report.unit("sekjen")`` (18.450 characters before) and ``scores.changes`` (14.747)
    print a line each with what they hold and their figures."""
    report, scores = assessment.report, assessment.scores
    assert "<Unit sekjen 'Sekjen - Divisi Administrasi': 9 indicators>" == repr(
        report.unit("sekjen")
    )
    assert (
        "<Unit kanwil-banten 'Kantor Wilayah Kementerian Hukum dan HAM Banten': 0 indicators, "
        "9 sub-units>" == repr(report.root)
    )
    assert "(<PeriodChange 2018 -> 2019: office performance +7,46 points, 9 units>,)" == repr(
        scores.changes
    )
    change = scores.changes[0]
    assert (
        "<UnitChange ki 'Ditjen Kekayaan Intelektual': performance -21,62 points, 5 indicators>"
        == repr(change.unit("ki"))
    )
    assert "<Change in points: achievement +13,93, absorption +1,00, performance +7,46>" == repr(
        change.office
    )
    ikm = report.unit("sekjen").indicator("sekjen-ikm-internal")
    assert (
        "<Indicator sekjen-ikm-internal 'Indeks kepuasan layanan internal di lingkungan "
        "Kantor Wil...': higher is better, periods 2019, 2018>" == repr(ikm)
    )
    assert "<Target 7,1 (index, scale 10)>" == repr(ikm.at("2019").target)  # type: ignore[union-attr]
    assert (
        "<IndicatorScore sekjen-ikm-internal: capaian 132,11% (target 7,1, realisation 9,38)>"
        == repr(scores.current.unit("sekjen").indicator("sekjen-ikm-internal"))
    )
    assert (
        "<ScoringMethod banten-2019: achievement pooled-indicators, absorption total-amounts, "
        "weights 0,5/0,5, rounding half-up>" == repr(assessment.methods["2019"])
    )
    assert "<Findings 25: 9 errors, 2 warnings, 14 notes>" == short(assessment.findings)


def test_findings_lines_name_the_table_and_both_figures(
    assessment: lakipcore.Assessment,
) -> None:
    """A finding's line: severity, code, subject, period, the table it is printed in, the
    published text and the recomputed value at the printed precision."""
    findings = assessment.audit_findings("test")
    yoy = next(f for f in findings if f.published == "7,74%")
    assert (
        f"<Finding error figure-mismatch kanwil-banten 2019 [{yoy.location.place}]: '7,74%', "
        "recomputed 7,46>" == short(yoy)
    )


def test_every_short_class_has_a_line_of_its_own() -> None:
    """Every class that prints through the one-line reprs has its own formatter: none falls
    back to object's repr."""
    lakipcore.assess(lakipcore.load_example())  # load every module with such classes

    def subclasses(cls: type) -> Iterator[type]:
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    def public(cls: type) -> bool:
        # attrs makes a new class for slots: the class statement's first one is left behind
        module = sys.modules[cls.__module__]
        return cls.__module__ != "lakipcore._display" and getattr(module, cls.__name__) is cls

    fallback = reprs._short.dispatch(object)
    shown = {
        cls for cls in subclasses(Short) if cls.__module__.startswith("lakipcore.") and public(cls)
    }
    assert len(shown) >= 30
    assert [] == sorted(c.__name__ for c in shown if reprs._short.dispatch(c) is fallback)


def test_long_texts_are_clipped_to_one_line() -> None:
    """Names, titles and codes from a file cannot stretch a line: each is clipped, and the
    whole line stays within the limit."""
    name = "Satuan Kerja " * 40
    code = "u" * 64
    indicator = lakipcore.Indicator(
        "i" * 64,
        "Jumlah laporan " * 30,
        [
            lakipcore.IndicatorPeriod(
                "2021",
                lakipcore.Target(
                    lakipcore.MeasureKind.COUNT, Decimal(12), unit=" ".join(["Laporan"] * 12)
                ),
                lakipcore.Realisation(lakipcore.MeasureKind.COUNT, Decimal(9), unit="Laporan"),
            )
        ],
    )
    unit = lakipcore.Unit(code, name, [indicator])
    periods = [
        lakipcore.ReportPeriod(str(year), method="banten-2019") for year in range(2001, 2022)
    ]
    report = lakipcore.Report(periods, lakipcore.Unit("o" * 64, name, units=[unit]))
    scores = lakipcore.score_report(report, problems=[])
    values: list[object] = [
        report,
        unit,
        indicator,
        indicator.periods[0],
        indicator.periods[0].target,
        scores,
        scores.current,
        scores.current.unit(code),
        scores.current.unit(code).indicator("i" * 64),
    ]
    for value in values:
        line = repr(value)
        assert len(line) <= LIMIT, line
        assert "\n" not in line
    assert repr(report).startswith(f"<Report '{name[:30]}")
    assert "..." in repr(unit)
    assert "21 periods (2001, 2002, 2003, ..., 2021)" in repr(report)


def test_a_line_never_fails_and_never_overflows() -> None:
    """A class without a line of its own prints as an object does; a line longer than the
    limit, or with a newline, is clipped to one line."""

    class Unshown(Short):
        __slots__ = ()

    assert repr(Unshown()).startswith("<test_reprs.")
    assert "Unshown object at 0x" in repr(Unshown())

    class Wordy(Short):
        __slots__ = ()

    reprs._short.register(Wordy, lambda _value: "<Wordy " + "x\n" * 300 + ">")
    line = repr(Wordy())
    assert len(line) <= LIMIT
    assert "\n" not in line
    assert line.startswith("<Wordy x x")
    assert line.endswith("...>")


def test_equality_and_hashing_are_attrs_own(assessment: lakipcore.Assessment) -> None:
    """The one-line repr changes how a value prints, not how it compares or hashes."""
    again = lakipcore.load_example()
    for code in ("sekjen", "kanwil-banten"):
        unit = assessment.report.unit(code)
        assert again.unit(code) == unit
        assert hash(again.unit(code)) == hash(unit)
        assert attrs.evolve(unit, name="Lain") != unit
    change = assessment.scores.changes[0]
    assert lakipcore.score_report(again).changes[0] == change
    assert attrs.evolve(change.office, performance=None) != change.office
    method = assessment.methods["2019"]
    assert lakipcore.get_method("banten-2019") == method
    assert attrs.evolve(method, cap=Decimal(120)) != method


def test_lines_read_no_decimal_context(assessment: lakipcore.Assessment) -> None:
    """The lines are the same inside a hostile decimal context, which they leave untouched."""
    values = list(_values(assessment))
    lines = [short(v) for v in values]
    with hostile_context() as context:
        assert lines == [short(v) for v in values]
        flags = [flag for flag, raised in context.flags.items() if raised]
    assert [] == flags


def test_score_tables_print_their_row_counts(assessment: lakipcore.Assessment) -> None:
    """The score tables (pyarrow Tables) print their scale and each table's rows, not the
    tables."""
    require("pyarrow")
    from lakipcore.arrow import score_tables

    tables = score_tables(assessment, scale=2)
    assert (
        "<ScoreTables decimal128(38, 2) half-up: rows: indicators 102, units 18, office 2, "
        "changes 10, indicator_changes 51, findings 25>" == repr(tables)
    )


def test_module_examples() -> None:
    """The examples in the module's docstring give the output shown."""
    import doctest

    result = doctest.testmod(reprs)
    assert (0, True) == (result.failed, result.attempted > 0)
