"""The audit's words: names of printed quantities, and where a figure is, as a person says it.

A finding's location keeps the machine path (file, field path, line, table id) for editors and
JSON; :func:`with_words` adds, once, the same place in words ("Tabel REALISASI INDIKATOR
KINERJA, Sekretariat Jenderal, indikator 3, realisasi 2019; baris 255"), as a
:class:`~lakipcore.i18n.Message` each output renders in its reader's language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

import attrs

from lakipcore.i18n import N_, Message
from lakipcore.model import Quantity, Report, TableKind, Unit
from lakipcore.results.findings import Finding

__all__ = ["QUANTITY_WORDS", "quantity_word", "with_words"]

QUANTITY_WORDS: Final[Mapping[Quantity, str]] = MappingProxyType(
    {
        Quantity.TARGET: N_("target"),
        Quantity.REALISATION: N_("realisation"),
        Quantity.CAPAIAN: N_("capaian"),
        Quantity.CAPAIAN_YOY: N_("change in capaian"),
        Quantity.CAPAIAN_END_OF_PLAN: N_("capaian against the end-of-plan target"),
        Quantity.RELATIVE_CHANGE: N_("relative change"),
        Quantity.ACHIEVEMENT: N_("performance achievement"),
        Quantity.ACHIEVEMENT_YOY: N_("change in performance achievement"),
        Quantity.ABSORPTION: N_("budget absorption"),
        Quantity.PERFORMANCE: N_("composite performance"),
        Quantity.PERFORMANCE_YOY: N_("change in composite performance"),
        Quantity.PAGU: N_("pagu"),
        Quantity.PAGU_ORIGINAL: N_("original pagu"),
        Quantity.ABSORPTION_ORIGINAL: N_("absorption of the original pagu"),
        Quantity.PLAN: N_("disbursement plan (RPD)"),
        Quantity.ABSORPTION_PLAN: N_("absorption against the RPD"),
        Quantity.TOTAL: N_("total"),
        Quantity.VALUE: N_("derived value"),
        Quantity.GRADE: N_("predikat"),
    }
)
"""Each printed quantity's name in a sentence (a message of the catalogues)."""


def quantity_word(quantity: Quantity) -> Message:
    """The name of ``quantity`` as a message."""
    return Message(QUANTITY_WORDS[quantity])


# The field paths the readers set end in ``printed.<quantity>.<table>`` for a printed figure.
_PRINTED: Final = re.compile(r"\.printed\.([a-z-]+)")
_INDICATOR: Final = re.compile(r"indicators\[(\d+)\]")


def _quantity(field: str | None) -> Quantity | None:
    found = _PRINTED.search(field or "")
    if found is None:  # an input itself: a period's target or realisation
        last = (field or "").rsplit(".", 1)[-1]
        return {"target": Quantity.TARGET, "realisation": Quantity.REALISATION}.get(last)
    try:
        return Quantity(found.group(1))
    except ValueError:
        return None


def _table(report: Report, place: str | None) -> Message | None:
    if place is None:
        return None
    try:
        table = report.table(place)
    except KeyError:
        return Message(N_("Table {title}"), title=place)
    title = table.title or table.id
    # Titles often start with the word already ("Tabel 3.5 …", "Uraian …").
    if title.casefold().startswith(("tabel", "table", "uraian")):
        return Message.literal(title)
    if table.kind is TableKind.PROSE:
        return Message(N_("Text {title}"), title=title)
    return Message(N_("Table {title}"), title=title)


def _words(finding: Finding, report: Report) -> Message | None:
    location, subject = finding.location, finding.subject
    parts: list[Message] = []
    table = _table(report, location.place)
    if table is not None:
        parts.append(table)
    try:
        unit: Unit | None = report.unit(subject.unit)
    except KeyError:  # a check of one's own may name a unit the report does not have
        unit = None
    parts.append(Message.literal(unit.name if unit is not None else subject.unit))
    if subject.item is not None:
        position = None
        if unit is not None:
            codes = [i.code for i in unit.indicators]
            position = codes.index(subject.item) + 1 if subject.item in codes else None
        parts.append(
            Message(N_("indicator {number}"), number=str(position))
            if position is not None
            else Message.literal(subject.item)
        )
    quantity = _quantity(location.field)
    if quantity is not None and finding.period is not None:
        parts.append(
            Message(
                N_("{quantity} {period}"), quantity=quantity_word(quantity), period=finding.period
            )
        )
    elif finding.period is not None:
        parts.append(Message(N_("period {period}"), period=finding.period))
    said = _joined(parts)
    if location.line is not None:
        return Message(N_("{place}; line {line}"), place=said, line=str(location.line))
    if location.field is not None and "!" in location.field:  # a workbook's Sheet!A1
        return Message(N_("{place}; cell {cell}"), place=said, cell=location.field)
    return said


def _joined(parts: list[Message]) -> Message:
    joined = parts[0]
    for part in parts[1:]:
        joined = Message(N_("{first}, {then}"), first=joined, then=part)
    return joined


def with_words(findings: Iterable[Finding], report: Report) -> list[Finding]:
    """``findings``, each location given its words (a location that has them keeps them)."""
    return [
        f
        if f.location.words is not None
        else attrs.evolve(f, location=attrs.evolve(f.location, words=_words(f, report)))
        for f in findings
    ]
