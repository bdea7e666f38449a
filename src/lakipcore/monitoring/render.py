"""Monitoring as text (``lakip monitor``) and as JSON-ready data (docs/monitoring.md).

Both read a :class:`~lakipcore.monitoring.Monitoring` and compute nothing. Every number of the
JSON is ``{exact, shown}`` as in the score document; a projection is under ``projection``,
with its method, never mixed with what was realised, and the text marks it "(proyeksi)".
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from lakipcore.figures import format_number
from lakipcore.i18n import N_, Message, language, translate
from lakipcore.monitoring.budget import BudgetExecution
from lakipcore.monitoring.progress import IndicatorProgress, Monitoring
from lakipcore.rounding import Rounding, round_to

__all__ = ["MONITORING_JSON_SCHEMA", "monitoring_text", "monitoring_to_dict"]

MONITORING_JSON_SCHEMA = "lakipcore.monitoring/1"
"""The name of the monitoring document's layout (``lakip schema monitoring``)."""

_INDICATOR = N_("Indicator")
_TARGET_TO_DATE = N_("Target to date")
_REALISED = N_("Realised to date")
_CAPAIAN = N_("Capaian")
_STATUS = N_("Status")
_PROJECTION = N_("Projection")
_PROJECTED = N_("projection")
_MONITORED = N_("Monitored to {to} ({periods})")
_MISSING = N_("no realisation in")
_BUDGET = N_(
    "Budget: absorption to {to} {absorption} % of the pagu {pagu} (trajectory {trajectory}: "
    "{target} %), {status}; mean deviation from the RPD {deviation} %"
)


def _number(value: Decimal | None, places: int, rounding: Rounding) -> dict[str, str] | None:
    if value is None:
        return None
    return {"exact": format(value, "f"), "shown": format_number(round_to(value, places, rounding))}


def _range(
    value: Decimal | None,
    upper: Decimal | None,
    places: int,
    rounding: Rounding,
    level: str | None = None,
) -> dict[str, str] | None:
    """A target as a number; of a range, its lower end exactly and both ends shown
    (``16–20``); of a predikat, its level's value exactly and its ``level`` shown (``WTP``)."""
    found = _number(value, places, rounding)
    if found is not None and level is not None:
        found["shown"] = level
    if found is None or upper is None:
        return found
    found["shown"] += "\u2013" + format_number(round_to(upper, places, rounding))
    return found


def _item(item: IndicatorProgress, places: int, rounding: Rounding, lang: str) -> dict[str, Any]:
    def number(value: Decimal | None) -> dict[str, str] | None:
        return _number(value, places, rounding)

    return {
        "code": item.code,
        "name": item.name,
        "method": item.method.value,
        "trajectory": item.trajectory.value,
        "annual_target": _range(
            item.annual_target,
            item.annual_target_upper,
            places,
            rounding,
            item.level(item.annual_target),
        ),
        "target_to_date": _range(
            item.target_to_date,
            item.target_to_date_upper,
            places,
            rounding,
            item.level(item.target_to_date),
        ),
        "realised_to_date": _range(
            item.realised_to_date, None, places, rounding, item.level(item.realised_to_date)
        ),
        "capaian": number(item.capaian),
        "used": list(item.used),
        "missing": list(item.missing),
        "status": item.status.value,
        "status_words": translate(item.status.words, lang),
        "reason": item.reason.render(lang),
        "projection": {
            "method": None if item.projection_method is None else item.projection_method.value,
            "realisation": number(item.projection),
            "capaian": number(item.projected_capaian),
            "reason": None
            if item.projection_reason is None
            else item.projection_reason.render(lang),
        },
    }


def _budget(
    execution: BudgetExecution, places: int, rounding: Rounding, lang: str
) -> dict[str, Any]:
    def number(value: Decimal | None) -> dict[str, str] | None:
        return _number(value, places, rounding)

    return {
        "unit": execution.unit,
        "pagu": number(execution.pagu),
        "realisation": number(execution.realisation),
        "absorption": number(execution.absorption),
        "trajectory": execution.trajectory,
        "target": number(execution.target),
        "status": execution.status.value,
        "deviation": number(execution.deviation),
        "periods": [
            {
                "period": period.period,
                "deviation": number(period.deviation),
                "note": None if period.note is None else period.note.render(lang),
                "types": [
                    {
                        "type": None if t.type is None else t.type.value,
                        "pagu": number(t.pagu),
                        "realisation": number(t.realisation),
                        "plan": number(t.plan),
                        "deviation": number(t.deviation),
                    }
                    for t in period.types
                ],
            }
            for period in execution.periods
        ],
    }


def monitoring_to_dict(
    monitoring: Monitoring,
    *,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
    lang: str | None = None,
) -> dict[str, Any]:
    """``monitoring`` as JSON-ready data (schema ``lakipcore.monitoring/1``), words in
    ``lang``."""
    chosen = language(lang)
    return {
        "schema": MONITORING_JSON_SCHEMA,
        "lang": chosen,
        "source": monitoring.source,
        "year": monitoring.year,
        "to": monitoring.to,
        "periods": list(monitoring.periods),
        "rules": {
            "tolerance": format(monitoring.rules.tolerance, "f"),
            "projection": None
            if monitoring.rules.projection is None
            else monitoring.rules.projection.value,
        },
        "rounding": {"places": places, "mode": rounding.value},
        "units": [
            {
                "code": unit.code,
                "name": unit.name,
                "indicators": [_item(i, places, rounding, chosen) for i in unit.indicators],
            }
            for unit in monitoring.units
        ],
        "budgets": [_budget(b, places, rounding, chosen) for b in monitoring.budgets],
    }


def monitoring_text(
    monitoring: Monitoring,
    *,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
    lang: str | None = None,
) -> str:
    """``monitoring`` as ``lakip monitor`` prints it: a table per unit (indicator, target to
    date, realised to date, capaian, status, projection), then each indicator's reason."""
    chosen = language(lang)

    def t(msgid: str) -> str:
        return translate(msgid, chosen)

    def shown(value: Decimal | None) -> str:
        return "-" if value is None else format_number(round_to(value, places, rounding))

    periods = ", ".join(monitoring.periods)
    lines = [Message(_MONITORED, to=monitoring.to, periods=periods).render(chosen)]
    heads = (t(_INDICATOR), t(_TARGET_TO_DATE), t(_REALISED), t(_CAPAIAN), t(_STATUS))
    for unit in monitoring.units:
        lines += ["", f"{unit.name} ({unit.code})"]
        lines.append(
            f"  {heads[0]:<28} {heads[1]:>16} {heads[2]:>16} {heads[3]:>9}  {heads[4]:<14} "
            f"{t(_PROJECTION)}"
        )
        for item in unit.indicators:
            projection = (
                "-"
                if item.projection is None
                else f"{shown(item.projection)} ({t(_PROJECTED)}, "
                f"{shown(item.projected_capaian)} %)"
            )
            target = _range(
                item.target_to_date,
                item.target_to_date_upper,
                places,
                rounding,
                item.level(item.target_to_date),
            )
            realised = item.level(item.realised_to_date) or shown(item.realised_to_date)
            lines.append(
                f"  {item.code[:28]:<28} {'-' if target is None else target['shown']:>16} "
                f"{realised:>16} {shown(item.capaian):>9}  "
                f"{translate(item.status.words, chosen):<14} {projection}"
            )
        for item in unit.indicators:
            note = f"    {item.code}: {item.reason.render(chosen)}"
            if item.missing:
                note += f"; {t(_MISSING)} {', '.join(item.missing)}"
            lines.append(note)
    for execution in monitoring.budgets:
        lines += ["", f"{execution.name} ({execution.unit})"]
        words = Message(
            _BUDGET,
            to=monitoring.to,
            absorption=shown(execution.absorption),
            pagu=format_number(execution.pagu),
            trajectory=execution.trajectory,
            target=shown(execution.target),
            status=translate(execution.status.words, chosen),
            deviation=shown(execution.deviation),
        )
        lines.append(f"  {words.render(chosen)}")
        lines += [
            f"    {period.period}: {period.note.render(chosen)}"
            for period in execution.periods
            if period.note is not None
        ]
    return "\n".join(lines)
