"""Reports to Arrow batches, and the core's scores to the same tables as :func:`score`.

:func:`report_to_batches` writes a :class:`~lakipcore.Report` as the two tables the bulk path
reads, with its periods, their methods and the office; :func:`from_report_score` turns the
Decimal core's :class:`~lakipcore.ReportScore` into a :class:`BulkScore` rounded the same way,
so that the two can be compared table by table.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

import attrs

from lakipcore._exact import quantize
from lakipcore.bulk._columns import pyarrow
from lakipcore.bulk._output import FIGURES
from lakipcore.bulk._rows import INTERNAL_SCALE
from lakipcore.bulk.scoring import BulkScore, MethodArgument, score
from lakipcore.errors import LakipValueError
from lakipcore.figures import NotTargeted
from lakipcore.methods import ScoringMethod
from lakipcore.model import BudgetLine, Report
from lakipcore.results.scores import IndicatorChange
from lakipcore.rounding import Rounding, round_to
from lakipcore.scoring import ReportScore, score_report
from lakipcore.scoring.choice import MethodChoice

__all__ = ["Batches", "from_report_score", "report_to_batches"]


@attrs.frozen
class Batches:
    """A report as Arrow tables: ``indicators`` and ``budgets`` (see :func:`score`), the
    period keys in report order, each period's method, and the office (the root unit).

    ``rounded`` lists the figures that had more decimal places than the batch's scale (derived
    realisations such as a mean of survey scores) and were rounded half-even to it.
    """

    indicators: Any
    budgets: Any
    periods: tuple[str, ...]
    methods: Mapping[str, ScoringMethod]
    office: str
    rounded: tuple[str, ...] = ()

    def score(self, *, method: MethodArgument | None = None, **options: Any) -> BulkScore:
        """:func:`lakipcore.bulk.score` of these tables, each period under its own method."""
        result: BulkScore = score(
            self.indicators,
            self.budgets,
            method=self.methods if method is None else method,
            periods=self.periods,
            office=self.office,
            **options,
        )
        return result


def _fit(value: Decimal | None, scale: int, where: str, rounded: list[str]) -> Decimal | None:
    if value is None:
        return None
    fitted = quantize(value, Decimal((0, (1,), -scale)), ROUND_HALF_EVEN)
    if fitted != value:
        rounded.append(where)
    return fitted


def report_to_batches(
    report: Report,
    *,
    method: MethodChoice = None,
    scale: int = 8,
    amount_scale: int = 2,
) -> Batches:
    """``report`` as bulk tables: target and realisation at ``scale`` places, pagu and realisasi
    at ``amount_scale``, reported rates at ``scale`` (all ``decimal128(38, ·)``).

    The realisation written is the one the core scores (stated, derived or accumulated). The
    bulk path is flat: units under one office, so a unit with sub-units below the root is
    refused.
    """
    pa, _ = pyarrow()
    if not 0 <= scale <= INTERNAL_SCALE or not 0 <= amount_scale <= INTERNAL_SCALE:
        raise LakipValueError(f"scales must be from 0 to {INTERNAL_SCALE}", field="scale")
    nested = [u.code for u in report.root.units if u.units]
    if nested:
        raise LakipValueError(
            f"lakipcore.bulk scores units under one office; {', '.join(nested)} have sub-units "
            "of their own: score this report with lakipcore.score_report",
            field="units",
        )
    scored = score_report(report, method)
    rounded: list[str] = []
    rows: list[dict[str, Any]] = []
    budgets: list[dict[str, Any]] = []
    for period in scored.periods:
        key = period.key
        for unit in report.units():
            if not period.has_unit(unit.code):
                continue
            unit_score = period.unit(unit.code)
            for indicator in unit.indicators:
                entry = indicator.at(key)
                if entry is None:
                    continue
                where = f"{key}/{unit.code}/{indicator.code}"
                scored_row = unit_score.indicator(indicator.code)
                target = None if isinstance(entry.target, NotTargeted) else entry.target
                rows.append(
                    {
                        "period": key,
                        "unit": unit.code,
                        "code": indicator.code,
                        "kind": "not-targeted" if target is None else target.kind.value,
                        "polarity": indicator.polarity.value,
                        "formula": None if indicator.formula is None else indicator.formula.value,
                        "target": _fit(
                            None if target is None else target.value, scale, where, rounded
                        ),
                        "realisation": _fit(
                            scored_row.realisation if target is not None else None,
                            scale,
                            where,
                            rounded,
                        ),
                    }
                )
            block = unit.at(key)
            if block is None:
                continue
            budget = block.budget
            if isinstance(budget, BudgetLine):
                for output in budget.outputs:
                    budgets.append(
                        {
                            "period": key,
                            "unit": unit.code,
                            "output": output.name,
                            "pagu": _fit(output.pagu, amount_scale, f"{key}/{unit.code}", rounded),
                            "realisation": _fit(
                                output.realisation, amount_scale, f"{key}/{unit.code}", rounded
                            ),
                            "rate": None,
                        }
                    )
            else:
                rate = None if budget is None else budget.rate
                budgets.append(
                    {
                        "period": key,
                        "unit": unit.code,
                        "output": None,
                        "pagu": None,
                        "realisation": None,
                        "rate": _fit(rate, scale, f"{key}/{unit.code}", rounded),
                    }
                )
    text, number, amount = pa.string(), pa.decimal128(38, scale), pa.decimal128(38, amount_scale)
    indicator_schema = pa.schema(
        [
            ("period", text),
            ("unit", text),
            ("code", text),
            ("kind", text),
            ("polarity", text),
            ("formula", text),
            ("target", number),
            ("realisation", number),
        ]
    )
    budget_schema = pa.schema(
        [
            ("period", text),
            ("unit", text),
            ("output", text),
            ("pagu", amount),
            ("realisation", amount),
            ("rate", number),
        ]
    )
    return Batches(
        pa.Table.from_pylist(rows, schema=indicator_schema),
        pa.Table.from_pylist(budgets, schema=budget_schema),
        tuple(p.key for p in report.periods),
        {p.key: p.method for p in scored.periods},
        report.root.code,
        tuple(rounded),
    )


def _rounded(value: Decimal | None, scale: int, rounding: Rounding) -> Decimal | None:
    return None if value is None else round_to(value, scale, rounding)


def from_report_score(
    report: Report,
    scored: ReportScore | None = None,
    *,
    method: MethodChoice = None,
    scale: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
    amount_scale: int = 2,
    exact_places: int | None = None,
) -> BulkScore:
    """The Decimal core's scores of ``report`` as the tables of :func:`score`, each figure
    rounded once with ``round_to(value, scale, rounding)``: the reference the bulk path meets.

    The core carries quotients to 60 significant digits, so a figure made of quotients that do
    not terminate but cancel (833,33… − 29,33… = 804) can come out as 803,99…97, which
    truncates to 803. With ``exact_places`` each value is first rounded half-even to that many
    places, which gives the exact figure whenever it terminates within them (the bulk path
    computes it exactly: 804).
    """
    pa, _ = pyarrow()
    scored = score_report(report, method) if scored is None else scored
    figure, money = pa.decimal128(38, scale), pa.decimal128(38, amount_scale)

    def r(value: Decimal | None) -> Decimal | None:
        if value is not None and exact_places is not None:
            value = round_to(value, exact_places, Rounding.HALF_EVEN)
        return _rounded(value, scale, rounding)

    def m(value: Decimal | None) -> Decimal | None:
        return _rounded(value, amount_scale, Rounding.HALF_UP)

    indicators, units, offices = [], [], []
    for period in scored.periods:
        for unit in report.units():
            if not period.has_unit(unit.code):
                continue
            unit_score = period.unit(unit.code)
            for item in unit_score.indicators:
                indicators.append(
                    {
                        "period": period.key,
                        "unit": unit.code,
                        "code": item.code,
                        "capaian": r(item.capaian),
                        "excluded": item.excluded,
                    }
                )
            if unit is report.root:
                continue
            units.append(
                {
                    "period": period.key,
                    "unit": unit.code,
                    "indicators": sum(1 for i in unit_score.indicators if i.counts),
                    **{f: r(getattr(unit_score, f)) for f in FIGURES},
                    "pagu": m(unit_score.pagu),
                    "realisation": m(unit_score.realisation),
                }
            )
        offices.append(
            {
                "period": period.key,
                "method": period.method.name,
                **{f: r(getattr(period, f)) for f in FIGURES},
                "pagu": m(period.pagu),
                "realisation": m(period.realisation),
            }
        )
    changes, indicator_changes = [], []
    for change in scored.changes:
        pair = {"earlier": change.earlier, "later": change.later}
        changes.append({**pair, "unit": None, **{f: r(getattr(change.office, f)) for f in FIGURES}})
        items: list[IndicatorChange] = list(change.indicators)
        for unit_change in change.units:
            changes.append(
                {**pair, "unit": unit_change.code}
                | {f: r(getattr(unit_change.change, f)) for f in FIGURES}
            )
            items.extend(unit_change.indicators)
        for moved in items:
            indicator_changes.append(
                {
                    **pair,
                    "unit": moved.unit,
                    "code": moved.code,
                    "later_capaian": r(moved.later),
                    "earlier_capaian": r(moved.earlier),
                    "points": r(moved.points),
                }
            )
    text = pa.string()
    figures = [(f, figure) for f in FIGURES]
    return BulkScore(
        _from_rows(
            indicators,
            [
                ("period", text),
                ("unit", text),
                ("code", text),
                ("capaian", figure),
                ("excluded", text),
            ],
        ),
        _from_rows(
            units,
            [
                ("period", text),
                ("unit", text),
                ("indicators", pa.int64()),
                *figures,
                ("pagu", money),
                ("realisation", money),
            ],
        ),
        _from_rows(
            offices,
            [("period", text), ("method", text), *figures, ("pagu", money), ("realisation", money)],
        ),
        _from_rows(changes, [("earlier", text), ("later", text), ("unit", text), *figures]),
        _from_rows(
            indicator_changes,
            [
                ("earlier", text),
                ("later", text),
                ("unit", text),
                ("code", text),
                ("later_capaian", figure),
                ("earlier_capaian", figure),
                ("points", figure),
            ],
        ),
        scale,
        rounding,
    )


def _from_rows(rows: list[dict[str, Any]], fields: list[tuple[str, Any]]) -> Any:
    pa, _ = pyarrow()
    return pa.Table.from_pylist(rows, schema=pa.schema(fields))
