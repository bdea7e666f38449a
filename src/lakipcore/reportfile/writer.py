"""Writing a report back to the file format, so that load → write → load gives an equal report.

Numbers are written in the Indonesian report style at their own precision; printed figures are
written verbatim. The file holds one name, goal, polarity and formula per indicator (and one name
per unit) for all years; a report whose years disagree on those cannot be written and says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from lakipcore.errors import InvalidValueError
from lakipcore.figures import NOT_TARGETED_TEXT, format_number
from lakipcore.model import (
    Budget,
    BudgetLine,
    Indicator,
    MeasureKind,
    OfficeYear,
    Polarity,
    PrintedFigure,
    Realisation,
    Report,
    Target,
    UnitPerformance,
)
from lakipcore.reportfile.evidence import write_evidence, write_rule
from lakipcore.reportfile.loader import SCHEMA_VERSION

__all__ = ["dump_report", "write_report"]


def _string(text: str) -> str:
    """A TOML basic string. JSON's escapes are valid TOML; DEL must be escaped as well."""
    import json  # lazily: only writing needs it

    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _measure(value: Target | Realisation) -> str:
    text = format_number(value.value)
    if value.kind is MeasureKind.PERCENT:
        text += "%"
    if value.unit:
        text += f" {value.unit}"
    if value.note:
        text += f" ({value.note})"
    return text


def _printed(figures: Iterable[PrintedFigure], prefix: str = "printed.") -> list[str]:
    grouped: dict[str, dict[str, list[str]]] = {}
    for figure in figures:
        places = grouped.setdefault(figure.quantity.value, {})
        places.setdefault(figure.place.value, []).append(figure.text)
    lines = []
    for quantity, places in grouped.items():
        cells = ", ".join(
            f"{place} = {_string(texts[0]) if len(texts) == 1 else _list(texts)}"
            for place, texts in places.items()
        )
        lines.append(f"{prefix}{quantity} = {{ {cells} }}")
    return lines


def _list(texts: list[str]) -> str:
    return "[" + ", ".join(_string(t) for t in texts) + "]"


def _one(values: Iterable[object], what: str) -> object:
    distinct = []
    for value in values:
        if value not in distinct:
            distinct.append(value)
    if len(distinct) > 1:
        raise InvalidValueError(
            f"the file format holds one {what} for all years, but the years have {distinct!r}",
            field=what,
        )
    return distinct[0]


def _merged_codes(*sequences: Iterable[str]) -> list[str]:
    codes: list[str] = []
    for sequence in sequences:
        for code in sequence:
            if code not in codes:
                codes.append(code)
    return codes


def dump_report(report: Report) -> str:
    """The report in the file format of docs/format.md, as text."""
    years = [report.current] + ([report.previous] if report.previous else [])
    out = [f"schema = {SCHEMA_VERSION}", "", "[report]"]
    if report.title is not None:
        out.append(f"title = {_string(report.title)}")
    out.append(f"office = {_string(report.office)}")
    out.append(f"year = {report.current.year}")
    if report.previous is not None:
        out.append(f"previous_year = {report.previous.year}")
    if report.source is not None:
        out.append(f"source = {_string(report.source)}")
    methods = [y for y in years if y.method is not None]
    if methods:
        out += ["", "[methods]"] + [f"{y.year} = {_string(y.method or '')}" for y in methods]
    for office_year in years:
        if office_year.printed:
            out += ["", f"[office.years.{office_year.year}]", *_printed(office_year.printed)]
    for code in _merged_codes(*([u.code for u in y.units] for y in years)):
        out += _unit(code, years)
    return "\n".join(out) + "\n"


def _units_named(code: str, years: list[OfficeYear]) -> list[UnitPerformance]:
    found = []
    for office_year in years:
        for unit in office_year.units:
            if unit.code == code:
                found.append(unit)
    return found


def _unit(code: str, years: list[OfficeYear]) -> list[str]:
    units = _units_named(code, years)
    out = ["", "[[units]]", f"code = {_string(code)}"]
    out.append(f"name = {_string(str(_one((u.name for u in units), 'unit name')))}")
    for unit in units:
        if unit.printed:
            out += ["", f"[units.years.{unit.year}]", *_printed(unit.printed)]
        out += _budget(unit.budget, f"units.years.{unit.year}.budget")
        for table in unit.evidence:
            out += write_evidence(table, f"units.years.{unit.year}.evidence", _string)
    for indicator_code in _merged_codes(*([i.code for i in u.indicators] for u in units)):
        found = [(u.year, u.indicator(indicator_code)) for u in units if _has(u, indicator_code)]
        out += _indicator(indicator_code, found)
    return out


def _has(unit: UnitPerformance, code: str) -> bool:
    return any(i.code == code for i in unit.indicators)


def _budget(budget: Budget, header: str) -> list[str]:
    out = ["", f"[{header}]"]
    if not isinstance(budget, BudgetLine):
        return [
            *out,
            f"absorption = {_string(format_number(budget.rate) + '%')}",
            *_printed(budget.printed),
        ]
    out.append(f"programme = {_string(budget.programme)}")
    out += _printed(budget.printed)
    for output in budget.outputs:
        out += ["", f"[[{header}.outputs]]"]
        if output.code is not None:
            out.append(f"code = {_string(output.code)}")
        out.append(f"name = {_string(output.name)}")
        out.append(f"pagu = {_string(_amount(output.pagu))}")
        out.append(f"realisation = {_string(_amount(output.realisation))}")
        out += _printed(output.printed)
    return out


def _amount(value: Decimal) -> str:
    return format_number(value)


def _indicator(code: str, found: list[tuple[int, Indicator]]) -> list[str]:
    items = [i for _, i in found]
    out = ["", "[[units.indicators]]", f"code = {_string(code)}"]
    out.append(f"name = {_string(str(_one((i.name for i in items), 'indicator name')))}")
    goal = _one((i.goal for i in items), "indicator goal")
    if goal is not None:
        out.append(f"goal = {_string(str(goal))}")
    polarity = _one((i.polarity for i in items), "indicator polarity")
    if polarity is not Polarity.HIGHER_IS_BETTER and isinstance(polarity, Polarity):
        out.append(f"polarity = {_string(polarity.value)}")
    formula = _one((i.formula for i in items), "indicator formula")
    if formula is not None:
        out.append(f"formula = {_string(getattr(formula, 'value', ''))}")
    for year, indicator in found:
        out += ["", f"[units.indicators.years.{year}]"]
        target = indicator.target
        if not isinstance(target, Target):
            out.append(f"target = {_string(NOT_TARGETED_TEXT)}")
        else:
            out.append(f"target = {_string(_measure(target))}")
            if indicator.realisation is not None:
                out.append(f"realisation = {_string(_measure(indicator.realisation))}")
            if target.scale is not None:
                out.append(f"scale = {_string(format_number(target.scale))}")
            if indicator.derivation is not None:
                out.append(f"derive = {write_rule(indicator.derivation, _string)}")
            if indicator.supports:
                rules = []
                for support in indicator.supports:
                    rule = write_rule(support.rule, _string)
                    if support.against != "value":
                        rule = f"{rule[:-2]}, against = {_string(support.against)} }}"
                    rules.append(rule)
                out.append(f"supports = [{', '.join(rules)}]")
        out += _printed(indicator.printed)
    return out


def write_report(report: Report, path: str | Path) -> None:
    """Write ``report`` to ``path`` (UTF-8) in the file format."""
    Path(path).write_text(dump_report(report), encoding="utf-8")
