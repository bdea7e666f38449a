"""The periods a report covers: an ordered series of fiscal years, semesters, quarters, months
and cumulative "s.d." periods, each with a key the file and the results use.

A report holds any number of periods (a Renstra table five years, a BLU book three, a semester
LAKIP two semesters, an e-SAKIP page twelve months). Each has a **key**:

=================  =========================  ===========================================
key                kind                       the days it covers
=================  =========================  ===========================================
``2019``           annual (tahun anggaran)    1 Januari – 31 Desember 2019
``2021-s1``        semester                   Januari – Juni 2021 (``s2``: Juli – Desember)
``2021-tw3``       triwulan (quarter)         Juli – September 2021
``2022-06``        monthly (bulan)            1 – 30 Juni 2022 (``2022-01`` … ``2022-12``)
``2021-sd-tw2``    cumulative ("s.d. TW II")  1 Januari – 30 Juni 2021 (also ``sd-s1``)
``2022-sd-05``     cumulative ("s.d. Mei")    1 Januari – 31 Mei 2022 (``sd-01`` … ``sd-12``)
=================  =========================  ===========================================

A month is written with two digits (``2022-06``, never ``2022-6``), so that one period has one
key; ``2022-13`` and ``2022-00`` are refused. A cumulative period's label is ``s.d.`` and the
label of the part it runs to: ``s.d. Triwulan II 2021``, ``s.d. Juni 2022``.

Changes (YoY, period on period) are computed between each pair of consecutive periods of the
same kind, in the report's order: 2018 → 2019, 2021-s1 → 2022-s1, tw1 → tw2 → tw3, 2022-01 →
2022-02. A month is never compared with a quarter; cumulative periods (s.d. TW II, s.d. Juni)
are compared with the previous cumulative one.
"""

from __future__ import annotations

import re
from typing import Final

import attrs

from lakipcore._display import Short
from lakipcore._names import NamedEnum, enum_field
from lakipcore._text import text_field
from lakipcore.errors import InvalidValueError, LakipTypeError
from lakipcore.i18n import M_
from lakipcore.model.origin import Origin
from lakipcore.periods import Period, bulan, semester, tahun_anggaran, triwulan

__all__ = ["PeriodKind", "ReportPeriod", "comparable_pairs"]


class PeriodKind(NamedEnum):
    """What kind of period a report period is."""

    __what__ = "period kind"

    ANNUAL = "annual"
    """A fiscal year (tahun anggaran)."""
    SEMESTER = "semester"
    """Half a fiscal year."""
    TRIWULAN = "triwulan"
    """A quarter of a fiscal year."""
    MONTHLY = "monthly"
    """A month (bulan) of a fiscal year."""
    CUMULATIVE = "cumulative"
    """From the start of the fiscal year to the end of a semester, quarter or month ("s.d. TW
    II", "s.d. Juni")."""


# A month is two digits, 01-12: "2022-1" would be a second key for 2022-01, "2022-13" no month.
_KEY_RE: Final = re.compile(
    r"(?P<year>[1-9][0-9]{3})(?:-(?P<sd>sd-)?(?P<part>s[12]|tw[1-4]|0[1-9]|1[0-2]))?"
)


def _parts(key: object) -> tuple[PeriodKind, Period]:
    # kind and span are attrs defaults, computed before any validator runs: check the type here.
    if not isinstance(key, str):
        raise LakipTypeError(
            M_("expected the period key as a str, got {key}", key=repr(key)), field="key"
        )
    match = _KEY_RE.fullmatch(key) if key.isascii() else None
    if match is None:
        raise InvalidValueError(
            M_(
                "period key {key} is not one of YYYY, YYYY-s1, YYYY-tw2, YYYY-06 "
                "(a month, 01 to 12), YYYY-sd-tw2 or YYYY-sd-06 (lower case, ASCII "
                "digits, a year from 1000)",
                key=repr(key),
            ),
            field="key",
        )
    year, part = int(match["year"]), match["part"]
    if part is None:
        return PeriodKind.ANNUAL, tahun_anggaran(year)
    kind, span = _part(year, part)
    if match["sd"] is None:
        return kind, span
    label = f"s.d. {span.label}"
    return PeriodKind.CUMULATIVE, Period(tahun_anggaran(year).start, span.end, label=label)


def _part(year: int, part: str) -> tuple[PeriodKind, Period]:
    """The kind and the span of a part of ``year`` as the key writes it: s1, tw3 or 06."""
    if part.isdigit():
        return PeriodKind.MONTHLY, bulan(year, int(part))
    if part[0] == "s":
        return PeriodKind.SEMESTER, semester(year, int(part[-1]))
    return PeriodKind.TRIWULAN, triwulan(year, int(part[-1]))


@attrs.frozen(repr=False)
class ReportPeriod(Short):
    """One period of a report: its ``key``, the scoring ``method`` its figures used (a preset
    name, or ``None`` when not stated) and whether it is ``planned`` (a Renstra year not yet
    reached: targets without realisations). ``title`` is how the report prints the period when
    that differs from the standard label (``Tahun 2019``). ``kind`` and ``span`` follow from the
    key.
    """

    key: str
    method: str | None = None
    planned: bool = False
    title: str | None = attrs.field(default=None, validator=text_field("title", optional=True))
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)
    kind: PeriodKind = attrs.field(init=False, validator=enum_field(PeriodKind, "kind"))
    span: Period = attrs.field(init=False, repr=False)

    @kind.default
    def _kind(self) -> PeriodKind:
        return _parts(self.key)[0]

    @span.default
    def _span(self) -> Period:
        return _parts(self.key)[1]

    def __attrs_post_init__(self) -> None:
        if self.method is not None and not isinstance(self.method, str):
            raise LakipTypeError(
                M_("expected a method name, got {method}", method=repr(self.method)), field="method"
            )
        if not isinstance(self.planned, bool):
            raise LakipTypeError(
                M_("planned must be True or False, got {planned}", planned=repr(self.planned)),
                field="planned",
            )

    @property
    def label(self) -> str:
        """The period as printed: ``title`` or the standard label (``Triwulan II 2021``)."""
        return self.title or str(self.span.label)

    @property
    def year(self) -> int:
        """The fiscal year the period lies in."""
        return self.span.start.year

    def covers(self, other: ReportPeriod) -> bool:
        """Whether ``other`` lies within this period and is shorter (a quarter of a year)."""
        inside = self.span.start <= other.span.start and other.span.end <= self.span.end
        return inside and other.span != self.span

    def __str__(self) -> str:
        return self.label


def comparable_pairs(
    periods: tuple[ReportPeriod, ...],
) -> tuple[tuple[ReportPeriod, ReportPeriod], ...]:
    """Each period with the previous period of the same kind, in the report's order."""
    last: dict[PeriodKind, ReportPeriod] = {}
    pairs = []
    for period in periods:
        earlier = last.get(period.kind)
        if earlier is not None:
            pairs.append((earlier, period))
        last[period.kind] = period
    return tuple(pairs)
