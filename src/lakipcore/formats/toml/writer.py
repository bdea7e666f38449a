"""Writing a report back to the file format, so that load → write → load is the identity.

The file lists each unit once (the office, then every unit below it depth first, each naming
its ``parent`` when that is not the office), each indicator once with a block per period, in
the order of the model, so the order of everything survives a round trip. Numbers are written
in the Indonesian report style at their own precision; printed figures verbatim.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from lakipcore.errors import LakipTypeError
from lakipcore.figures import NOT_TARGETED_TEXT, format_as_printed
from lakipcore.formats import document
from lakipcore.formats.toml.derived import derived_lines
from lakipcore.formats.toml.evidence import write_evidence, write_rule
from lakipcore.formats.toml.grades import grade_table_lines
from lakipcore.formats.toml.loader import SCHEMA_VERSION
from lakipcore.formats.toml.methods import method_lines
from lakipcore.formats.toml.notations import place_value, table_notation_lines
from lakipcore.i18n import M_
from lakipcore.model import (
    Budget,
    BudgetLine,
    BudgetOutput,
    Indicator,
    IndicatorPeriod,
    Measure,
    MeasureKind,
    Phasing,
    PlannedBudget,
    PlannedOutput,
    Polarity,
    PrintedFigure,
    Quantity,
    Report,
    ReportedAbsorption,
    ReportPeriod,
    TableScope,
    Target,
    Unit,
)
from lakipcore.notation import Notation

__all__ = ["dump_report", "write_report"]


def _string(text: str) -> str:
    """A TOML basic string. JSON's escapes are valid TOML; DEL must be escaped as well."""
    import json  # lazily: only writing needs it

    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def measure_text(value: Measure, n: Notation) -> str:
    """A target or realisation as the report file writes it: value at its own precision in
    notation ``n``, ``%``, unit label and note (``12 Laporan``, ``100% (total 169 ...)``)."""
    if value.level is not None:  # a predikat, written as its level: "WTP"
        return value.level
    text = ("1:" if value.ratio else "") + format_as_printed(value.value, n)
    upper = getattr(value, "upper", None)  # a range target: "69,1–69,5"
    if upper is not None:
        text += f"\u2013{format_as_printed(upper, n)}"
    if value.kind is MeasureKind.PERCENT:
        text += "%"
    if value.unit:
        text += f" {value.unit}"
    if value.note:
        text += f" ({value.note})"
    return text


_Notations = Callable[[str, Quantity], Notation]
"""The notation a figure printed in a table (by id) is read in unless it states its own."""


def _printed(figures: Iterable[PrintedFigure], notations: _Notations) -> list[str]:
    grouped: dict[Quantity, dict[str, list[PrintedFigure]]] = {}
    for figure in figures:
        places = grouped.setdefault(figure.quantity, {})
        places.setdefault(figure.place, []).append(figure)
    lines = []
    for quantity, places in grouped.items():
        cells = ", ".join(
            f"{_key(place)} = {place_value(items, notations(place, quantity), _string)}"
            for place, items in places.items()
        )
        lines.append(f"printed.{quantity.value} = {{ {cells} }}")
    return lines


def _key(name: str) -> str:
    bare = name.replace("-", "").replace("_", "")
    return name if name and bare.isascii() and bare.isalnum() else _string(name)


def dump_report(report: Report) -> str:
    """The report in the file format of docs/format.md, as text."""
    if not isinstance(report, Report):
        raise LakipTypeError(
            M_("expected a Report, got {type}", type=type(report).__name__), field="report"
        )
    out = _head(report)
    n = report.notation
    for method in report.methods:
        out += ["", *method_lines(method, _string, n)]
    for grades in report.grade_tables:
        out += ["", *grade_table_lines(grades, _string, n)]
    for period in report.periods:
        out += _period(period)
    for table in report.tables:
        out += [
            "",
            "[[tables]]",
            f"id = {_string(table.id)}",
            f"kind = {_string(table.kind.value)}",
        ]
        if table.title is not None:
            out.append(f"title = {_string(table.title)}")
        if table.scope is not TableScope.EACH_UNIT:
            out.append(f"scope = {_string(table.scope.value)}")
        out += table_notation_lines(table, _string)
    notations = report.printed_notation
    out += _unit(report.root, "office", None, n, notations)
    for unit in report.units():
        if unit is report.root:
            continue
        parent = report.parent(unit.code)
        above = None if parent is report.root or parent is None else parent
        out += _unit(unit, "units", above, n, notations)
    return "\n".join(out) + "\n"


def _head(report: Report) -> list[str]:
    out = [f"schema = {SCHEMA_VERSION}", "", "[report]"]
    for name in ("title", "source", "main"):
        value = getattr(report, name)
        if value is not None:
            out.append(f"{name} = {_string(value)}")
    if report.notation is not Notation.INDONESIAN:
        out.append(f"notation = {_string(report.notation.value)}")
    if report.grading:
        cells = ", ".join(f"{key} = {_string(name)}" for key, name in report.grading.items())
        out.append(f"grading = {{ {cells} }}")
    return out


def _period(period: ReportPeriod) -> list[str]:
    out = ["", "[[periods]]", f"key = {_string(period.key)}"]
    if period.method is not None:
        out.append(f"method = {_string(period.method)}")
    if period.planned:
        out.append("planned = true")
    if period.title is not None:
        out.append(f"title = {_string(period.title)}")
    return out


def _unit(
    unit: Unit, header: str, parent: Unit | None, n: Notation, notations: _Notations
) -> list[str]:
    is_office = header == "office"
    out = ["", f"[{header}]" if is_office else f"[[{header}]]", f"code = {_string(unit.code)}"]
    out.append(f"name = {_string(unit.name)}")
    if parent is not None:
        out.append(f"parent = {_string(parent.code)}")
    for block in unit.periods:
        base = f"{header}.periods.{_key(block.period)}"
        out += ["", f"[{base}]", *_printed(block.printed, notations)]
        if block.budget is not None:
            out += _budget(block.budget, f"{base}.budget", n, notations)
        for table in block.evidence:
            out += write_evidence(table, f"{base}.evidence", _string, n)
        for derived in block.derived:
            out += derived_lines(
                derived,
                f"{base}.derived",
                _string,
                _key,
                n,
                notations=lambda place: notations(place, Quantity.VALUE),
            )
    for indicator in unit.indicators:
        out += _indicator(indicator, f"{header}.indicators", n, notations)
    return out


def _budget(budget: Budget, header: str, n: Notation, notations: _Notations) -> list[str]:
    out = ["", f"[{header}]"]
    if isinstance(budget, ReportedAbsorption):
        return [
            *out,
            f"absorption = {_string(format_as_printed(budget.rate, n) + '%')}",
            *_printed(budget.printed, notations),
        ]
    out.append(f"programme = {_string(budget.programme)}")
    out += _pagu_lines(budget, n)
    out += _printed(budget.printed, notations)
    for output in budget.outputs:
        out += ["", f"[[{header}.outputs]]"]
        if output.code is not None:
            out.append(f"code = {_string(output.code)}")
        out.append(f"name = {_string(output.name)}")
        if output.type is not None:
            out.append(f"{document.TYPE} = {_string(output.type.value)}")
        out.append(f"pagu = {_string(format_as_printed(output.pagu, n))}")
        if isinstance(output, BudgetOutput):  # a planned output has no realisation yet
            out.append(f"realisation = {_string(format_as_printed(output.realisation, n))}")
        out += _pagu_lines(output, n)
        out += _printed(output.printed, notations)
    for subtotal in budget.subtotals:
        out += ["", f"[[{header}.{document.SUBTOTALS}]]"]
        out.append(f"{document.TYPE} = {_string(subtotal.type.value)}")
        out += _printed(subtotal.printed, notations)
    return out


def _pagu_lines(
    item: BudgetLine | PlannedBudget | BudgetOutput | PlannedOutput, n: Notation
) -> list[str]:
    """A programme's or an output's pagu awal, RPD (a percent as the file gave it) and
    revisions."""
    out = []
    if item.original is not None:
        out.append(f"{document.ORIGINAL} = {_string(format_as_printed(item.original, n))}")
    if item.plan_percent is not None:
        out.append(f"{document.PLAN} = {_string(format_as_printed(item.plan_percent, n) + '%')}")
    elif item.plan is not None:
        out.append(f"{document.PLAN} = {_string(format_as_printed(item.plan, n))}")
    if item.revisions:
        rows = []
        for revision in item.revisions:
            cells = [
                f"kind = {_string(revision.kind.value)}",
                f"amount = {_string(format_as_printed(revision.amount, n))}",
            ]
            if revision.note is not None:
                cells.append(f"note = {_string(revision.note)}")
            rows.append("{ " + ", ".join(cells) + " }")
        out.append(f"{document.REVISIONS} = [{', '.join(rows)}]")
    return out


def _indicator(indicator: Indicator, header: str, n: Notation, notations: _Notations) -> list[str]:
    out = ["", f"[[{header}]]", f"code = {_string(indicator.code)}"]
    out.append(f"name = {_string(indicator.name)}")
    if indicator.goal is not None:
        out.append(f"goal = {_string(indicator.goal)}")
    if indicator.polarity is not Polarity.HIGHER_IS_BETTER:
        out.append(f"polarity = {_string(indicator.polarity.value)}")
    if indicator.formula is not None:
        out.append(f"formula = {_string(indicator.formula.value)}")
    if indicator.accumulation is not None:
        out.append(f"accumulation = {_string(indicator.accumulation.value)}")
    if indicator.to_date is not None:
        out.append(f"to-date = {_string(indicator.to_date.value)}")
    if indicator.phasing is not Phasing.PHASED:
        out.append(f"phasing = {_string(indicator.phasing.value)}")
    if indicator.plain_values:
        out.append(f"kind = {_string(MeasureKind.VALUE.value)}")
    if indicator.ordinal is not None:
        out.append(f"ordinal = {_string(indicator.ordinal)}")
    if indicator.baseline is not None:
        value, year = measure_text(indicator.baseline.value, n), indicator.baseline.year
        out.append(f"baseline = {{ value = {_string(value)}, year = {year} }}")
    if indicator.end_of_plan is not None:
        target, year = measure_text(indicator.end_of_plan.target, n), indicator.end_of_plan.year
        out.append(f"end-of-plan = {{ target = {_string(target)}, year = {year} }}")
    for entry in indicator.periods:
        out += _indicator_period(entry, f"{header}.periods.{_key(entry.period)}", n, notations)
    return out


def _indicator_period(
    entry: IndicatorPeriod, header: str, n: Notation, notations: _Notations
) -> list[str]:
    out = ["", f"[{header}]"]
    target = entry.target
    if not isinstance(target, Target):
        out.append(f"target = {_string(NOT_TARGETED_TEXT)}")
    else:
        out.append(f"target = {_string(measure_text(target, n))}")
        if entry.realisation is not None:
            out.append(f"realisation = {_string(measure_text(entry.realisation, n))}")
        elif entry.not_reported is not None:
            out.append(f"realisation = {_string(entry.not_reported.text)}")
        if target.scale is not None:
            out.append(f"scale = {_string(format_as_printed(target.scale, n))}")
        if entry.derivation is not None:
            out.append(f"derive = {write_rule(entry.derivation, _string)}")
        if entry.accumulate:
            out.append("accumulate = true")
        if entry.supports:
            rules = []
            for support in entry.supports:
                rule = write_rule(support.rule, _string)
                if support.against != "value":
                    rule = f"{rule[:-2]}, against = {_string(support.against)} }}"
                rules.append(rule)
            out.append(f"supports = [{', '.join(rules)}]")
    return out + _printed(entry.printed, notations)


def write_report(report: Report, path: str | Path) -> None:
    """Write ``report`` to ``path`` (UTF-8) in the file format."""
    Path(path).write_text(dump_report(report), encoding="utf-8")
