"""The defects of a grade table's bands: out of order, overlapping, or with a gap between them.

A table built in Python is refused at its first defect (:func:`neighbour_defect`, checked
pair by pair as the bands are listed). A table a report file prints is held as printed
(:func:`printed_defects`): a typo in a printed table ("65,00–76,66" then "76,61–88,30") is
something the audit reports about the report, not a reason to refuse the whole file. Each
defect keeps the words the strict table's error would have used, so the finding and the error
say the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from lakipcore._names import NamedEnum, enum_field
from lakipcore.i18n import M_, Message

if TYPE_CHECKING:
    from lakipcore.surveys.grades import Band

__all__ = ["BandDefect", "BandDefectKind", "neighbour_defect", "printed_defects"]


class BandDefectKind(NamedEnum):
    """What is wrong with two bands of a table held as printed."""

    __what__ = "band defect"

    ORDER = "order"
    """Two neighbouring bands are listed with the higher one first."""
    OVERLAP = "overlap"
    """Two bands share scores: a score there would get two grades, so it gets none."""
    GAP = "gap"
    """Scores between two bands get no grade, and the table does not name how to read its gaps
    (``gaps = "refuse"``)."""


@attrs.frozen
class BandDefect:
    """One defect of a grade table held as printed (:attr:`GradeTable.defects
    <lakipcore.surveys.GradeTable.defects>`).

    ``first`` and ``second`` are the indexes of the two bands as listed (``first < second``);
    ``low`` and ``high`` the scores the defect concerns: those both bands cover (an overlap),
    those between them (a gap: the ends themselves belong to the bands unless a band leaves its
    end out) or the two bands' lower ends (bands out of order). ``text`` says what is wrong, in
    the words the error of a table built in Python uses.
    """

    kind: BandDefectKind = attrs.field(validator=enum_field(BandDefectKind, "kind"))
    first: int
    second: int
    low: Decimal
    high: Decimal
    text: Message = attrs.field(eq=False, repr=False)


def _pair(index: int, band: Band, other_index: int, other: Band) -> str:
    return f"bands[{index}] {band} and bands[{other_index}] {other}"


def _defect(
    kind: BandDefectKind, indexes: tuple[int, int], low: Decimal, high: Decimal, text: Message
) -> BandDefect:
    return BandDefect(kind, min(indexes), max(indexes), low, high, text)


def _order(name: str, index: int, below: Band, above: Band) -> BandDefect | None:
    """``above``, listed right after ``below``, starts lower (or ends lower from the same start)."""
    if not (
        above.lower < below.lower or (above.lower == below.lower and above.upper < below.upper)
    ):
        return None
    table = f"grade table {name!r}"  # not in the call: Babel skips f-strings in a marker's call
    text = M_(
        "{table}: bands are not in ascending order: {pair}; list the "
        "bands from the lowest score up",
        table=table,
        pair=_pair(index, below, index + 1, above),
    )
    return _defect(BandDefectKind.ORDER, (index, index + 1), above.lower, below.lower, text)


def _overlap(name: str, at: tuple[int, int], below: Band, above: Band) -> BandDefect | None:
    """``below`` and ``above`` (``above`` starting no lower) share scores."""
    if not (
        above.lower < below.upper
        or (above.lower == below.upper and below.upper_inclusive and above.lower_inclusive)
    ):
        return None
    high = min(below.upper, above.upper)
    where = (
        f"both include {above.lower}"
        if above.lower == below.upper
        else f"both cover {above.lower}–{high}"
    )
    table = f"grade table {name!r}"
    text = M_(
        "{table}: bands overlap: {pair} ({where}); a value must get exactly one grade",
        table=table,
        pair=_pair(at[0], below, at[1], above),
        where=where,
    )
    return _defect(BandDefectKind.OVERLAP, at, above.lower, high, text)


def _gap(name: str, at: tuple[int, int], below: Band, above: Band) -> BandDefect | None:
    """Scores between ``below`` and ``above`` (``above`` starting no lower, not overlapping
    it) that neither covers."""
    table, pair = f"grade table {name!r}", _pair(at[0], below, at[1], above)
    if above.lower > below.upper:
        text = M_(
            "{table}: gap between bands: {pair} leave ({upper}, {lower}) "
            "without a grade; if the source prints ranges one unit apart, "
            "end {letter} at {lower}, not included (to-inclusive = false in a report "
            "file, upper_inclusive=False in Python), or name how to read the gaps "
            '(gaps = "round-to-band" or "not-gradable"; GapReading in Python)',
            table=table,
            pair=pair,
            upper=below.upper,
            lower=above.lower,
            letter=repr(below.letter),
        )
    elif above.lower == below.upper and not below.upper_inclusive and not above.lower_inclusive:
        text = M_(
            "{table}: gap between bands: {pair} both leave out {lower}, so it gets no grade",
            table=table,
            pair=pair,
            lower=above.lower,
        )
    else:
        return None
    return _defect(BandDefectKind.GAP, at, below.upper, above.lower, text)


def neighbour_defect(
    name: str, index: int, below: Band, above: Band, *, gaps_allowed: bool
) -> BandDefect | None:
    """The first defect of ``bands[index]`` and the band listed after it: out of order, else
    overlapping, else (unless gaps are allowed) a gap between them. What a table built in
    Python refuses."""
    at = (index, index + 1)
    found = _order(name, index, below, above) or _overlap(name, at, below, above)
    if found is None and not gaps_allowed:
        found = _gap(name, at, below, above)
    return found


def printed_defects(
    name: str, bands: Sequence[Band], *, gaps_allowed: bool
) -> tuple[BandDefect, ...]:
    """Every defect of ``bands`` as printed: each pair of neighbours listed out of order, each
    pair of bands that overlap, and (unless gaps are allowed) each gap in the range the bands
    span, all found among the bands sorted by score, so that one band out of place does not
    hide the others' defects. Bands without defects give none, exactly where
    :func:`neighbour_defect` finds none for any pair of neighbours."""
    found = [
        defect
        for index in range(len(bands) - 1)
        if (defect := _order(name, index, bands[index], bands[index + 1])) is not None
    ]
    ranked = sorted(range(len(bands)), key=lambda i: (bands[i].lower, bands[i].upper, i))
    for position, i in enumerate(ranked):
        for j in ranked[position + 1 :]:
            overlap = _overlap(name, (i, j), bands[i], bands[j])
            if overlap is not None:
                found.append(overlap)
    if not gaps_allowed:
        # Sweep up the sorted bands, keeping the one that reaches highest so far: a gap is
        # what lies between it and the next band to start.
        reach = ranked[0]
        for j in ranked[1:]:
            gap = _gap(name, (reach, j), bands[reach], bands[j])
            if gap is not None:
                found.append(gap)
            top, band = bands[reach], bands[j]
            if band.upper > top.upper or (
                band.upper == top.upper and band.upper_inclusive and not top.upper_inclusive
            ):
                reach = j
    return tuple(found)
