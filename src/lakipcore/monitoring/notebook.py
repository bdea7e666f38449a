"""Monitoring in a notebook: a compact HTML or Markdown table per unit.

Like the other notebook tables (:mod:`lakipcore.render.notebook`) these are written with the
standard library: every text is escaped, figures are in lakipcore's number format, and nothing
imports pandas or pyarrow. Each unit's table has a row per indicator: its code and name, the
status in words (through the catalogue), the target and the realisation to date, the capaian
to date and the projection to the year's end, marked as one. Headings and words are in
``lang`` (the language in force unless given); a table shows at most
:data:`~lakipcore.render.notebook.MAX_ROWS` rows and says how many it leaves out.
"""

from __future__ import annotations

from decimal import Decimal

from lakipcore.figures import format_number
from lakipcore.i18n import M_, N_, Language, language, translate
from lakipcore.monitoring.progress import IndicatorProgress, Monitoring
from lakipcore.render.notebook import _caption, _html, _html_table, _md_cell, _md_table
from lakipcore.rounding import Rounding, round_to

__all__ = ["html", "markdown"]

_HEADINGS = (
    N_("Indicator"),
    N_("Name"),
    N_("Status"),
    N_("Target to date"),
    N_("Realised to date"),
    N_("Capaian"),
    N_("Projection"),
)
_TITLE = N_("Monitored to {to} ({periods})")
_PROJECTED = N_("{value} (projection, capaian {capaian} %)")
_NO_INDICATORS = N_("No indicator has a period of the year monitored.")
_NA = "-"


def _shown(value: Decimal | None, places: int, rounding: Rounding) -> str:
    return _NA if value is None else format_number(round_to(value, places, rounding))


def _row(item: IndicatorProgress, lang: Language, places: int, rounding: Rounding) -> list[str]:
    def shown(value: Decimal | None) -> str:
        return _shown(value, places, rounding)

    projection = (
        _NA
        if item.projection is None
        else M_(
            _PROJECTED, value=shown(item.projection), capaian=shown(item.projected_capaian)
        ).render(lang)
    )
    return [
        item.code,
        item.name,
        translate(item.status.words, lang),
        item.level(item.target_to_date)
        or shown(item.target_to_date)
        + (
            "" if item.target_to_date_upper is None else "\u2013" + shown(item.target_to_date_upper)
        ),
        item.level(item.realised_to_date) or shown(item.realised_to_date),
        shown(item.capaian),
        projection,
    ]


def _parts(
    monitoring: Monitoring, lang: str | None, places: int, rounding: Rounding
) -> tuple[Language, str, list[tuple[str, list[str], list[list[str]]]]]:
    chosen = language(lang)
    title = M_(_TITLE, to=monitoring.to, periods=", ".join(monitoring.periods)).render(chosen)
    header = [translate(h, chosen) for h in _HEADINGS]
    tables = [
        (
            f"{unit.name} ({unit.code})",
            header,
            [_row(item, chosen, places, rounding) for item in unit.indicators],
        )
        for unit in monitoring.units
    ]
    return chosen, title, tables


def html(
    monitoring: Monitoring,
    *,
    lang: str | None = None,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
) -> str:
    """``monitoring`` as HTML for a notebook: its title, then each unit's name and a table of
    its indicators (module docs), every text escaped; figures at ``places`` with
    ``rounding``."""
    chosen, title, tables = _parts(monitoring, lang, places, rounding)
    parts = []
    for name, header, rows in tables:
        parts.append(_caption(name))
        parts.append(_html_table(header, rows, len(rows), chosen, left=3))
    if not tables:
        parts.append(_caption(translate(_NO_INDICATORS, chosen)))
    return _html(title, *parts)


def markdown(
    monitoring: Monitoring,
    *,
    lang: str | None = None,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
) -> str:
    """``monitoring`` as Markdown for a notebook: its title in bold, then each unit's name and
    a table of its indicators (module docs); figures at ``places`` with ``rounding``."""
    chosen, title, tables = _parts(monitoring, lang, places, rounding)
    blocks = [f"**{_md_cell(title)}**"]
    for name, header, rows in tables:
        blocks.append(_md_cell(name))
        blocks.append(_md_table(header, rows, len(rows), chosen, left=3))
    if not tables:
        blocks.append(_md_cell(translate(_NO_INDICATORS, chosen)))
    return "\n\n".join(blocks) + "\n"
