"""Indicators (indikator kinerja): what they measure, and their target and realisation in each
period of the report."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from lakipcore._display import Short
from lakipcore._names import NamedEnum, enum_field
from lakipcore.errors import InvalidValueError, LakipTypeError
from lakipcore.figures import NotReported, NotTargeted
from lakipcore.i18n import M_
from lakipcore.methods.formulas import Formula, Polarity
from lakipcore.model._members import members
from lakipcore.model.codes import check_code
from lakipcore.model.evidence import Support
from lakipcore.model.measures import (
    Measure,
    MeasureKind,
    Realisation,
    Target,
    kind_article,
    printable_text,
)
from lakipcore.model.ordinal import get_ordinal_scale
from lakipcore.model.origin import Origin
from lakipcore.model.plan import Baseline, EndOfPlan
from lakipcore.model.printed import PrintedFigures, printed_figures
from lakipcore.model.rules import Rule

__all__ = [
    "Accumulation",
    "Formula",
    "Indicator",
    "IndicatorPeriod",
    "Measure",
    "MeasureKind",
    "Phasing",
    "Polarity",
    "Realisation",
    "Target",
    "ToDate",
]


class Accumulation(NamedEnum):
    """How an indicator's realisations of shorter periods make up a longer one.

    A cumulative period ("s.d. Triwulan II", "s.d. Juni") or a year whose realisation the
    report builds from its semesters, quarters or months states ``accumulate = true``; its
    realisation is then computed from the realisations of the report's periods that tile it.
    """

    __what__ = "accumulation"

    SUM = "sum"
    """Add them up: counts (``12 Laporan`` a quarter is 48 a year). The default for counts."""
    LATEST = "latest"
    """Take the latest: percentages and indices stand as measured at the end of the period.
    The default for percentages and indices."""
    MEAN = "mean"
    """Their plain mean."""


class ToDate(NamedEnum):
    """How the capaian *to date* (during the year, "s.d. TW III") of an indicator is measured
    from its realisations so far (:mod:`lakipcore.monitoring`, docs/monitoring.md). A period
    is *filled* when it has a realisation: a realisation of 0 is filled, an absent one is not."""

    __what__ = "to-date method"

    CUMULATIVE = "cumulative"
    """The sum of the realisations of the filled periods over the sum of their targets, by the
    indicator's formula: counts (the default where realisations add up)."""
    LATEST = "latest"
    """The latest filled period's realisation against its target, by the indicator's formula
    (lower is better, too, when the indicator says so): percentages, indices and predikat (the
    default where the latest realisation stands)."""


class Phasing(NamedEnum):
    """What the targets of an indicator's quarters, months or "s.d." periods are
    (docs/monitoring.md)."""

    __what__ = "phasing"

    PHASED = "phased"
    """Each period's own target: the Rencana Aksi's quarterly or monthly targets (the
    default). The audit checks that they make up the year's."""
    ANNUAL = "annual"
    """The periods print the year's target beside their realisation ("capaian terhadap target
    tahun"): monitoring measures the target to date along a straight line from the year's
    target (a count's spread evenly over the months; a level's the year's target, or a line
    from the baseline to it)."""


def _periods(items: Iterable[IndicatorPeriod]) -> tuple[IndicatorPeriod, ...]:
    return members(IndicatorPeriod, "periods")(items)


def _supports(items: Iterable[Support]) -> tuple[Support, ...]:
    return members(Support, "supports")(items)


def _period_key(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, str):
        raise LakipTypeError(
            M_("expected a period key (str), got {value}", value=repr(value)), field="period"
        )


def _target(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, Target | NotTargeted):
        raise LakipTypeError(
            M_("expected a Target or NOT_TARGETED, got {type}", type=type(value).__name__),
            field="target",
        )


def _not_reported(_instance: object, _attribute: object, value: Any) -> None:
    if value is not None and not isinstance(value, NotReported):
        raise LakipTypeError(
            M_("expected NotReported or None, got {type}", type=type(value).__name__),
            field="not_reported",
        )


def _realisation(_instance: object, _attribute: object, value: Any) -> None:
    if value is not None and not isinstance(value, Realisation):
        raise LakipTypeError(
            M_("expected a Realisation, got {type}", type=type(value).__name__), field="realisation"
        )


@attrs.frozen(repr=False)
class IndicatorPeriod(Short):
    """An indicator in one period: its target and how its realisation is known.

    ``target`` is a :class:`Target` or :data:`~lakipcore.NOT_TARGETED` ("Tidak ditargetkan").
    A targeted indicator has one of: a stated ``realisation`` of the same kind (and scale); a
    ``derivation``, a rule over the unit's evidence that scoring evaluates (a survey score
    converted to the target's scale, a count of qualifying regions); or ``accumulate``, the
    realisation built from the shorter periods of the report that make up this one. In a
    planned period (a Renstra year not yet reached) it may have none of them. A not-targeted
    one has none. ``supports`` are evidence rules the stated realisation should agree with
    (checked by the audit). ``not_reported`` is a realisation printed as ``n/a``, ``-`` or
    ``belum tersedia`` (:class:`~lakipcore.figures.NotReported`): it has none of the others,
    and the indicator is left out of the achievement with the gap named.
    """

    period: str = attrs.field(validator=_period_key)
    target: Target | NotTargeted = attrs.field(validator=_target)
    realisation: Realisation | None = attrs.field(default=None, validator=_realisation)
    printed: PrintedFigures = attrs.field(default=(), converter=printed_figures)
    derivation: Rule | None = None
    supports: tuple[Support, ...] = attrs.field(default=(), converter=_supports)
    accumulate: bool = False
    not_reported: NotReported | None = attrs.field(default=None, validator=_not_reported)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.not_reported is not None:
            self._check_not_reported()
            return
        stated = [
            name
            for name, present in (
                ("realisation", self.realisation is not None),
                ("derivation", self.derivation is not None),
                ("accumulate", self.accumulate),
            )
            if present
        ]
        if isinstance(self.target, NotTargeted):
            if stated or self.supports:
                raise InvalidValueError(
                    M_(
                        "a not-targeted indicator ('Tidak ditargetkan') has no "
                        "realisation, derivation, accumulation or supporting evidence"
                    ),
                    field=stated[0] if stated else "supports",
                )
            return
        if len(stated) > 1:
            raise InvalidValueError(
                M_(
                    "a realisation is stated, derived or accumulated, one of them; "
                    "this one has {join} (printed copies go under printed)",
                    join=" and ".join(stated),
                ),
                field=stated[1],
            )
        if self.realisation is not None:
            self._check_realisation(self.target, self.realisation)
        elif self.supports:
            for index, support in enumerate(self.supports):
                if support.against in ("value", "note"):
                    raise InvalidValueError(
                        M_(
                            "a derived realisation is its evidence; a support can only check "
                            "a realisation printed at a place (against = a table id)"
                        ),
                        field=f"supports[{index}].against",
                    )

    def _check_not_reported(self) -> None:
        if isinstance(self.target, NotTargeted):
            raise InvalidValueError(
                M_(
                    "a not-targeted indicator ('Tidak ditargetkan') has no realisation, "
                    "reported or not"
                ),
                field="realisation",
            )
        for name, present in (
            ("realisation", self.realisation is not None),
            ("derivation", self.derivation is not None),
            ("accumulate", self.accumulate),
            ("supports", bool(self.supports)),
        ):
            if present:
                raise InvalidValueError(
                    M_(
                        "a realisation printed as {text} (not reported) has no {name}",
                        text=repr(str(self.not_reported)),
                        name=name,
                    ),
                    field=name,
                )

    @staticmethod
    def _check_realisation(target: Target, realisation: Realisation) -> None:
        if realisation.kind is not target.kind:
            raise InvalidValueError(
                M_(
                    "{value} target needs {value} realisation, got {value2}",
                    value=kind_article(target.kind),
                    value2=kind_article(realisation.kind),
                ),
                field="realisation",
            )
        if realisation.scale != target.scale:
            raise InvalidValueError(
                M_(
                    "target and realisation are on different scales ({scale} and {scale2})",
                    scale=target.scale,
                    scale2=realisation.scale,
                ),
                field="realisation",
            )

    @property
    def is_targeted(self) -> bool:
        """False for "Tidak ditargetkan"."""
        return not isinstance(self.target, NotTargeted)

    @property
    def has_realisation(self) -> bool:
        """Whether a realisation is known or computable (stated, derived or accumulated)."""
        return self.realisation is not None or self.derivation is not None or self.accumulate


def _text(field: str) -> Any:
    def check(_instance: object, _attribute: object, value: Any) -> None:
        if not isinstance(value, str) or not value.strip() or not printable_text(value):
            raise InvalidValueError(
                M_("expected non-empty printable text, got {value}", value=repr(value)), field=field
            )

    return check


def _optional_text(field: str) -> Any:
    return attrs.validators.optional(_text(field))


def _indicator_code(_instance: object, _attribute: object, value: Any) -> None:
    check_code(value, "indicator")


_SCANNED_PERIODS = 8


def _plan_part(field: str) -> Any:
    def check(_instance: object, _attribute: object, value: Any) -> None:
        kind = Baseline if field == "baseline" else EndOfPlan
        if value is not None and not isinstance(value, kind):
            raise LakipTypeError(
                M_(
                    "expected a {kind} or None, got {type}",
                    kind=kind.__name__,
                    type=type(value).__name__,
                ),
                field=field,
            )

    return check


@attrs.frozen(repr=False)
class Indicator(Short):
    """A performance indicator (indikator kinerja) of a unit, and its data in each period.

    ``periods`` holds one :class:`IndicatorPeriod` per period the report mentions the indicator
    in, in report order; an indicator with no entry for a period does not exist in it.
    ``polarity`` says which direction is good; ``formula`` forces a capaian formula (by default
    the scoring method chooses by polarity); ``accumulation`` says how realisations of shorter
    periods make up a longer one (by default: counts add up, percentages and indices take the
    latest). ``ordinal`` names the ordinal scale of an indicator whose targets and realisations
    are predikat (``opini-bpk``, ``sakip``: :data:`~lakipcore.model.ordinal.ORDINAL_SCALES`);
    ``baseline`` and ``end_of_plan`` place it in its plan (:mod:`lakipcore.model.plan`).
    """

    code: str = attrs.field(validator=_indicator_code)
    name: str = attrs.field(validator=_text("name"))
    periods: tuple[IndicatorPeriod, ...] = attrs.field(converter=_periods)
    goal: str | None = attrs.field(default=None, validator=_optional_text("goal"))
    polarity: Polarity = attrs.field(
        default=Polarity.HIGHER_IS_BETTER, validator=enum_field(Polarity, "polarity")
    )
    formula: Formula | None = attrs.field(
        default=None, validator=attrs.validators.optional(enum_field(Formula, "formula"))
    )
    accumulation: Accumulation | None = attrs.field(
        default=None, validator=attrs.validators.optional(enum_field(Accumulation, "accumulation"))
    )
    ordinal: str | None = attrs.field(default=None)
    to_date: ToDate | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(enum_field(ToDate, "to_date")),
        kw_only=True,
    )
    """How its capaian to date is measured during the year (:class:`ToDate`); ``None``: by
    its accumulation (cumulative where realisations add up, else the latest)."""
    phasing: Phasing = attrs.field(
        default=Phasing.PHASED, validator=enum_field(Phasing, "phasing"), kw_only=True
    )
    """What its quarters', months' or "s.d." periods' targets are (:class:`Phasing`)."""
    baseline: Baseline | None = attrs.field(default=None, validator=_plan_part("baseline"))
    end_of_plan: EndOfPlan | None = attrs.field(default=None, validator=_plan_part("end_of_plan"))
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)
    # An index by period key only for long series: most indicators have a few periods, which
    # a scan finds as fast, and a dict per indicator is a tenth of a loaded report's memory.
    _by_period: dict[str, IndicatorPeriod] | None = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    @_by_period.default
    def _index(self) -> dict[str, IndicatorPeriod] | None:
        if len(self.periods) <= _SCANNED_PERIODS:
            return None
        return {entry.period: entry for entry in self.periods}

    def __attrs_post_init__(self) -> None:
        by_period = self._by_period
        distinct = len({e.period for e in self.periods}) if by_period is None else len(by_period)
        if distinct != len(self.periods):
            seen: set[str] = set()
            for index, entry in enumerate(self.periods):
                if entry.period in seen:
                    raise InvalidValueError(
                        M_(
                            "indicator {code} has period {period} twice",
                            code=repr(self.code),
                            period=repr(entry.period),
                        ),
                        field=f"periods[{index}]",
                    )
                seen.add(entry.period)
        self._check_plain_values()
        self._check_ordinal()
        self._check_plan()
        if self.formula is not None and self.formula.polarity is not self.polarity:
            raise InvalidValueError(
                M_(
                    "formula {value} is for {value2}-is-better indicators, but this "
                    "one is {value3}-is-better",
                    value=repr(self.formula.value),
                    value2=self.formula.polarity.value,
                    value3=self.polarity.value,
                ),
                field="formula",
            )

    def _check_plain_values(self) -> None:
        # A plain value is declared for the whole indicator (kind = "value" in the file): a
        # period whose bare number reads as a count would not survive a round trip.
        kinds = {
            measure.kind
            for entry in self.periods
            for measure in (entry.target, entry.realisation)
            if isinstance(measure, Measure)
        }
        if MeasureKind.VALUE in kinds and len(kinds) > 1:
            others = sorted(kind.value for kind in kinds - {MeasureKind.VALUE})
            raise InvalidValueError(
                M_(
                    "indicator {code} mixes plain values with {kinds}; a plain-value "
                    "indicator has plain values in every period",
                    code=repr(self.code),
                    kinds=", ".join(others),
                ),
                field="periods",
            )

    def _check_ordinal(self) -> None:
        # A predikat is scored by the values of the scale the indicator declares: every level
        # must be one of its levels, worth what the scale says, and levels do not add up.
        measures = [
            (entry.period, measure)
            for entry in self.periods
            for measure in (entry.target, entry.realisation)
            if isinstance(measure, Measure)
        ]
        if self.ordinal is None:
            if any(m.kind is MeasureKind.ORDINAL for _, m in measures):
                raise InvalidValueError(
                    M_(
                        "indicator {code} has predikat values but names no ordinal scale",
                        code=repr(self.code),
                    ),
                    field="ordinal",
                )
            return
        scale = get_ordinal_scale(self.ordinal, field="ordinal")
        if self.to_date is ToDate.CUMULATIVE:
            raise InvalidValueError(
                M_(
                    "indicator {code} is a predikat (ordinal scale {name}): predikat do not add "
                    "up, so its capaian to date cannot be cumulative",
                    code=repr(self.code),
                    name=repr(self.ordinal),
                ),
                field="to_date",
            )
        if self.accumulation is Accumulation.SUM:
            raise InvalidValueError(
                M_(
                    "indicator {code} is a predikat (ordinal scale {name}): predikat do not add "
                    "up, so its accumulation cannot be sum",
                    code=repr(self.code),
                    name=repr(self.ordinal),
                ),
                field="accumulation",
            )
        for period, measure in measures:
            level = scale.level(measure.level or "", field=f"periods.{period}")
            if measure.kind is not MeasureKind.ORDINAL or measure.value != level.value:
                raise InvalidValueError(
                    M_(
                        "indicator {code} in {period}: {value} is not the level {label} of the "
                        "ordinal scale {name}, worth {worth}",
                        code=repr(self.code),
                        period=period,
                        value=measure.value,
                        label=repr(level.label),
                        name=repr(self.ordinal),
                        worth=level.value,
                    ),
                    field=f"periods.{period}",
                )

    def _check_plan(self) -> None:
        # The kondisi awal and the target akhir are values of the indicator's own kind (and
        # scale): a percentage indicator's baseline "5,14%", not "5,14".
        targets = [e.target for e in self.periods if isinstance(e.target, Target)]
        if not targets:
            return
        kind, scale = targets[-1].kind, targets[-1].scale
        for field, measure in (
            ("baseline", None if self.baseline is None else self.baseline.value),
            ("end_of_plan", None if self.end_of_plan is None else self.end_of_plan.target),
        ):
            if measure is not None and (measure.kind is not kind or measure.scale != scale):
                raise InvalidValueError(
                    M_(
                        "indicator {code}: its {field} is {value}, its targets {value2}; "
                        "they must be of one kind and scale",
                        code=repr(self.code),
                        field=field.replace("_", "-"),
                        value=kind_article(measure.kind),
                        value2=kind_article(kind),
                    ),
                    field=field,
                )

    @property
    def plain_values(self) -> bool:
        """Whether the indicator's targets and realisations are plain values
        (:attr:`MeasureKind.VALUE`; ``kind = "value"`` in the file)."""
        return any(
            isinstance(entry.target, Target) and entry.target.kind is MeasureKind.VALUE
            for entry in self.periods
        )

    def at(self, period: str) -> IndicatorPeriod | None:
        """The indicator's entry for ``period`` (a key), or ``None`` if it has none."""
        index = self._by_period
        if index is not None:
            return index.get(period)
        for entry in self.periods:
            if entry.period == period:
                return entry
        return None

    @property
    def measure_kind(self) -> MeasureKind:
        """The kind of its targets: the first period's target that has one (a count when no
        period has one, as for an indicator targeted nowhere)."""
        for entry in self.periods:
            kind = getattr(entry.target, "kind", None)
            if isinstance(kind, MeasureKind):
                return kind
        return MeasureKind.COUNT

    def to_date_for(self, kind: MeasureKind) -> ToDate:
        """The to-date method in force for values of ``kind``: the declared one, else cumulative
        where realisations add up (:meth:`accumulation_for` is sum), else the latest."""
        if self.to_date is not None:
            return self.to_date
        if self.accumulation_for(kind) is Accumulation.SUM:
            return ToDate.CUMULATIVE
        return ToDate.LATEST

    def accumulation_for(self, kind: MeasureKind) -> Accumulation:
        """The accumulation in force for values of ``kind``."""
        if self.accumulation is not None:
            return self.accumulation
        return Accumulation.SUM if kind is MeasureKind.COUNT else Accumulation.LATEST
