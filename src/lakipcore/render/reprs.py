"""One-line reprs: what a value is and its main figures, in at most :data:`LIMIT` characters.

Every class a notebook user meets (the report and its parts, the scores, the changes, the
methods, an assessment) inherits :class:`lakipcore._display.Short`, whose ``repr`` is
:func:`short`. attrs would print the whole tree below a value: ``report.unit("sekjen")`` was
18.450 characters, ``scores.changes`` 14.747. Here a value says what it is (its class, its
code or key, its name), how many of its parts it holds and its figures in the report's style
(``116,13%``, rounded half-up to 2 places for display; the values themselves stay exact), on
one line. Texts from the report file are quoted and clipped, so a long name cannot stretch the
line. Equality is attrs' own: these change how a value prints, nothing else.

>>> import lakipcore
>>> report = lakipcore.load_example()
>>> report.unit("sekjen")
<Unit sekjen 'Sekjen - Divisi Administrasi': 9 indicators>
>>> report.unit("sekjen").indicator("sekjen-ikm-internal").at("2019")
<IndicatorPeriod 2019: target 7,1 (index, scale 10), realisation from evidence, 7 printed>
>>> scores = lakipcore.score_report(report)
>>> scores.changes
(<PeriodChange 2018 -> 2019: office performance +7,46 points, 9 units>,)
>>> scores.current.unit("sekjen").indicator("sekjen-ikm-internal")
<IndicatorScore sekjen-ikm-internal: capaian 132,11% (target 7,1, realisation 9,38)>
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sized
from decimal import Decimal
from typing import Any, Final, TypeVar

from lakipcore.figures import NotTargeted, format_number, format_percent, format_rupiah
from lakipcore.methods import ScoringMethod
from lakipcore.model import (
    Baseline,
    BudgetLine,
    BudgetOutput,
    Column,
    Condition,
    DerivedFigure,
    EndOfPlan,
    EvidenceTable,
    Indicator,
    IndicatorPeriod,
    Measure,
    MeasureKind,
    PlannedBudget,
    PlannedOutput,
    PrintedFigure,
    Reference,
    Report,
    ReportedAbsorption,
    ReportPeriod,
    ReportTable,
    Revision,
    RowCheck,
    Rule,
    Subtotal,
    Support,
    TableScope,
    TableTotal,
    Unit,
    UnitPeriod,
)
from lakipcore.model.ordinal import OrdinalLevel, OrdinalScale
from lakipcore.render.common import measure_text
from lakipcore.results.assessment import Assessment
from lakipcore.results.findings import Finding, Findings, Location, Severity
from lakipcore.results.scores import (
    Change,
    DerivedScore,
    IndicatorChange,
    IndicatorScore,
    OutputScore,
    PeriodChange,
    PeriodScore,
    Problem,
    ProgrammeScore,
    ReportScore,
    UnitChange,
    UnitScore,
)
from lakipcore.results.tables import ScoreTables
from lakipcore.rounding import round_to

__all__ = [
    "LIMIT",
    "assessment_repr",
    "finding_repr",
    "findings_repr",
    "period_score_repr",
    "report_repr",
    "report_score_repr",
    "short",
    "unit_score_repr",
]

LIMIT: Final = 200
"""The most characters a one-line repr has (:func:`short` clips anything longer)."""

_NA = "-"
_NAME = 60  # the most characters of a quoted name or title
_CODE = 48  # the most characters of a code or key printed bare (a roll-up's unit paths)
_KEYS = 4  # the most period keys listed before "..."

_T = TypeVar("_T")


# --- pieces of a line ---------------------------------------------------------------------


def _clip(text: str, most: int) -> str:
    """``text`` on one line in at most ``most`` characters, its end replaced by ``...``."""
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 3] + "..."


def _code(text: str) -> str:
    """A code or key, bare; a long one keeps its start and its end (a unit's own code, after
    its office's path)."""
    if len(text) <= _CODE and text.isprintable():
        return text
    text = _clip(text, len(text))
    half = (_CODE - 3) // 2
    return text if len(text) <= _CODE else f"{text[:half]}...{text[-half:]}"


def _quoted(text: str, most: int = _NAME) -> str:
    return repr(_clip(text, most))


def _count(number: int, noun: str, plural: str | None = None) -> str:
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def _counts(*parts: tuple[Sized, str]) -> list[str]:
    """``3 printed``, ``2 evidence tables``: only the parts that are not empty."""
    return [
        _count(len(items), noun, noun if noun == "printed" else None)
        for items, noun in parts
        if len(items)
    ]


def _keys(keys: Iterable[str]) -> str:
    listed = [_code(key) for key in keys]
    if len(listed) <= _KEYS:
        return ", ".join(listed)
    return f"{', '.join(listed[: _KEYS - 1])}, ..., {listed[-1]}"


def _pct(value: Decimal | None) -> str:
    return _NA if value is None else format_percent(value)


def _number(value: Decimal | None) -> str:
    """A value at its own precision, or at 2 places when it has more (a derived 90,9977…)."""
    if value is None:
        return _NA
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        return format_number(round_to(value, 2))
    return format_number(value)


def _points(value: Decimal | None) -> str:
    """A change in points, signed, at 2 places: ``+7,46``, ``-21,62``."""
    if value is None:
        return _NA
    shown = format_number(round_to(value, 2))
    return shown if shown.startswith("-") or value.is_zero() else "+" + shown


def _amount(value: Decimal | None) -> str:
    if value is None:
        return _NA
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        value = round_to(value, 2)
    return format_rupiah(value)


def _line(name: str, head: str, parts: Iterable[str] = ()) -> str:
    """``<Name head: part, part>``."""
    body = ", ".join(part for part in parts if part)
    return f"<{name} {head}: {body}>" if body else f"<{name} {head}>"


def _kind(value: object) -> str:
    return type(value).__name__


# --- the dispatch ---------------------------------------------------------------------------


@functools.singledispatch
def _short(value: object) -> str:
    # A class without a line of its own (a subclass of no shown class) prints as an object
    # does: a repr never fails.
    return object.__repr__(value)


def short(value: object) -> str:
    """The one-line ``repr`` of ``value``: at most :data:`LIMIT` characters, never a newline."""
    text = _short(value)
    if len(text) > LIMIT or "\n" in text or "\r" in text:
        text = _clip(text, LIMIT - 1).removesuffix(">") + ">"
    return text


def _register(*classes: type) -> Callable[[Callable[[_T], str]], Callable[[_T], str]]:
    def register(function: Callable[[_T], str]) -> Callable[[_T], str]:
        for cls in classes:
            _short.register(cls, function)
        return function

    return register


# --- the report -----------------------------------------------------------------------------


@_register(Report)
def report_repr(report: Report) -> str:
    """``<Report 'Kantor Wilayah …' 2 periods (2018, 2019), 10 units, 51 indicators>``."""
    units = list(report.units())
    indicators = sum(len(u.indicators) for u in units)
    keys = _keys(p.key for p in report.periods)
    return (
        f"<{_kind(report)} {_quoted(report.office)} {_count(len(report.periods), 'period')} "
        f"({keys}), {_count(len(units), 'unit')}, {_count(indicators, 'indicator')}>"
    )


@_register(ReportPeriod)
def _report_period(period: ReportPeriod) -> str:
    parts = [
        _quoted(period.label, 40),
        period.kind.value,
        f"method {_code(period.method)}" if period.method else "",
        "planned" if period.planned else "",
    ]
    return f"<{_kind(period)} {_code(period.key)} {' '.join(p for p in parts if p)}>"


@_register(Unit)
def _unit(unit: Unit) -> str:
    below = sum(1 for _ in unit.walk()) - 1
    parts = [_count(len(unit.indicators), "indicator")]
    if unit.units:
        parts.append(_count(len(unit.units), "sub-unit"))
        if below > len(unit.units):
            parts[-1] += f" ({below} below)"
    return _line(_kind(unit), f"{_code(unit.code)} {_quoted(unit.name)}", parts)


def _budget(budget: BudgetLine | PlannedBudget | ReportedAbsorption | None) -> str:
    if budget is None:
        return "no budget"
    if isinstance(budget, ReportedAbsorption):
        return f"absorption {_pct(budget.rate)} (a printed rate)"
    planned = " planned" if isinstance(budget, PlannedBudget) else ""
    return f"pagu {_amount(budget.pagu)}{planned} ({_count(len(budget.outputs), 'output')})"


@_register(UnitPeriod)
def _unit_period(entry: UnitPeriod) -> str:
    parts = [
        _budget(entry.budget),
        *_counts(
            (entry.printed, "printed"),
            (entry.evidence, "evidence table"),
            (entry.derived, "derived figure"),
        ),
    ]
    return _line(_kind(entry), _code(entry.period), parts)


@_register(BudgetLine)
def _budget_line(line: BudgetLine) -> str:
    parts = [
        f"pagu {_amount(line.pagu)}",
        f"realisation {_amount(line.realisation)}",
        _count(len(line.outputs), "output"),
        _count(len(line.revisions), "revision") if line.revisions else "",
    ]
    return _line(_kind(line), _quoted(line.programme, 50), parts)


@_register(PlannedBudget)
def _planned_budget(line: PlannedBudget) -> str:
    parts = [
        f"pagu {_amount(line.pagu)}",
        "no realisation yet",
        _count(len(line.outputs), "output"),
        _count(len(line.revisions), "revision") if line.revisions else "",
    ]
    return _line(_kind(line), _quoted(line.programme, 50), parts)


@_register(BudgetOutput, PlannedOutput)
def _budget_output(output: BudgetOutput | PlannedOutput) -> str:
    head = _quoted(output.name, 50)
    if output.code is not None:
        head = f"{_code(output.code)} {head}"
    parts = [f"pagu {_amount(output.pagu)}"]
    if isinstance(output, BudgetOutput):
        parts.append(f"realisation {_amount(output.realisation)}")
    if output.type is not None:
        parts.append(output.type.value)
    return _line(_kind(output), head, parts)


@_register(Subtotal)
def _subtotal(subtotal: Subtotal) -> str:
    return _line(_kind(subtotal), subtotal.type.value, _counts((subtotal.printed, "printed")))


@_register(Revision)
def _revision(revision: Revision) -> str:
    note = f" {_quoted(revision.note, 40)}" if revision.note else ""
    return f"<{_kind(revision)} {revision.kind.value} {_amount(revision.amount)}{note}>"


@_register(ReportedAbsorption)
def _reported_absorption(budget: ReportedAbsorption) -> str:
    return f"<{_kind(budget)} {_pct(budget.rate)}>"


# --- indicators -------------------------------------------------------------------------------


def _measure(measure: Measure) -> str:
    text = _clip(measure_text(measure), 40)
    kind = measure.kind.value
    if measure.kind is MeasureKind.INDEX and measure.scale is not None:
        kind += f", scale {format_number(measure.scale)}"
    note = f" {_quoted(measure.note, 30)}" if measure.note else ""
    return f"{text} ({kind}){note}"


@_register(OrdinalLevel)
def _ordinal_level(level: OrdinalLevel) -> str:
    return f"<{_kind(level)} {_quoted(level.label, 20)} worth {format_number(level.value)}>"


@_register(OrdinalScale)
def _ordinal_scale(scale: OrdinalScale) -> str:
    labels = " < ".join(level.label for level in scale.levels)
    return f"<{_kind(scale)} {_code(scale.name)}: {_clip(labels, 60)}>"


@_register(Baseline)
def _baseline(baseline: Baseline) -> str:
    return f"<{_kind(baseline)} {_measure(baseline.value)} in {baseline.year}>"


@_register(EndOfPlan)
def _end_of_plan(end: EndOfPlan) -> str:
    return f"<{_kind(end)} {_measure(end.target)} for {end.year}>"


@_register(Measure)
def _measure_repr(measure: Measure) -> str:
    return f"<{_kind(measure)} {_measure(measure)}>"


@_register(Indicator)
def _indicator(indicator: Indicator) -> str:
    parts = [
        f"{indicator.polarity.value} is better",
        "periods " + _keys(e.period for e in indicator.periods) if indicator.periods else "",
    ]
    head = f"{_code(indicator.code)} {_quoted(indicator.name)}"
    return _line(_kind(indicator), head, parts)


def _realisation(entry: IndicatorPeriod) -> str:
    if entry.realisation is not None:
        shown = _clip(measure_text(entry.realisation), 40)
        return f"realisation {shown}"
    if entry.not_reported is not None:
        return f"realisation not reported ({_clip(entry.not_reported.text, 20)})"
    if entry.derivation is not None:
        return "realisation from evidence"
    if entry.accumulate:
        return "realisation accumulated"
    return "no realisation"


@_register(IndicatorPeriod)
def _indicator_period(entry: IndicatorPeriod) -> str:
    if isinstance(entry.target, NotTargeted):
        parts = ["not targeted"]
    else:
        parts = [f"target {_measure(entry.target)}", _realisation(entry)]
    parts += _counts((entry.supports, "support"), (entry.printed, "printed"))
    return _line(_kind(entry), _code(entry.period), parts)


@_register(PrintedFigure)
def _printed(figure: PrintedFigure) -> str:
    return (
        f"<{_kind(figure)} {figure.quantity.value} {_quoted(figure.text, 40)} "
        f"in {_code(figure.place)}>"
    )


@_register(ReportTable)
def _report_table(table: ReportTable) -> str:
    parts = [table.kind.value]
    if table.title:
        parts.append(_quoted(table.title))
    if table.scope is not TableScope.EACH_UNIT:
        parts.append(table.scope.value)
    return f"<{_kind(table)} {_code(table.id)} {' '.join(parts)}>"


@_register(DerivedFigure)
def _derived_figure(figure: DerivedFigure) -> str:
    parts = [
        f"formula {_code(figure.formula)}",
        _count(len(figure.inputs), "input"),
        f"printed {_quoted(figure.printed[0].text, 30)}" if figure.printed else "",
    ]
    return _line(_kind(figure), _code(figure.key), parts)


@_register(Reference)
def _reference(reference: Reference) -> str:
    return f"<{_kind(reference)} @{_code(reference.key)}>"


# --- evidence -------------------------------------------------------------------------------


def _where(condition: Condition) -> str:
    return f"{_quoted(condition.column, 30)} {condition.op.value} {_quoted(condition.value, 30)}"


def _rule(rule: Rule) -> str:
    """``sum of 'jumlah' in bantuan-hukum where 'kategori' = 'NONLITIGASI'``: every part of the
    rule (a long one is clipped at the line's end)."""
    text = rule.op.value
    if rule.columns:
        text += " of " + ", ".join(_quoted(c, 30) for c in rule.columns)
    text += f" in {_code(rule.table)}"
    if rule.where:
        text += " where " + " and ".join(_where(c) for c in rule.where)
    if rule.scale:
        text += f" on {_code(rule.scale)}"
    return text


@_register(Rule)
def _rule_repr(rule: Rule) -> str:
    return f"<{_kind(rule)} {_rule(rule)}>"


@_register(Condition)
def _condition(condition: Condition) -> str:
    return f"<{_kind(condition)} {_where(condition)}>"


@_register(Support)
def _support(support: Support) -> str:
    return f"<{_kind(support)} {_rule(support.rule)}, against {_code(support.against)}>"


@_register(TableTotal)
def _table_total(total: TableTotal) -> str:
    place = f" in {_code(total.place)}" if total.place else ""
    return f"<{_kind(total)} {_quoted(total.text, 30)} = {_rule(total.rule)}{place}>"


@_register(RowCheck)
def _row_check(check: RowCheck) -> str:
    columns = ", ".join(_quoted(c, 30) for c in check.of)
    return f"<{_kind(check)} {_quoted(check.column, 40)} = {check.op.value} of {columns}>"


@_register(Column)
def _column(column: Column) -> str:
    parts = [column.kind.value]
    for label, value in (("scale", column.scale), ("grades", column.grades), ("of", column.of)):
        if value:
            parts.append(f"{label} {_code(value)}")
    return f"<{_kind(column)} {_quoted(column.name, 40)} {' '.join(parts)}>"


@_register(EvidenceTable)
def _evidence_table(table: EvidenceTable) -> str:
    parts = [
        _count(len(table.columns), "column"),
        _count(len(table.rows), "row"),
        *_counts((table.totals, "total"), (table.row_checks, "row check")),
    ]
    return _line(_kind(table), f"{_code(table.id)} {_quoted(table.title, 50)}", parts)


# --- methods ----------------------------------------------------------------------------------


@_register(ScoringMethod)
def _method(method: ScoringMethod) -> str:
    weights = method.weights
    parts = [
        f"achievement {method.achievement.value}",
        f"absorption {method.absorption.value}",
        f"weights {format_number(weights.achievement)}/{format_number(weights.absorption)}",
        f"rounding {method.rounding.value}",
    ]
    if method.cap is not None:
        parts.append(f"cap {format_number(method.cap)}%")
    return _line(_kind(method), _code(method.name), parts)


# --- scores -----------------------------------------------------------------------------------


@_register(Assessment)
def assessment_repr(assessment: Assessment) -> str:
    """``<Assessment 'Kantor …' main 2019: performance 116,13%, 9 errors>``."""
    findings = assessment.findings
    audit = "not audited" if findings is None else _count(len(findings.errors), "error")
    current = assessment.current
    return (
        f"<{_kind(assessment)} {_quoted(assessment.report.office)} main {_code(current.key)}: "
        f"performance {_pct(current.performance)}, {audit}>"
    )


@_register(ReportScore)
def report_score_repr(scored: ReportScore) -> str:
    """``<ReportScore 2 periods, main 2019: performance 116,13%>``."""
    count = _count(len(scored.periods), "period")
    performance = _pct(scored.current.performance)
    problems = f", {_count(len(scored.problems), 'problem')}" if scored.problems else ""
    return (
        f"<{_kind(scored)} {count}, main {_code(scored.current.key)}: "
        f"performance {performance}{problems}>"
    )


@_register(PeriodScore)
def period_score_repr(period: PeriodScore) -> str:
    """``<PeriodScore 2019 (banten-2019): performance 116,13%, 9 units>``."""
    count = sum(1 for _ in period.root.walk()) - 1
    inferred = ", inferred" if period.inferred else ""
    return (
        f"<{_kind(period)} {_code(period.key)} ({_code(period.method.name)}{inferred}): "
        f"performance {_pct(period.performance)}, {_count(count, 'unit')}>"
    )


@_register(UnitScore)
def unit_score_repr(unit: UnitScore) -> str:
    """``<UnitScore sekjen 2019: achievement 114,58%, absorption 98,77%, performance 106,68%>``."""
    return (
        f"<{_kind(unit)} {_code(unit.code)} {_code(unit.period)}: achievement "
        f"{_pct(unit.achievement)}, absorption {_pct(unit.absorption)}, performance "
        f"{_pct(unit.performance)}>"
    )


@_register(IndicatorScore)
def _indicator_score(score: IndicatorScore) -> str:
    if score.capaian is None:
        why = _clip(score.excluded, 60) if score.excluded else "none"
        parts = [f"no capaian ({why})"]
    else:
        figures = f"target {_number(score.target)}, realisation {_number(score.realisation)}"
        parts = [f"capaian {_pct(score.capaian)} ({figures})"]
    if score.grade is not None:
        parts.append(f"grade {_quoted(score.grade, 30)}")
    return _line(_kind(score), _code(score.code), parts)


def _absorbed(absorption: Decimal | None, realisation: Decimal, pagu: Decimal) -> str:
    return f"absorption {_pct(absorption)} ({_amount(realisation)} of {_amount(pagu)})"


@_register(OutputScore)
def _output_score(score: OutputScore) -> str:
    head = _quoted(score.name, 50)
    if score.code is not None:
        head = f"{_code(score.code)} {head}"
    return _line(_kind(score), head, [_absorbed(score.absorption, score.realisation, score.pagu)])


@_register(ProgrammeScore)
def _programme_score(score: ProgrammeScore) -> str:
    parts = [_absorbed(score.absorption, score.realisation, score.pagu)]
    if score.absorption_original is not None:
        parts.append(f"of pagu awal {_pct(score.absorption_original)}")
    if score.absorption_plan is not None:
        parts.append(f"of RPD {_pct(score.absorption_plan)}")
    return _line(_kind(score), _quoted(score.name, 50), parts)


@_register(DerivedScore)
def _derived_score(score: DerivedScore) -> str:
    value = _number(score.value) if score.error is None else f"not computed ({score.error})"
    return f"<{_kind(score)} {_code(score.key)} ({_code(score.formula)}): {value}>"


@_register(Problem)
def _problem(problem: Problem) -> str:
    subject = _code(problem.unit)
    if problem.indicator is not None:
        subject += f" / {_code(problem.indicator)}"
    error = f"{type(problem.error).__name__}: {problem.error}"
    return f"<{_kind(problem)} {subject} {_code(problem.period)}: {error}>"


# --- changes ------------------------------------------------------------------------------------


@_register(Change)
def _change(change: Change) -> str:
    return (
        f"<{_kind(change)} in points: achievement {_points(change.achievement)}, "
        f"absorption {_points(change.absorption)}, performance {_points(change.performance)}>"
    )


@_register(IndicatorChange)
def _indicator_change(change: IndicatorChange) -> str:
    figures = f"capaian {_pct(change.earlier)} -> {_pct(change.later)}"
    return _line(
        _kind(change),
        f"{_code(change.unit)} / {_code(change.code)}",
        [figures, f"{_points(change.points)} points"],
    )


@_register(UnitChange)
def _unit_change(change: UnitChange) -> str:
    parts = [
        f"performance {_points(change.change.performance)} points",
        _count(len(change.indicators), "indicator"),
    ]
    return _line(_kind(change), f"{_code(change.code)} {_quoted(change.name, 50)}", parts)


@_register(PeriodChange)
def _period_change(change: PeriodChange) -> str:
    parts = [
        f"office performance {_points(change.office.performance)} points",
        _count(len(change.units), "unit"),
    ]
    if change.indicators:
        parts.append(_count(len(change.indicators), "office indicator"))
    return _line(_kind(change), f"{_code(change.earlier)} -> {_code(change.later)}", parts)


# --- tables and findings ------------------------------------------------------------------------


@_register(ScoreTables)
def _score_tables(tables: ScoreTables) -> str:
    names = ("indicators", "units", "office", "changes", "indicator_changes", "findings")
    rows = []
    for name in names:
        table: Any = getattr(tables, name)
        if table is not None:
            rows.append(f"{name} {getattr(table, 'num_rows', '?')}")
    head = f"decimal128(38, {tables.scale}) {tables.rounding.value}"
    return _line(_kind(tables), head, [f"rows: {', '.join(rows)}"])


@_register(Finding)
def finding_repr(finding: Finding) -> str:
    """``<Finding error figure-mismatch kanwil-banten 2019 [prose]: '7,74%', recomputed 7,46>``:
    the severity, code, subject, period and table, and the published and recomputed figures."""
    head = f"{finding.severity.value} {finding.code.value} {_clip(str(finding.subject), 60)}"
    if finding.period is not None:
        head += f" {_code(finding.period)}"
    if finding.location.place:
        head += f" [{_code(finding.location.place)}]"
    parts = []
    if finding.published is not None:
        parts.append(_quoted(finding.published, 30))
    if finding.recomputed is not None:
        places = 2 if finding.places is None else finding.places
        parts.append(f"recomputed {format_number(round_to(finding.recomputed, places))}")
    return _line(_kind(finding), head, parts)


@_register(Location)
def _location(location: Location) -> str:
    return f"<{_kind(location)} {_clip(str(location), 120)}>"


@_register(Findings)
def findings_repr(findings: Findings) -> str:
    """``<Findings 25: 9 errors, 2 warnings, 14 notes>``."""
    counts = dict.fromkeys(Severity, 0)
    for finding in findings:
        counts[finding.severity] += 1
    parts = [
        _count(counts[Severity.ERROR], "error"),
        _count(counts[Severity.WARNING], "warning"),
        _count(counts[Severity.INFO], "note"),
    ]
    return _line(_kind(findings), str(len(findings)), parts)
