"""Reading indicators: their periods' targets and realisations (figures, ranges, states, plain
values) and their place in the plan (kondisi awal, target akhir)."""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Final, TypeVar

from lakipcore.figures import (
    NOT_TARGETED,
    NOT_TARGETED_TEXT,
    Figure,
    NotReported,
    NotTargeted,
    not_reported,
    parse_range,
)
from lakipcore.formats import document
from lakipcore.formats.toml.evidence import read_rule, read_supports
from lakipcore.formats.toml.reader import NotBuiltError, Reader, Table, join
from lakipcore.i18n import M_
from lakipcore.model import (
    Accumulation,
    Baseline,
    EndOfPlan,
    Formula,
    Indicator,
    IndicatorPeriod,
    MeasureKind,
    Phasing,
    Polarity,
    Quantity,
    Realisation,
    Target,
    ToDate,
)
from lakipcore.model.ordinal import OrdinalScale, get_ordinal_scale

__all__ = ["period_tables", "read_indicator"]

_M = TypeVar("_M", Target, Realisation)

_INDICATOR_QUANTITIES = frozenset(
    {
        Quantity.GRADE,
        Quantity.TARGET,
        Quantity.REALISATION,
        Quantity.CAPAIAN,
        Quantity.CAPAIAN_YOY,
        Quantity.CAPAIAN_END_OF_PLAN,
        Quantity.RELATIVE_CHANGE,
    }
)


def period_tables(reader: Reader, parent: Table, path: str, keys: set[str]) -> dict[str, Table]:
    """The ``periods.KEY`` blocks of a unit or an indicator, each key one of ``keys``."""
    table = reader.table(parent, "periods", path, required=False)
    result = {}
    for key in table:
        if key not in keys:
            expected = ", ".join(sorted(keys))
            raise reader.fail(
                join(join(path, "periods"), key),
                M_(
                    "unknown period {key}; this report's periods are {expected}",
                    key=repr(key),
                    expected=expected,
                ),
            )
        result[key] = reader.table(table, key, join(path, "periods"))
    return result


def read_indicator(reader: Reader, item: Table, path: str, keys: set[str]) -> Indicator:
    """One ``[[units.indicators]]`` entry with its periods, read at ``path``."""
    origin = reader.origin(path)
    reader.only(item, document.INDICATOR, path)
    tables = period_tables(reader, item, path, keys)
    if not tables:
        raise reader.fail(join(path, "periods"), M_("an indicator needs at least one period block"))
    polarity_name = reader.text(item, "polarity", path, required=False)
    formula_name = reader.text(item, "formula", path, required=False)
    accumulation_name = reader.text(item, "accumulation", path, required=False)
    to_date_name = reader.text(item, "to-date", path, required=False)
    phasing_name = reader.text(item, "phasing", path, required=False)
    plain = reader.collect(lambda: _plain_values(reader, item, path))
    ordinal = reader.collect(lambda: _ordinal_scale(reader, item, path))
    with reader.placed(join(path, "polarity"), replace=True):
        polarity = Polarity.from_name(polarity_name) if polarity_name else Polarity.HIGHER_IS_BETTER
    with reader.placed(join(path, "formula"), replace=True):
        formula = Formula.from_name(formula_name) if formula_name else None
    with reader.placed(join(path, "accumulation"), replace=True):
        accumulation = Accumulation.from_name(accumulation_name) if accumulation_name else None
    with reader.placed(join(path, "to-date"), replace=True):
        to_date = ToDate.from_name(to_date_name) if to_date_name else None
    with reader.placed(join(path, "phasing"), replace=True):
        phasing = Phasing.from_name(phasing_name) if phasing_name else Phasing.PHASED
    entries = []
    for key, table in tables.items():
        entry = reader.collect(
            functools.partial(
                _indicator_period, reader, table, path, key, plain=bool(plain), ordinal=ordinal
            )
        )
        if entry is not None:
            entries.append(entry)
    code = reader.required_text(item, "code", path)
    # Names and goals repeat across the units of a ministry (the same IKU in every UPT).
    name = reader.shared(reader.required_text(item, "name", path))
    goal = reader.text(item, "goal", path, required=False)
    goal = None if goal is None else reader.shared(goal)
    if len(entries) != len(tables) or plain is None or (ordinal is None and "ordinal" in item):
        raise NotBuiltError
    baseline, end = _plan(reader, item, path, entries, plain=bool(plain))
    with reader.placed(path):
        return Indicator(
            code,
            name,
            tuple(entries),
            goal,
            polarity,
            formula,
            accumulation,
            ordinal=None if ordinal is None else ordinal.name,
            to_date=to_date,
            phasing=phasing,
            baseline=baseline,
            end_of_plan=end,
            origin=origin,
        )


_BASELINE: Final = frozenset({"value", "year"})
_END_OF_PLAN: Final = frozenset({"target", "year"})


def _plan(
    reader: Reader, item: Table, path: str, entries: list[IndicatorPeriod], *, plain: bool
) -> tuple[Baseline | None, EndOfPlan | None]:
    """The indicator's kondisi awal (``baseline``) and target akhir (``end-of-plan``), read
    in the kind and scale of its last target."""
    targets = [e.target for e in entries if isinstance(e.target, Target)]
    scale = targets[-1].scale if targets else None
    baseline = end = None
    if "baseline" in item:
        where = join(path, "baseline")
        table = reader.table(item, "baseline", path)
        reader.only(table, _BASELINE, where)
        figure = reader.figure(table, "value", where)
        value = _measure(reader, Realisation, figure, scale, join(where, "value"), plain=plain)
        year = reader.integer(table, "year", where)
        with reader.placed(where):
            baseline = Baseline(value, year or 0)  # a missing year was refused above
    if "end-of-plan" in item:
        where = join(path, "end-of-plan")
        table = reader.table(item, "end-of-plan", path)
        reader.only(table, _END_OF_PLAN, where)
        text = reader.required_text(table, "target", where)
        ends = _range(reader, text, join(where, "target"))
        figure = ends[0] if ends else reader.figure(table, "target", where)
        upper = ends[1].value if ends else None
        target = _measure(
            reader, Target, figure, scale, join(where, "target"), plain=plain, upper=upper
        )
        year = reader.integer(table, "year", where)
        with reader.placed(where):
            end = EndOfPlan(target, year or 0)
    return baseline, end


def _ordinal_scale(reader: Reader, item: Table, path: str) -> OrdinalScale | None:
    """``ordinal = "opini-bpk"``: the indicator's targets and realisations are predikat."""
    name = reader.text(item, "ordinal", path, required=False)
    if name is None:
        return None
    with reader.placed(join(path, "ordinal"), replace=True):
        return get_ordinal_scale(name)


def _plain_values(reader: Reader, item: Table, path: str) -> bool:
    """``kind = "value"``: the indicator's bare figures are plain values, not counts."""
    name = reader.text(item, "kind", path, required=False)
    if name is None:
        return False
    if name != MeasureKind.VALUE.value:
        raise reader.fail(
            join(path, "kind"),
            M_(
                'kind {name} is not one an indicator declares: only "value" (a plain number '
                "without a scale); counts, percentages and indices are read from the figures",
                name=repr(name),
            ),
        )
    return True


def _indicator_period(
    reader: Reader,
    table: Table,
    indicator_path: str,
    key: str,
    *,
    plain: bool = False,
    ordinal: OrdinalScale | None = None,
) -> IndicatorPeriod:
    path = f"{indicator_path}.periods.{key}"
    origin = reader.origin(path, within=indicator_path)
    # Each part is read on its own, so that one run reports every bad field of the entry (a bad
    # target must not hide a bad realisation or a bad printed figure).
    collected = len(reader.errors)
    reader.collect(lambda: reader.only(table, document.INDICATOR_PERIOD, path))
    pair = reader.collect(
        lambda: (
            _target_and_realisation(reader, table, path, plain=plain)
            if ordinal is None
            else _predikat(reader, table, path, ordinal)
        )
    )
    printed = reader.collect(lambda: reader.printed(table, path, _INDICATOR_QUANTITIES))
    derivation = (
        reader.collect(lambda: read_rule(reader, table["derive"], f"{path}.derive"))
        if "derive" in table
        else None
    )
    supports = (
        reader.collect(lambda: read_supports(reader, table["supports"], f"{path}.supports"))
        if "supports" in table
        else ()
    )
    accumulate = reader.collect(lambda: reader.boolean(table, "accumulate", path))
    if (
        len(reader.errors) > collected
        or pair is None
        or printed is None
        or supports is None
        or accumulate is None
    ):
        raise NotBuiltError
    target, stated = pair
    missing = stated if isinstance(stated, NotReported) else None
    realisation = stated if isinstance(stated, Realisation) else None
    with reader.placed(path):
        return IndicatorPeriod(
            reader.shared(key),
            target,
            realisation,
            printed,
            derivation,
            supports,
            accumulate,
            not_reported=missing,
            origin=origin,
        )


def _target_and_realisation(
    reader: Reader, table: Table, path: str, *, plain: bool = False
) -> tuple[Target | NotTargeted, Realisation | NotReported | None]:
    target_text = reader.required_text(table, "target", path)
    # The target and the realisation are read apart, so that a bad one does not hide the other.
    ends = reader.collect(lambda: _range(reader, target_text, join(path, "target")))
    upper: Decimal | None = None
    cell: Figure | NotTargeted | None = None  # None: its error is collected
    if ends:  # a target printed as a range
        cell, upper = ends[0], ends[1].value
    elif ends is not None:
        cell = reader.collect(lambda: reader.cell(target_text, join(path, "target")))
    missing = not_reported(table.get("realisation"))
    stated = (
        reader.collect(lambda: reader.figure(table, "realisation", path))
        if "realisation" in table and missing is None
        else None
    )
    if cell is None or ("realisation" in table and missing is None and stated is None):
        raise NotBuiltError
    if missing is not None and not isinstance(cell, NotTargeted):
        return _not_reported(reader, table, path, cell, missing, plain=plain, upper=upper)
    if isinstance(cell, NotTargeted):
        for key in ("realisation", "scale", "derive", "supports", "accumulate"):
            if key in table:
                raise reader.fail(
                    join(path, key),
                    M_(
                        "a not-targeted period ('{target_text}') has no {key}",
                        target_text=target_text,
                        key=key,
                    ),
                )
        return cell, None
    scale = _scale(reader, table, path)
    target = _measure(reader, Target, cell, scale, join(path, "target"), plain=plain, upper=upper)
    if "realisation" not in table:
        return target, None  # derived, accumulated or planned: the model checks which
    for key in ("derive", "accumulate"):
        if key in table:
            raise reader.fail(
                join(path, "realisation"),
                M_(
                    "a realisation is stated, derived or accumulated; give "
                    "realisation or {key}, not both (printed copies go under "
                    "printed.realisation)",
                    key=key,
                ),
            )
    realisation_figure = stated
    if realisation_figure is None:  # pragma: no cover - "realisation" is in the table
        raise NotBuiltError
    realisation = _measure(
        reader, Realisation, realisation_figure, scale, join(path, "realisation"), plain=plain
    )
    if realisation.kind is not target.kind:
        raise reader.fail(
            join(path, "realisation"),
            M_(
                "a {value} target ({target_text}) needs a {value} realisation, got {text}",
                value=target.kind.value,
                target_text=repr(target_text),
                text=repr(realisation_figure.text),
            ),
        )
    return target, realisation


def _predikat(
    reader: Reader, table: Table, path: str, scale: OrdinalScale
) -> tuple[Target | NotTargeted, Realisation | NotReported | None]:
    """A period of an ordinal indicator: a target and realisation printed as levels of its
    scale ("WTP"), "Tidak ditargetkan" and a not-reported realisation as for any other."""
    for key in ("scale", "derive"):
        if key in table:
            raise reader.fail(
                join(path, key),
                M_(
                    "a predikat (ordinal scale {name}) has no {key}",
                    name=repr(scale.name),
                    key=key,
                ),
            )
    target_text = reader.required_text(table, "target", path)

    def level(text: str, cls: type[_M], field: str) -> _M:
        with reader.placed(join(path, field), replace=True):
            found = scale.level(text)
            return cls(MeasureKind.ORDINAL, found.value, level=found.label)

    if " ".join(target_text.split()).casefold() == NOT_TARGETED_TEXT.casefold():
        if "realisation" in table:
            raise reader.fail(
                join(path, "realisation"),
                M_(
                    "a not-targeted period ('{target_text}') has no {key}",
                    target_text=target_text,
                    key="realisation",
                ),
            )
        return NOT_TARGETED, None
    target = reader.collect(lambda: level(target_text, Target, "target"))
    stated = reader.text(table, "realisation", path, required=False)
    realisation: Realisation | NotReported | None = None
    if stated is not None:
        missing = not_reported(stated)
        realisation = (
            missing
            if missing is not None
            else reader.collect(lambda: level(stated, Realisation, "realisation"))
        )
        if realisation is None:
            raise NotBuiltError
    if target is None:
        raise NotBuiltError
    return target, realisation


def _not_reported(
    reader: Reader,
    table: Table,
    path: str,
    cell: Figure,
    missing: NotReported,
    *,
    plain: bool,
    upper: Decimal | None,
) -> tuple[Target, NotReported]:
    """A targeted period whose realisation is printed as not reported (``n/a``)."""
    for key in ("derive", "accumulate", "supports"):
        if key in table:
            raise reader.fail(
                join(path, key),
                M_(
                    "the realisation is printed as {text} (not reported); a "
                    "not-reported period has no {key}",
                    text=repr(missing.text),
                    key=key,
                ),
            )
    scale = _scale(reader, table, path)
    target = _measure(reader, Target, cell, scale, join(path, "target"), plain=plain, upper=upper)
    return target, missing


def _scale(reader: Reader, table: Table, path: str) -> Decimal | None:
    if "scale" not in table:
        return None
    scale_figure = reader.figure(table, "scale", path)
    if scale_figure.percent or scale_figure.unit or scale_figure.note:
        raise reader.fail(join(path, "scale"), M_('a scale is a bare number such as "10"'))
    return scale_figure.value


def _measure(
    reader: Reader,
    cls: type[_M],
    figure: Figure,
    scale: Decimal | None,
    path: str,
    *,
    plain: bool = False,
    upper: Decimal | None = None,
) -> _M:
    if figure.currency:
        raise reader.fail(
            path, M_("{text} is an amount of money, not an indicator value", text=repr(figure.text))
        )
    if figure.percent and scale is not None:
        raise reader.fail(
            path, M_("{text} is a percentage; an index has no '%'", text=repr(figure.text))
        )
    if plain and figure.percent:
        raise reader.fail(
            path,
            M_(
                '{text} is a percentage, but the indicator declares kind = "value" (plain '
                "numbers): drop the '%' or the kind",
                text=repr(figure.text),
            ),
        )
    kind = (
        MeasureKind.PERCENT
        if figure.percent
        else MeasureKind.VALUE
        if plain or figure.ratio
        else MeasureKind.INDEX
        if scale is not None
        else MeasureKind.COUNT
    )

    def make() -> _M:
        with reader.placed(path, replace=True):
            if upper is not None:  # a range target (only targets are read with an upper end)
                return cls(  # type: ignore[call-arg]
                    kind, figure.value, figure.unit, scale, figure.note, upper=upper
                )
            return cls(kind, figure.value, figure.unit, scale, figure.note, ratio=figure.ratio)

    # One object per distinct target or realisation text (and scale) in a file.
    return reader.once(
        (cls, figure.text, reader.notation, None if scale is None else str(scale), plain), make
    )


def _range(reader: Reader, text: str, path: str) -> tuple[Figure, Figure] | tuple[()]:
    """The ends of a target printed as a range, or ``()`` when it is not one."""

    def parse() -> tuple[Figure, Figure] | tuple[()]:
        with reader.placed(path, replace=True):
            return parse_range(text, notation=reader.notation) or ()

    return reader.once(("range", text, reader.notation), parse)
