"""Grade tables (*nilai mutu*, *predikat*) as validated data.

A :class:`GradeTable` is a list of :class:`Band`\\ s on a :class:`~lakipcore.surveys.Scale`,
from the lowest score up. Construction checks that the bands are in order and leave neither gaps
nor overlaps, so :meth:`GradeTable.grade` finds exactly one band for every value the table
covers. A value the table does not cover is refused, never guessed: where a published table is
known only in part (the source prints grade B no lower than 12,74 on skala 15), the preset covers
only that part and says so.

A table a report file prints is held as printed instead (``printed=True``): its defects (bands
out of order, overlapping, or with gaps the table does not say how to read) are recorded in
:attr:`GradeTable.defects` for the audit to report, and a score they leave without exactly one
grade is refused with the reason, never given one of two.

Published tables often print closed ranges with a gap of one printed unit between them
(PermenPAN-RB 14/2017: ``B 76,61–88,30``, ``A 88,31–100``). The presets read each band as
``[printed lower, next printed lower)``, so 88,305 is graded B: a value belongs to the highest
band whose printed lower end it reaches.

Each preset says in ``source`` where its numbers come from. Build your own table for anything
else; presets are in the read-only mapping :data:`GRADE_TABLES`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from lakipcore._names import NamedEnum, enum_field
from lakipcore.errors import InvalidValueError, LakipTypeError, UnknownNameError
from lakipcore.figures import exact_decimal
from lakipcore.i18n import M_
from lakipcore.rounding import Rounding, places_of, round_to
from lakipcore.surveys._bands import (
    BandDefect,
    BandDefectKind,
    neighbour_defect,
    printed_defects,
)
from lakipcore.surveys.scales import Scale, _iterable, get_scale

if TYPE_CHECKING:
    from lakipcore.model.origin import Origin

__all__ = [
    "GRADE_TABLES",
    "Band",
    "BandDefect",
    "BandDefectKind",
    "GapReading",
    "GradeTable",
    "get_grade_table",
]


class GapReading(NamedEnum):
    """How a table printed with gaps between its bands reads a value that falls in one.

    Local tables are often printed in whole percents, one band ending where the next begins a
    unit later (``76 % – 90 %`` Baik, ``91 % – 100 %`` Sangat Baik), which leaves 90,5 % in no
    band. The reading is named, never guessed.
    """

    __what__ = "gap reading"

    REFUSE = "refuse"
    """The table has no gaps: a gap between its bands is an error when it is built (the
    default, and the presets' reading)."""
    ROUND_TO_BAND = "round-to-band"
    """Round the value half-up to the precision the bands are printed in, then grade it: 90,5 %
    against bands in whole percents is 91 % (Sangat Baik), 90,4 % is 90 % (Baik)."""
    NOT_GRADABLE = "not-gradable"
    """A value in a gap gets no grade: grading it is an error that names the gap."""


def _lower(value: object) -> Decimal:
    return exact_decimal(value, field="lower")


def _upper(value: object) -> Decimal:
    return exact_decimal(value, field="upper")


@attrs.frozen
class Band:
    """One grade of a table: the scores from ``lower`` to ``upper`` get ``letter``.

    ``letter`` is the short grade (``"A"``, ``"BB"``), ``label`` its wording in the source
    (``"Sangat Baik"``; empty when the source prints only the letter). Each end is included
    unless ``lower_inclusive`` / ``upper_inclusive`` says otherwise: AKIP's "B > 60" up to 70 is
    ``Band(60, 70, "B", "Baik", lower_inclusive=False)``. ``origin`` is where a report file
    prints the band (``None`` for one built in Python).
    """

    lower: Decimal = attrs.field(converter=_lower)
    upper: Decimal = attrs.field(converter=_upper)
    letter: str
    label: str = ""
    lower_inclusive: bool = True
    upper_inclusive: bool = True
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.letter, str) or not self.letter:
            raise InvalidValueError(M_("a band needs a non-empty letter"), field="letter")
        if not isinstance(self.label, str):
            raise LakipTypeError(
                M_("a band's label must be a str, got {type}", type=type(self.label).__name__),
                field="label",
            )
        for name in ("lower_inclusive", "upper_inclusive"):
            if not isinstance(getattr(self, name), bool):
                raise LakipTypeError(M_("{name} must be True or False", name=name), field=name)
        if not self.lower < self.upper:
            raise InvalidValueError(
                M_(
                    "band {letter} must have lower < upper, got {lower} and {upper}",
                    letter=repr(self.letter),
                    lower=self.lower,
                    upper=self.upper,
                ),
                field="upper",
            )

    @property
    def interval(self) -> str:
        """The band's range in interval notation: ``[76.61, 88.31)``."""
        opening = "[" if self.lower_inclusive else "("
        closing = "]" if self.upper_inclusive else ")"
        return f"{opening}{self.lower}, {self.upper}{closing}"

    def __str__(self) -> str:
        return f"{self.letter!r} {self.interval}"

    def contains(self, value: Decimal) -> bool:
        """Whether ``value`` lies in this band, ends included or excluded as the band says."""
        number = exact_decimal(value, field="value")
        above = number >= self.lower if self.lower_inclusive else number > self.lower
        below = number <= self.upper if self.upper_inclusive else number < self.upper
        return above and below


def _bands(value: Iterable[Band]) -> tuple[Band, ...]:
    bands = _iterable(value, "bands")
    for index, band in enumerate(bands):
        if not isinstance(band, Band):
            raise LakipTypeError(
                M_("expected a Band, got {type}", type=type(band).__name__), field=f"bands[{index}]"
            )
    return bands


def _scale(value: Scale | str) -> Scale:
    return get_scale(value)


@attrs.frozen
class GradeTable:
    """Grades on a scale, as data: ``bands`` from the lowest score up, never overlapping.

    ``source`` says where the numbers come from; ``note`` adds what a user should know (how
    printed gaps were read, what the table does not know). The table covers the range from its
    lowest band's lower end to its highest band's upper end, which may be narrower than the
    scale; :meth:`grade` refuses values outside it. ``gaps`` says how a value between two bands
    is read (:class:`GapReading`); by default the bands must leave no gaps.

    Bands out of order, overlapping or with gaps ``gaps`` does not allow are an error, unless
    ``printed`` is true: the table is then held as a report prints it (a report file's
    ``[grades.NAME]`` is), and :attr:`defects` lists what is wrong with it. ``printed`` says
    how the table was read, not what it holds: it takes no part in ``==``. ``origin`` is where
    a report file defines the table.
    """

    name: str
    scale: Scale = attrs.field(converter=_scale)
    bands: tuple[Band, ...] = attrs.field(converter=_bands)
    source: str
    note: str = ""
    gaps: GapReading = attrs.field(
        default=GapReading.REFUSE, validator=enum_field(GapReading, "gaps"), kw_only=True
    )
    printed: bool = attrs.field(default=False, kw_only=True, eq=False)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    defects: tuple[BandDefect, ...] = attrs.field(init=False, eq=False, repr=False)
    """What is wrong with the bands of a table held as printed, in the order found: bands out
    of order, then overlaps, then gaps (:class:`BandDefect`). Always empty for a table built
    without ``printed``, which refuses them instead."""

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise InvalidValueError(M_("a grade table needs a non-empty name"), field="name")
        for text in ("source", "note"):
            if not isinstance(getattr(self, text), str):
                raise LakipTypeError(
                    M_("a grade table's {text} must be a str", text=text), field=text
                )
        if not self.bands:
            raise InvalidValueError(
                M_("grade table {name} has no bands", name=repr(self.name)), field="bands"
            )
        letters = [band.letter for band in self.bands]
        for index, band in enumerate(self.bands):
            if band.lower < self.scale.low or band.upper > self.scale.high:
                raise InvalidValueError(
                    M_(
                        "band {band} of grade table {name} reaches outside its scale {scale}",
                        band=band,
                        name=repr(self.name),
                        scale=self.scale,
                    ),
                    field=f"bands[{index}]",
                )
            if letters.index(band.letter) != index:
                raise InvalidValueError(
                    M_(
                        "grade table {name} has the letter {letter} twice",
                        name=repr(self.name),
                        letter=repr(band.letter),
                    ),
                    field=f"bands[{index}]",
                )
        if not isinstance(self.printed, bool):
            raise LakipTypeError(
                M_("{name} must be True or False", name="printed"), field="printed"
            )
        allowed = self.gaps is not GapReading.REFUSE
        if self.printed:
            found = printed_defects(self.name, self.bands, gaps_allowed=allowed)
            object.__setattr__(self, "defects", found)  # frozen: set once, while built
            return
        object.__setattr__(self, "defects", ())
        for index in range(len(self.bands) - 1):
            defect = neighbour_defect(
                self.name, index, self.bands[index], self.bands[index + 1], gaps_allowed=allowed
            )
            if defect is not None:
                raise InvalidValueError(defect.text, field=f"bands[{defect.second}]")

    @property
    def lower(self) -> Decimal:
        """The lowest score the table grades (its first band's lower end)."""
        return min(band.lower for band in self.bands)  # the first band's, unless held as printed

    @property
    def upper(self) -> Decimal:
        """The highest score the table grades (its last band's upper end)."""
        return max(band.upper for band in self.bands)

    @property
    def letters(self) -> tuple[str, ...]:
        """The letters from the lowest grade up: ``("D", "C", "B", "A")`` (as listed, in a
        table held as printed with its bands out of order)."""
        return tuple(band.letter for band in self.bands)

    def covers(self, value: Decimal) -> bool:
        """Whether the table grades ``value`` (it lies in one of the bands)."""
        number = exact_decimal(value, field="value")
        return any(band.contains(number) for band in self.bands)

    def rank(self, letter: str) -> int:
        """Position of ``letter`` from the lowest grade (0) up; UnknownNameError if absent."""
        try:
            return self.letters.index(letter)
        except ValueError:
            known = ", ".join(repr(known) for known in self.letters)
            raise UnknownNameError(
                M_(
                    "grade table {name} has no letter {letter}; its letters: {known}",
                    name=repr(self.name),
                    letter=repr(letter),
                    known=known,
                ),
                field="letter",
            ) from None

    def grade(self, value: Decimal) -> Band:
        """The one band ``value`` (a score on the table's scale) falls in.

        Raises :class:`~lakipcore.InvalidValueError` when ``value`` lies outside the scale, or
        inside the scale but outside what the table covers: a table that does not know grades
        below its first band says so rather than invent one. In a table held as printed, a
        value in two overlapping bands, or in a gap the table does not say how to read, is
        refused too, with the reason: it is never given one of two grades.
        """
        number = self.scale.check(value)
        holding = [band for band in self.bands if band.contains(number)]
        if len(holding) == 1:
            return holding[0]
        if holding:
            raise InvalidValueError(
                M_(
                    "grade table {name} gives {number} more than one grade: its bands {bands} "
                    "overlap as printed, so the score gets none",
                    name=repr(self.name),
                    number=number,
                    bands=" and ".join(str(band) for band in holding),
                ),
                field="value",
            )
        lower, upper = self.lower, self.upper
        lower_inclusive = any(b.lower == lower and b.lower_inclusive for b in self.bands)
        upper_inclusive = any(b.upper == upper and b.upper_inclusive for b in self.bands)
        if number < lower or (number == lower and not lower_inclusive):
            edge = M_("below") if lower_inclusive else M_("at or below")
            raise InvalidValueError(
                M_(
                    "grade table {name} does not know grades {edge} {lower} (got "
                    "{number} on {name2}); {limits}",
                    name=repr(self.name),
                    edge=edge,
                    lower=lower,
                    number=number,
                    name2=self.scale.name,
                    limits=self._limits(),
                ),
                field="value",
            )
        if number > upper or (number == upper and not upper_inclusive):
            edge = M_("above") if upper_inclusive else M_("at or above")
            raise InvalidValueError(
                M_(
                    "grade table {name} does not know grades {edge} {upper} (got "
                    "{number} on {name2}); {limits}",
                    name=repr(self.name),
                    edge=edge,
                    upper=upper,
                    number=number,
                    name2=self.scale.name,
                    limits=self._limits(),
                ),
                field="value",
            )
        return self._in_gap(number)

    def letter_of(self, value: Decimal | None) -> str | None:
        """The letter :meth:`grade` gives ``value``, or ``None`` for no value or one the table
        does not grade (outside its bands, in a gap it reads as not gradable, or in bands that
        overlap as printed)."""
        if value is None:
            return None
        try:
            return self.grade(value).letter
        except InvalidValueError:
            return None

    @property
    def places(self) -> int:
        """The decimal places the bands are printed with (0 for whole percents)."""
        return max(places_of(edge) for band in self.bands for edge in (band.lower, band.upper))

    def _in_gap(self, number: Decimal) -> Band:
        below = max((b for b in self.bands if b.upper <= number), key=lambda b: b.upper)
        above = min((b for b in self.bands if b.lower >= number), key=lambda b: b.lower)
        gap = f"{number} lies between {below} and {above} of grade table {self.name!r}"
        if self.gaps is GapReading.ROUND_TO_BAND:
            rounded = round_to(number, self.places, Rounding.HALF_UP)
            for band in (below, above):
                if band.contains(rounded):
                    return band
            raise InvalidValueError(
                M_(
                    "{gap}, and rounded to the bands' {places} places ({rounded}) it "
                    "still falls in no band",
                    gap=gap,
                    places=self.places,
                    rounded=rounded,
                ),
                field="value",
            )
        if self.gaps is GapReading.REFUSE:  # only a table held as printed has such a gap
            raise InvalidValueError(
                M_(
                    "{number} lies in a gap between {below} and {above} of grade table {name}, "
                    'which does not say how to read its gaps (gaps = "refuse"), so the score '
                    "gets no grade",
                    number=number,
                    below=below,
                    above=above,
                    name=repr(self.name),
                ),
                field="value",
            )
        raise InvalidValueError(
            M_(
                "{gap}; the table reads gaps as not gradable ({value})",
                gap=gap,
                value=self.gaps.value,
            ),
            field="value",
        )

    def _limits(self) -> str:
        lower, upper = self.lower, self.upper
        opening = "[" if any(b.lower == lower and b.lower_inclusive for b in self.bands) else "("
        closing = "]" if any(b.upper == upper and b.upper_inclusive for b in self.bands) else ")"
        text = f"its bands cover {opening}{self.lower}, {self.upper}{closing} of {self.scale}"
        return f"{text}. {self.note}" if self.note else text


_D = Decimal

_PERMENPANRB_14_2017 = GradeTable(
    "permenpanrb-14-2017-ikm",
    "ikm-25-100",
    (
        Band(_D("25.00"), _D("65.00"), "D", "Tidak Baik", upper_inclusive=False),
        Band(_D("65.00"), _D("76.61"), "C", "Kurang Baik", upper_inclusive=False),
        Band(_D("76.61"), _D("88.31"), "B", "Baik", upper_inclusive=False),
        Band(_D("88.31"), _D("100.00"), "A", "Sangat Baik"),
    ),
    source=(
        "PermenPAN-RB 14/2017 (Pedoman Penyusunan Survei Kepuasan Masyarakat), the mutu "
        "pelayanan table for a unit's IKM on 25–100: A 88,31–100,00 Sangat Baik; B 76,61–88,30 "
        "Baik; C 65,00–76,60 Kurang Baik; D 25,00–64,99 Tidak Baik. The Banten report's "
        "immigration-office labels (96,25 Sangat Baik; 87 and 77 Baik) agree."
    ),
    note=(
        "The printed ranges are one hundredth apart; each band is read as [printed lower, next "
        "printed lower), so 88,305 is B and 64,995 is D."
    ),
)

_KEMENKUMHAM_NOTE = (
    "Kemenkumham's official cut-offs were not found. The A/B boundary is the only one the "
    "printed grades show; the lower end of B and any lower grades are unknown, so values below "
    "the lowest B printed are refused."
)

_KEMENKUMHAM_IPK_15 = GradeTable(
    "kemenkumham-ipk-15",
    "skala-15",
    (
        Band(_D("12.74"), _D("13.50"), "B", "", upper_inclusive=False),
        Band(_D("13.50"), _D("15"), "A", ""),
    ),
    source=(
        "Inferred from the nilai mutu printed in the Banten LAKIP 2019, chapter III (Kanwil and "
        "15 Pemasyarakatan units): A from 13,55 up, B from 13,46 down to 12,74, so the A/B "
        "boundary lies in (13,46; 13,55]. 13,50 is taken: it is 90 % of skala 15 and the WBK "
        "minimum IPK. B is known only down to 12,74, the lowest B printed."
    ),
    note=_KEMENKUMHAM_NOTE,
)

_KEMENKUMHAM_IKM_20 = GradeTable(
    "kemenkumham-ikm-20",
    "skala-20",
    (
        Band(_D("17.32"), _D("18.00"), "B", "", upper_inclusive=False),
        Band(_D("18.00"), _D("20"), "A", ""),
    ),
    source=(
        "Inferred from the nilai mutu printed in the Banten LAKIP 2019, chapter III (Kanwil and "
        "15 Pemasyarakatan units): A from 18,02 up, B from 17,77 down to 17,32, so the A/B "
        "boundary lies in (17,77; 18,02]. 18,00 is taken: it is 90 % of skala 20, as 13,50 is "
        "of skala 15. B is known only down to 17,32, the lowest B printed."
    ),
    note=_KEMENKUMHAM_NOTE,
)

_AKIP_88_2021 = GradeTable(
    "akip-permenpanrb-88-2021",
    "skala-100",
    (
        Band(_D(0), _D(30), "D", "Sangat Kurang"),
        Band(_D(30), _D(50), "C", "Kurang", lower_inclusive=False),
        Band(_D(50), _D(60), "CC", "Cukup (Memadai)", lower_inclusive=False),
        Band(_D(60), _D(70), "B", "Baik", lower_inclusive=False),
        Band(_D(70), _D(80), "BB", "Sangat Baik", lower_inclusive=False),
        Band(_D(80), _D(90), "A", "Memuaskan", lower_inclusive=False),
        Band(_D(90), _D(100), "AA", "Sangat Memuaskan", lower_inclusive=False),
    ),
    source=(
        "PermenPAN-RB 88/2021 (Evaluasi Akuntabilitas Kinerja Instansi Pemerintah), predikat of "
        "the AKIP score on 0–100: AA > 90, A > 80, BB > 70, B > 60, CC > 50, C > 30, D "
        "otherwise. The labels are the wording customarily printed with the predikat; they were "
        "not checked against the regulation's own text."
    ),
    note="Each cut-off is strict ('>'): a score of exactly 90 is A, of exactly 30 is D.",
)

_PEDULI_HAM = GradeTable(
    "peduli-ham-permenkumham-34-2016",
    "skala-100",
    (
        Band(_D(0), _D(50), "kurang", "kurang peduli", upper_inclusive=False),
        Band(_D(50), _D(65), "mulai", "mulai peduli", upper_inclusive=False),
        Band(_D(65), _D(75), "cukup", "cukup peduli", upper_inclusive=False),
        Band(_D(75), _D(100), "peduli", "Peduli HAM"),
    ),
    source=(
        "Permenkumham 34/2016 (Kriteria Daerah Kabupaten/Kota Peduli HAM): ≥ 75 Peduli HAM; "
        "65–< 75 cukup peduli; 50–< 65 mulai peduli; < 50 kurang peduli. The Banten report "
        "counts a Kab/Kota as Peduli HAM at capaian Aksi HAM ≥ 75 %, the same cut-off."
    ),
    note="75 exactly is Peduli HAM.",
)

GRADE_TABLES: Mapping[str, GradeTable] = MappingProxyType(
    {
        table.name: table
        for table in (
            _PERMENPANRB_14_2017,
            _KEMENKUMHAM_IPK_15,
            _KEMENKUMHAM_IKM_20,
            _AKIP_88_2021,
            _PEDULI_HAM,
        )
    }
)
"""The grade tables shipped with lakipcore, by name. Read-only: build your own
:class:`GradeTable` and use it directly instead of adding to this mapping."""


def get_grade_table(
    table: GradeTable | str, defined: Mapping[str, GradeTable] | None = None
) -> GradeTable:
    """The grade table named ``table``: one of ``defined`` (a report's own tables), else a
    preset; ``table`` itself when it is a :class:`GradeTable`.

    Raises :class:`~lakipcore.UnknownNameError` listing the names for an unknown name.
    """
    if isinstance(table, GradeTable):
        return table
    if not isinstance(table, str):
        raise LakipTypeError(
            M_("expected a GradeTable or a preset name, got {type}", type=type(table).__name__),
            field="table",
        )
    found = (defined or {}).get(table) or GRADE_TABLES.get(table)
    if found is None:
        known = ", ".join(repr(name) for name in [*(defined or {}), *GRADE_TABLES])
        raise UnknownNameError(
            M_(
                "unknown grade table {table}; known tables: {known}", table=repr(table), known=known
            ),
            field="table",
        )
    return found
