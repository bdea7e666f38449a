"""Cells of the indicator tables: targets, realisations and changes as the page writes them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from lakipcore.figures import NotTargeted, format_number
from lakipcore.i18n import N_, Language, translate
from lakipcore.model import Indicator, IndicatorPeriod, Measure, MeasureKind
from lakipcore.render import common
from lakipcore.render.sections import na, text
from lakipcore.results.scores import (
    Change,
    IndicatorChange,
    IndicatorScore,
    PeriodChange,
    UnitScore,
)
from lakipcore.rounding import round_to

__all__ = [
    "changes_of",
    "entries",
    "indicator_score",
    "measure_text",
    "realisation_text",
    "target_text",
]


def entries(indicators: Sequence[Indicator], key: str) -> Iterator[IndicatorPeriod]:
    """The entries of ``indicators`` in period ``key`` (those that have one)."""
    for indicator in indicators:
        entry = indicator.at(key)
        if entry is not None:
            yield entry


def indicator_score(score: UnitScore, code: str) -> IndicatorScore | None:
    """The score of indicator ``code`` of a unit, or ``None``."""
    try:
        return score.indicator(code)
    except KeyError:
        return None


def changes_of(
    change: PeriodChange | None, code: str, root: str
) -> tuple[Change | None, dict[str, IndicatorChange]]:
    """A unit's change (the office's for ``root``) and its indicators' changes, by code."""
    if change is None:
        return None, {}
    if code == root:
        return change.office, {item.code: item for item in change.indicators}
    try:
        unit = change.unit(code)
    except KeyError:
        return None, {}
    return unit.change, {item.code: item for item in unit.indicators}


def measure_text(measure: Measure) -> str:
    """A target or realisation as printed (``12 Laporan``, ``80%``, ``7,1``), escaped."""
    return text(common.measure_text(measure))


def target_text(entry: IndicatorPeriod, lang: Language) -> str:
    """The target cell (``Tidak ditargetkan``, in English ``Not targeted``, for a
    not-targeted indicator)."""
    if isinstance(entry.target, NotTargeted):
        label = translate(N_("Not targeted"), lang)
        return f'<span class="not-targeted">{text(label)}</span>'
    return measure_text(entry.target)


def realisation_text(entry: IndicatorPeriod, value: Decimal | None, lang: Language) -> str:
    """The realisation cell: the stated one, or the scored ``value`` marked as derived (a
    whole value as a whole number, ``12`` for ``12,00``, else at two places)."""
    if entry.realisation is not None:
        return measure_text(entry.realisation)
    if entry.not_reported is not None:
        title = text(translate(N_("not reported: left out of the achievement"), lang))
        return f'<span class="not-reported" title="{title}">{text(entry.not_reported.text)}</span>'
    if value is None or isinstance(entry.target, NotTargeted):
        return na(lang)
    whole = round_to(value, 0)
    shown = format_number(whole if whole == value else round_to(value, 2))
    if entry.target.kind is MeasureKind.PERCENT:
        shown += "%"
    if entry.target.unit:
        shown += f" {entry.target.unit}"
    source = (
        N_("computed from supporting data") if entry.derivation is not None else N_("accumulated")
    )
    return f'{text(shown)}<span class="derived" title="{text(translate(source, lang))}">*</span>'
