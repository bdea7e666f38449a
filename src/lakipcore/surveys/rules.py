"""Threshold rules on survey results: WBK candidacy and the Kab/Kota Peduli HAM count.

Each rule returns a result object that says not only the verdict but why: a WBK candidacy lists
every :class:`Criterion` with its value and threshold, and a Peduli HAM count lists the regions
that qualify, in the order they were given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from lakipcore._exact import ZERO
from lakipcore.errors import InvalidValueError, LakipTypeError
from lakipcore.figures import exact_decimal
from lakipcore.i18n import M_
from lakipcore.surveys.scales import SCALES, _iterable

__all__ = [
    "Criterion",
    "PeduliHamResult",
    "WbkCandidacy",
    "peduli_ham",
    "wbk_candidacy",
]

WBK_MIN_IPK = Decimal("13.50")
"""Minimum IPK (skala 15) to be proposed for WBK, from the note under the Pemasyarakatan table."""
WBK_MIN_IKM = Decimal("16.00")
"""Minimum IKM (skala 20) to be proposed for WBK, from the same note."""
WBK_MIN_RESPONDENTS = 30
"""Minimum number of survey respondents (*responden minimal 30 orang*), from the same note."""
PEDULI_HAM_THRESHOLD = Decimal(75)
"""Capaian Aksi HAM (%) from which a Kab/Kota counts as Peduli HAM, inclusive."""


@attrs.frozen
class Criterion:
    """One "at least" test of a rule: ``value`` passes when it is ≥ ``threshold``.

    ``name`` says what is checked (``"ipk"``, ``"ikm"``, ``"respondents"``); ``description``
    says it in words, with the scale. ``str()`` gives the comparison: ``respondents 10 < 30``.
    """

    name: str
    description: str
    value: Decimal
    threshold: Decimal

    @property
    def passed(self) -> bool:
        """Whether ``value ≥ threshold``."""
        return self.value >= self.threshold

    def __str__(self) -> str:
        return f"{self.name} {self.value} {'≥' if self.passed else '<'} {self.threshold}"


@attrs.frozen
class WbkCandidacy:
    """Whether a unit may be proposed for WBK (*Wilayah Bebas dari Korupsi*), and why.

    ``criteria`` holds every test in a fixed order (IPK, IKM, respondents); ``failed`` the ones
    not met; ``eligible`` is true when none failed.
    """

    criteria: tuple[Criterion, ...]

    @property
    def failed(self) -> tuple[Criterion, ...]:
        """The criteria not met, in the order of :attr:`criteria`."""
        return tuple(criterion for criterion in self.criteria if not criterion.passed)

    @property
    def eligible(self) -> bool:
        """True when every criterion is met."""
        return not self.failed

    def __str__(self) -> str:
        if self.eligible:
            return "eligible for WBK: " + "; ".join(str(c) for c in self.criteria)
        return "not eligible for WBK: " + "; ".join(str(c) for c in self.failed)


def _count(value: object, field: str) -> Decimal:
    """A whole number of people, ≥ 0, as a ``Decimal``."""
    number = exact_decimal(value, field=field)
    if number != number.to_integral_value():
        raise InvalidValueError(
            M_("{field} must be a whole number, got {number}", field=field, number=number),
            field=field,
        )
    if number < ZERO:
        raise InvalidValueError(
            M_("{field} must be 0 or more, got {number}", field=field, number=number), field=field
        )
    return number


def wbk_candidacy(
    ipk: Decimal,
    ikm: Decimal,
    respondents: int,
    *,
    min_ipk: Decimal = WBK_MIN_IPK,
    min_ikm: Decimal = WBK_MIN_IKM,
    min_respondents: int = WBK_MIN_RESPONDENTS,
) -> WbkCandidacy:
    """Test a unit's self-survey against the WBK proposal minimums.

    ``ipk`` is on skala 15 and ``ikm`` on skala 20, as Kemenkumham's self-survey prints them;
    ``respondents`` is the number who answered. The defaults are the note under the report's
    Pemasyarakatan survey table: IPK ≥ 13,50, IKM ≥ 16,00 and at least 30 respondents, each
    threshold inclusive.

    Raises :class:`~lakipcore.InvalidValueError` for a score outside its scale or a negative or
    fractional count, and :class:`~lakipcore.LakipTypeError` for a float.
    """
    ipk_scale, ikm_scale = SCALES["skala-15"], SCALES["skala-20"]
    return WbkCandidacy(
        (
            Criterion(
                "ipk",
                "IPK (Indeks Persepsi Korupsi, skala 15) at least the WBK minimum",
                ipk_scale.check(ipk, field="ipk"),
                ipk_scale.check(min_ipk, field="min_ipk"),
            ),
            Criterion(
                "ikm",
                "IKM (Indeks Kepuasan Masyarakat, skala 20) at least the WBK minimum",
                ikm_scale.check(ikm, field="ikm"),
                ikm_scale.check(min_ikm, field="min_ikm"),
            ),
            Criterion(
                "respondents",
                "number of survey respondents at least the minimum",
                _count(respondents, "respondents"),
                _count(min_respondents, "min_respondents"),
            ),
        )
    )


@attrs.frozen
class PeduliHamResult:
    """The Kab/Kota that count as Peduli HAM, and those that do not, in input order.

    ``qualifying`` are the regions whose capaian Aksi HAM reaches ``threshold`` (inclusive);
    ``others`` the rest. ``count`` is the figure the report prints (*Jumlah Kab/Kota Peduli HAM*).
    """

    qualifying: tuple[str, ...]
    others: tuple[str, ...]
    threshold: Decimal

    @property
    def count(self) -> int:
        """How many regions qualify."""
        return len(self.qualifying)


def _regions(
    regions: Mapping[str, Decimal] | Iterable[tuple[str, Decimal]],
) -> tuple[tuple[str, Decimal], ...]:
    if isinstance(regions, Mapping):
        pairs: tuple[object, ...] = tuple(regions.items())
    else:
        pairs = _iterable(regions, "regions")
    seen: set[str] = set()
    result: list[tuple[str, Decimal]] = []
    for index, pair in enumerate(pairs):
        if isinstance(pair, str) or not isinstance(pair, tuple) or len(pair) != 2:
            raise LakipTypeError(
                M_("expected a (name, capaian) pair, got {pair}", pair=repr(pair)),
                field=f"regions[{index}]",
            )
        name, value = pair
        if not isinstance(name, str) or not name:
            raise InvalidValueError(
                M_("a region needs a non-empty name, got {name}", name=repr(name)),
                field=f"regions[{index}]",
            )
        field = f"regions[{name!r}]"
        if name in seen:
            raise InvalidValueError(
                M_("region {name} is given twice", name=repr(name)), field=field
            )
        seen.add(name)
        capaian = exact_decimal(value, field=field)
        if capaian < ZERO:
            raise InvalidValueError(
                M_(
                    "capaian Aksi HAM of {name} must be 0 or more, got {capaian}",
                    name=repr(name),
                    capaian=capaian,
                ),
                field=field,
            )
        result.append((name, capaian))
    return tuple(result)


def peduli_ham(
    regions: Mapping[str, Decimal] | Iterable[tuple[str, Decimal]],
    *,
    threshold: Decimal = PEDULI_HAM_THRESHOLD,
) -> PeduliHamResult:
    """Which Kab/Kota count as Peduli HAM: capaian Aksi HAM (percent) ≥ ``threshold``.

    ``regions`` maps each Kab/Kota to its capaian, as a mapping or as ``(name, capaian)`` pairs;
    the result keeps their order. 75,00 exactly qualifies (the report: *capaian aksi HAM ≥ 75 %*).
    """
    limit = exact_decimal(threshold, field="threshold")
    if limit < ZERO:
        raise InvalidValueError(
            M_("threshold must be 0 or more, got {limit}", limit=limit), field="threshold"
        )
    pairs = _regions(regions)
    return PeduliHamResult(
        qualifying=tuple(name for name, capaian in pairs if capaian >= limit),
        others=tuple(name for name, capaian in pairs if capaian < limit),
        threshold=limit,
    )
