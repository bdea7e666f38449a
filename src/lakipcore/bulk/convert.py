"""Reports to the Arrow batches the bulk path reads, from the resolve stage's facts.

:func:`report_to_batches` writes a :class:`~lakipcore.Report` as the two tables the bulk path
reads, with its periods, their methods and the office. It reads the same resolved facts as the
Decimal engine (:mod:`lakipcore.scoring.facts`): each indicator's realisation as scored
(stated, derived or accumulated) and formula, each programme's pagu, pagu awal and realisasi;
so the two engines score the same inputs under the same method. The Decimal core's scores in
the same tables are :func:`lakipcore.arrow.score_tables`.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

import attrs

from lakipcore._exact import quantize
from lakipcore.bulk._columns import pyarrow
from lakipcore.bulk._rows import INTERNAL_SCALE, NOT_REPORTED_KIND
from lakipcore.bulk._units import ORIGINAL_COLUMN
from lakipcore.bulk.scoring import BulkScore, MethodArgument, score
from lakipcore.errors import LakipValueError
from lakipcore.i18n import M_
from lakipcore.methods import ScoringMethod
from lakipcore.model import Report
from lakipcore.scoring.choice import (
    MethodChoice,
    check_method_choice,
    check_report,
    resolve_method,
)
from lakipcore.scoring.facts import BudgetFact, resolve_period

__all__ = ["Batches", "report_to_batches"]


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

    The realisation written is the one the core scores (stated, derived or accumulated); the
    polarity and the indicator's own formula, from which each method's formula follows; a
    programme's pagu awal goes in ``pagu_original`` on its first output row. An indicator
    whose realisation cannot be derived raises its error. The bulk path is flat: units under
    one office, so a unit with sub-units below the root is refused.
    """
    report = check_report(report)
    pa, _ = pyarrow()
    if not 0 <= scale <= INTERNAL_SCALE or not 0 <= amount_scale <= INTERNAL_SCALE:
        raise LakipValueError(
            M_("scales must be from 0 to {internal_scale}", internal_scale=INTERNAL_SCALE),
            field="scale",
        )
    nested = [u.code for u in report.root.units if u.units]
    if nested:
        raise LakipValueError(
            M_(
                "lakipcore.bulk scores units under one office; {join} have "
                "sub-units of their own: score this report with lakipcore.assess",
                join=", ".join(nested),
            ),
            field="units",
        )
    check_method_choice(method, report)
    rounded: list[str] = []
    rows: list[dict[str, Any]] = []
    budgets: list[dict[str, Any]] = []
    methods: dict[str, ScoringMethod] = {}
    for period in report.periods:
        key = period.key
        methods[key] = chosen = resolve_method(method, period, report)
        facts = resolve_period(report, period, chosen)
        for code, unit in facts.units.items():
            model = report.unit(code)
            for fact in unit.indicators:
                if fact.failure is not None:
                    raise fact.failure
                where = f"{key}/{code}/{fact.code}"
                if fact.upper is not None:
                    raise LakipValueError(
                        M_(
                            "lakipcore.bulk scores a target of one figure; {where} is a range "
                            "target: score this report with lakipcore.assess",
                            where=where,
                        ),
                        field="target",
                    )
                indicator = model.indicator(fact.code)
                target = indicator.at(key)
                kind = None if target is None else getattr(target.target, "kind", None)
                missing = fact.not_reported
                rows.append(
                    {
                        "period": key,
                        "unit": code,
                        "code": fact.code,
                        "kind": "not-targeted"
                        if kind is None
                        else NOT_REPORTED_KIND
                        if missing and not period.planned
                        else kind.value,
                        # The indicator's own formula; without one the method's rule applies
                        # (bulk resolves it per method, as the resolve stage does).
                        "polarity": indicator.polarity.value,
                        "formula": None if indicator.formula is None else indicator.formula.value,
                        "target": _fit(fact.target, scale, where, rounded),
                        "realisation": _fit(
                            fact.realisation if fact.target is not None else None,
                            scale,
                            where,
                            rounded,
                        ),
                    }
                )
            if unit.budget is not None:
                budgets += _budget_rows(
                    unit.budget, key, code, scale=scale, amount_scale=amount_scale, rounded=rounded
                )
            elif not unit.indicators:
                # A unit in the period with neither indicators nor a budget (printed figures
                # only): a budget row of null amounts says it is there without a budget, so
                # that the columnar path counts it as the Decimal engine does.
                budgets.append(
                    {"period": key, "unit": code, "output": None, "pagu": None}
                    | {"realisation": None, "rate": None, ORIGINAL_COLUMN: None}
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
            (ORIGINAL_COLUMN, amount),
        ]
    )
    return Batches(
        pa.Table.from_pylist(rows, schema=indicator_schema),
        pa.Table.from_pylist(budgets, schema=budget_schema),
        tuple(p.key for p in report.periods),
        methods,
        report.root.code,
        tuple(rounded),
    )


def _budget_rows(
    budget: BudgetFact,
    key: str,
    unit: str,
    *,
    scale: int,
    amount_scale: int,
    rounded: list[str],
) -> list[dict[str, Any]]:
    """A unit's budget in a period as rows: one per output of a programme (its pagu awal on
    the first), or one reported rate."""
    where = f"{key}/{unit}"
    line = budget.line
    if line is None and budget.rate is None:
        return []  # a programme planned only: nothing realised, no rate (bulk keeps no pagu)
    if line is None:
        rate = _fit(budget.rate, scale, where, rounded)
        empty = {"output": None, "pagu": None, "realisation": None, ORIGINAL_COLUMN: None}
        return [{"period": key, "unit": unit, **empty, "rate": rate}]
    return [
        {
            "period": key,
            "unit": unit,
            "output": output.name,
            "pagu": _fit(output.pagu, amount_scale, where, rounded),
            "realisation": _fit(output.realisation, amount_scale, where, rounded),
            "rate": None,
            ORIGINAL_COLUMN: _fit(line.original, amount_scale, where, rounded) if first else None,
        }
        for first, output in ((i == 0, o) for i, o in enumerate(line.outputs))
    ]
