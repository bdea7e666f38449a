"""The row stage: every indicator row's capaian as an interval of scaled integers.

Capaian is carried at :data:`INTERNAL_SCALE` (10) decimal places of a percent in int64. Every
formula is evaluated from its definition (:attr:`~lakipcore.methods.formulas.Formula.terms`,
``100 × (base × d + sign × n) / d``), the one the Decimal engine reads: the long division of
the row's n by its d gives ``C = ⌊n × 10**12 / d⌋`` and whether it was exact, so n / d × 100
lies in ``[C, C + 1]`` (``[C, C]`` when exact); the base is added and the sign applied to both
ends (kondisi khusus is 200 minus the interval of R / T). A cap takes the minimum of both ends.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from lakipcore.bulk import _numpy, _rational
from lakipcore.bulk._columns import (
    INT64_MAX,
    checked,
    decimal_scalar,
    pyarrow,
    rescale,
    scaled_quotient,
    unscaled,
)
from lakipcore.bulk._numpy import numpy
from lakipcore.errors import (
    InvalidValueError,
    LakipValueError,
    UndefinedCapaianError,
    ZeroTargetError,
)
from lakipcore.i18n import M_
from lakipcore.methods import ScoringMethod, ZeroTargetPolicy
from lakipcore.methods.formulas import Formula, FormulaTerms, Polarity, Term

INTERNAL_SCALE: Final = 10
"""Decimal places of a percent at which the bulk path carries capaian, means and rates."""

FORMULA_CODES: Final = _rational.CODES
"""Each formula's code in the rows' int8 formula column (its position in the enum)."""
_BY_NAME: Final = {f.value: code for f, code in FORMULA_CODES.items()}
_RATIO: Final = FORMULA_CODES[Formula.RATIO]
_KONDISI_KHUSUS: Final = FORMULA_CODES[Formula.KONDISI_KHUSUS]
_INVERSE: Final = FORMULA_CODES[Formula.INVERSE_RATIO]
_DIGITS: Final = INTERNAL_SCALE + 2  # × 100 for percent, × 10**10 for the internal scale


def _codes_where(test: Any) -> list[int]:
    """The codes of the formulas whose terms pass ``test``."""
    return [code for code, formula in enumerate(_rational.FORMULAS) if test(formula.terms)]


_NUMERATOR_T: Final = _codes_where(lambda t: t.numerator is Term.TARGET)
_DENOMINATOR_R: Final = _codes_where(lambda t: t.denominator is Term.REALISATION)
_SHIFTED: Final = _codes_where(lambda t: t.base != 0 or t.sign < 0)

NOT_TARGETED: Final = "not targeted"
PLANNED: Final = "planned"
NOT_REPORTED: Final = "not reported"
NOT_REPORTED_KIND: Final = "not-reported"
"""The ``kind`` of an indicator row whose realisation the report prints as ``n/a``."""
ZERO_EXCLUDED: Final = "zero target excluded"


TEXT_COLUMNS: Final = frozenset({"period", "unit", "code", "polarity", "formula", "output"})
"""The input columns that hold text: string, large_string or dictionary-encoded strings."""
NUMBER_COLUMNS: Final = frozenset({"target", "realisation", "pagu", "rate", "pagu_original"})
"""The input columns that hold figures: decimal128 or integer, never float."""


def column(table: Any, name: str, *, required: bool = True, combine: bool = True) -> Any:
    """Column ``name`` of ``table`` as one contiguous array (``None`` if optional and absent);
    with ``combine=False`` as it is (a Parquet file gives one chunk per row group, and joining
    string chunks copies them for nothing where a kernel takes a chunked array). A column of
    another type than its name calls for is refused naming it (:data:`TEXT_COLUMNS`,
    :data:`NUMBER_COLUMNS`), so that both kernels fail alike, before any work."""
    if table.column_names.count(name) > 1:  # which of the two would be read is not said
        raise LakipValueError(
            M_("the table has the column {name} twice", name=repr(name)), field=name
        )
    if name not in table.column_names:
        if required:
            raise LakipValueError(
                M_(
                    "the table has no column {name} (it has {join})",
                    name=repr(name),
                    join=", ".join(table.column_names),
                ),
                field=name,
            )
        return None
    values = table.column(name)
    _check_type(name, values.type)
    if combine and hasattr(values, "combine_chunks"):
        return values.combine_chunks()
    return values


def _check_type(name: str, kind: Any) -> None:
    # A batch's columns are data, so a wrong type is bad input (ValueError), as floats were.
    pa, _ = pyarrow()
    if pa.types.is_null(kind):  # a column with no value at all (every row null)
        return
    if name in TEXT_COLUMNS:
        inner = kind.value_type if pa.types.is_dictionary(kind) else kind
        if not (pa.types.is_string(inner) or pa.types.is_large_string(inner)):
            raise LakipValueError(
                M_(
                    "column {name} holds {kind}; it must hold text (string), e.g. '2019'",
                    name=repr(name),
                    kind=kind,
                ),
                field=name,
            )
    elif name in NUMBER_COLUMNS and not (pa.types.is_decimal128(kind) or pa.types.is_integer(kind)):
        floats = (
            M_("; floats cannot hold report figures exactly") if pa.types.is_floating(kind) else ""
        )
        raise LakipValueError(
            M_(
                "column {name} holds {kind}; it must hold decimal128 or integer figures{floats}",
                name=repr(name),
                kind=kind,
                floats=floats,
            ),
            field=name,
        )


def text(values: Any) -> Any:
    """A string column (large_string from polars, or dictionary-encoded) as plain strings."""
    pa, pc = pyarrow()
    kind = values.type
    if pa.types.is_dictionary(kind) or pa.types.is_large_string(kind) or pa.types.is_null(kind):
        return pc.cast(values, pa.string())  # a column of nulls only: text that is all absent
    return values


def _keys_of(values: Any) -> Any:
    """A key column as strings, kept dictionary-encoded when it is (grouping is faster)."""
    pa, pc = pyarrow()
    if pa.types.is_dictionary(values.type):
        if hasattr(values, "combine_chunks"):
            # Chunks may each have their own dictionary: one array, one dictionary.
            values = values.combine_chunks()
        if not pa.types.is_string(values.type.value_type):
            return pc.cast(values, pa.dictionary(values.type.index_type, pa.string()))
        return values
    return text(values)


class Rows:
    """The indicator rows of one call, scored: scaled inputs and capaian intervals."""

    def __init__(
        self,
        table: Any,
        methods: Mapping[str, ScoringMethod],
        keys: Sequence[str],
        *,
        periods: Any | None = None,
    ):
        """``periods`` is the period column as :func:`encode_periods` gives it, if at hand."""
        pa, pc = pyarrow()
        self.excluded: Any = None  # why a row has no capaian: set by the scoring below
        self._periods = periods
        self.count = table.num_rows
        self.np = numpy() if self.count else None
        # The numpy path takes string key columns chunked as they come.
        chunked = self.np is not None
        self.period = _keys_of(column(table, "period", combine=not chunked))
        self.unit = _keys_of(column(table, "unit", combine=not chunked))
        self.code = text(column(table, "code", combine=not chunked))
        for name, values in (("period", self.period), ("unit", self.unit), ("code", self.code)):
            if values.null_count:
                row = pc.index(pc.is_null(values), True).as_py()
                raise InvalidValueError(
                    M_("row {row} has no {name}", row=row, name=name), field=name
                )
        if self.np is not None:
            self._init_numpy(self.np, table, methods, keys)
            self._mark_not_reported(table)
            return
        target, t_scale = unscaled(column(table, "target"), "target")
        realised, r_scale = unscaled(column(table, "realisation"), "realisation")
        self.scale = max(t_scale, r_scale)
        self.target = rescale(target, t_scale, self.scale)
        self.realised = rescale(realised, r_scale, self.scale)
        index = pc.index_in(text(self.period), value_set=pa.array(list(keys), pa.string()))
        defaults = pc.take(
            pa.array([FORMULA_CODES[methods[k].lower_is_better] for k in keys], pa.int8()), index
        )
        self.formula = self._formulas(table, defaults)
        caps = [methods[k].cap for k in keys]
        self.cap = pc.take(
            pa.array(
                [None if c is None else decimal_scalar(c, INTERNAL_SCALE) for c in caps],
                pa.int64(),
            ),
            index,
        )
        exclude = pc.take(
            pa.array(
                [methods[k].zero_target is ZeroTargetPolicy.EXCLUDE for k in keys], pa.bool_()
            ),
            index,
        )
        self._score(exclude)
        self._mark_not_reported(table)

    def _mark_not_reported(self, table: Any) -> None:
        """A row of kind ``not-reported`` (a realisation printed as ``n/a``, written by
        :func:`~lakipcore.bulk.report_to_batches`) has no realisation for the reason the core
        gives: "not reported", not "planned"."""
        _, pc = pyarrow()
        if "kind" not in table.column_names or not self.count:
            return
        kinds = text(column(table, "kind"))
        marked = pc.fill_null(pc.equal(kinds, NOT_REPORTED_KIND), False)
        if pc.any(marked).as_py():
            self.excluded = pc.if_else(
                pc.and_(marked, pc.equal(self.excluded, PLANNED)), NOT_REPORTED, self.excluded
            )

    # --- the numpy path (see _numpy); the pyarrow compute path below gives the same columns ---

    def _init_numpy(
        self, np: Any, table: Any, methods: Mapping[str, ScoringMethod], keys: Sequence[str]
    ) -> None:
        pa, _ = pyarrow()
        target, target_valid, t_scale = _numpy.ints(
            column(table, "target", combine=False), "target"
        )
        realised, realised_valid, r_scale = _numpy.ints(
            column(table, "realisation", combine=False), "realisation"
        )
        self.scale = max(t_scale, r_scale)
        target = _numpy.rescale(target, t_scale, self.scale)
        realised = _numpy.rescale(realised, r_scale, self.scale)
        encoded = self.period if self._periods is None else self._periods
        self.pcode = period_codes(encoded, keys)
        per_period = self._per_period
        defaults = per_period([FORMULA_CODES[methods[k].lower_is_better] for k in keys], np.int8)
        self.formula = self._formulas(
            table,
            pa.scalar(int(defaults), pa.int8()) if defaults.ndim == 0 else pa.array(defaults),
        )
        self.formula_np = np.asarray(self.formula.to_numpy(zero_copy_only=False), np.int8)
        caps = [methods[k].cap for k in keys]
        cap_ints = [None if c is None else decimal_scalar(c, INTERNAL_SCALE) for c in caps]
        self._caps = cap_ints
        exclude = per_period(
            [methods[k].zero_target is ZeroTargetPolicy.EXCLUDE for k in keys], np.bool_
        )
        self._score_numpy(
            np,
            target=target,
            target_valid=target_valid,
            realised=realised,
            realised_valid=realised_valid,
            exclude=exclude,
        )

    def _per_period(self, values: list[Any], kind: Any) -> Any:
        """A value of each period's method for every row (a numpy scalar, which broadcasts,
        when every period has the same: the usual case needs no per-row lookup)."""
        np: Any = self.np
        if all(v == values[0] for v in values):
            return np.asarray(values[:1], kind)[0]
        return np.asarray(values, kind)[self.pcode]

    def _below_zero_numpy(
        self, np: Any, formula: Any, target: Any, realised: Any, scorable: Any
    ) -> Any:
        """The formula codes for rows with a negative target (ratio and kondisi khusus trade
        terms: docs/methodology.md, "Negative targets and realisations"); T / R of a negative
        value is refused, as the core refuses it."""
        negative = scorable & ((target < 0) | (realised < 0))
        if not negative.any():
            return formula
        formula = np.asarray(formula, np.int8) * np.ones(self.count, np.int8)
        inverse = negative & (formula == _INVERSE)
        if inverse.any():
            self._refuse_inverse(int(np.argmax(inverse)))
        below = scorable & (target < 0)
        return np.where(
            below & (formula == _RATIO),
            _KONDISI_KHUSUS,
            np.where(below & (formula == _KONDISI_KHUSUS), _RATIO, formula),
        ).astype(np.int8)

    def _score_numpy(
        self,
        np: Any,
        *,
        target: Any,
        target_valid: Any | None,
        realised: Any,
        realised_valid: Any | None,
        exclude: Any,
    ) -> None:
        pa, _ = pyarrow()
        per_period = self._per_period
        formula, cap_ints = self.formula_np, self._caps
        ones = np.ones(self.count, np.bool_)
        targeted = ones if target_valid is None else target_valid
        scorable = targeted if realised_valid is None else targeted & realised_valid
        formula = self._below_zero_numpy(np, formula, target, realised, scorable)
        counts = np.bincount(formula, minlength=len(_rational.FORMULAS))
        used = {int(code) for code in np.flatnonzero(counts)}

        def rows_of(codes: list[int]) -> Any:
            """Whether each row's formula is one of ``codes``: a mask, or ``False`` / ``True``
            when no row's or every row's is (the usual case, which needs no mask)."""
            wanted = [c for c in codes if c in used]
            if not wanted:
                return False
            return True if len(wanted) == len(used) else np.isin(formula, wanted)

        def pick(rows: Any, chosen: Any, other: Any) -> Any:
            return (
                chosen
                if rows is True
                else other
                if rows is False
                else np.where(rows, chosen, other)
            )

        d_is_realised = rows_of(_DENOMINATOR_R)
        numerator = pick(rows_of(_NUMERATOR_T), target, realised)
        denominator = pick(d_is_realised, realised, target)
        zero = target == 0  # a zero target is undefined under every formula
        if d_is_realised is not False:
            zero |= denominator == 0
        zero &= scorable
        if zero.any():
            refused = zero & ~exclude
            if refused.any():
                raise ZeroTargetError(
                    M_(
                        "capaian of a zero target (or of a zero realisation under the "
                        "inverse ratio) is undefined; choose a zero-target policy "
                        "({where})",
                        where=self.where(int(np.argmax(refused))),
                    ),
                    field="target",
                )
        valid = scorable & ~zero
        every = bool(valid.all())
        # One division for every row; rows that are not scored divide 0 by 1.
        if not every:
            numerator, denominator = np.where(valid, numerator, 0), np.where(valid, denominator, 1)
        floor, inexact = _signed_quotient_numpy(np, numerator, denominator)
        lo, hi = floor, floor + inexact  # the bound check leaves room for the + 1
        for code in (c for c in _SHIFTED if c in used):
            rows = rows_of([code])
            new_lo, new_hi = _shift_numpy(lo, hi, _rational.FORMULAS[code].terms)
            lo, hi = pick(rows, new_lo, lo), pick(rows, new_hi, hi)
        if any(c is not None for c in cap_ints):
            bound = per_period([INT64_MAX if c is None else c for c in cap_ints], np.int64)
            lo, hi = np.minimum(lo, bound), np.minimum(hi, bound)
        if not every:
            lo, hi = np.where(valid, lo, 0), np.where(valid, hi, 0)
        self.valid_np, self._every = valid, every
        self.target_np, self.realised_np = target, realised
        self.lo_np, self.hi_np = lo, hi
        self.lo = _numpy.to_arrow(lo, None if every else valid)
        self.hi = _numpy.to_arrow(hi, None if every else valid)
        self.valid = pa.array(valid)
        self.target = _numpy.to_arrow(target, target_valid)
        self.realised = _numpy.to_arrow(realised, realised_valid)
        self.cap = None
        self.excluded = self._reasons(np, every, targeted, scorable, zero)

    def _reasons(self, np: Any, every: bool, targeted: Any, scorable: Any, zero: Any) -> Any:
        """The ``excluded`` column: why a row has no capaian (a take from the three reasons)."""
        pa, _ = pyarrow()
        if every:
            return _numpy.null_strings(self.count)
        reason = np.where(~targeted, 1, np.where(~scorable, 2, np.where(zero, 3, 0)))
        names = pa.array([None, NOT_TARGETED, PLANNED, ZERO_EXCLUDED], pa.string())
        return names.take(pa.array(reason.astype(np.int8)))

    def _refuse_inverse(self, row: int) -> None:
        """The inverse ratio T / R has no reading for a negative value: refused by row, as the
        core refuses it (UndefinedCapaianError)."""
        raise UndefinedCapaianError(
            M_(
                "the inverse-ratio formula T / R has no reading for a negative value ({where}); "
                "score this indicator with kondisi-khusus",
                where=self.where(row),
            ),
            field="formula",
        )

    def where(self, row: int) -> str:
        """The row's period, unit and code, for messages."""
        return (
            f"row {row}: period {self.period[row].as_py()}, unit {self.unit[row].as_py()}, "
            f"indicator {self.code[row].as_py()}"
        )

    def _formulas(self, table: Any, defaults: Any) -> Any:
        """Each row's formula code: its method's for lower-is-better (``defaults``), ratio for
        higher, or the row's own ``formula`` when it states one that fits its polarity."""
        pa, pc = pyarrow()
        polarity = column(table, "polarity", required=False, combine=self.np is None)
        if polarity is None or pa.types.is_null(polarity.type):  # absent, or every row null
            lower = pa.array([False] * self.count)
        else:
            polarity = text(polarity)
            names = pa.array([p.value for p in Polarity], pa.string())
            unknown = pc.and_(pc.is_valid(polarity), pc.invert(pc.is_in(polarity, names)))
            if pc.any(unknown).as_py():  # anything else would be taken for higher-is-better
                row = pc.index(unknown, True).as_py()
                raise InvalidValueError(
                    f"unknown polarity {polarity[row].as_py()!r} ({self.where(row)}); known: "
                    + ", ".join(names.to_pylist()),
                    field="polarity",
                )
            lower = pc.fill_null(pc.equal(polarity, Polarity.LOWER_IS_BETTER.value), False)
        codes = pc.if_else(lower, defaults, pa.scalar(_RATIO, pa.int8()))
        stated = column(table, "formula", required=False)
        if stated is None or stated.null_count == len(stated):
            return codes
        stated = text(stated)
        names = sorted(_BY_NAME)
        known = pc.index_in(stated, value_set=pa.array(names))
        unknown = pc.and_(pc.is_valid(stated), pc.is_null(known))
        if pc.any(unknown).as_py():
            row = pc.index(unknown, True).as_py()
            raise InvalidValueError(
                f"unknown formula {stated[row].as_py()!r} ({self.where(row)}); known: "
                + ", ".join(names),
                field="formula",
            )
        explicit = pc.take(pa.array([_BY_NAME[n] for n in names], pa.int8()), known)
        ratio = pc.equal(explicit, _RATIO)
        mismatch = pc.fill_null(pc.not_equal(ratio, pc.invert(lower)), False)
        if pc.any(mismatch).as_py():
            row = pc.index(mismatch, True).as_py()
            raise InvalidValueError(
                M_(
                    "formula {as_py} does not match the indicator's polarity ({where})",
                    as_py=repr(stated[row].as_py()),
                    where=self.where(row),
                ),
                field="formula",
            )
        return pc.coalesce(explicit, codes)

    def _score(self, exclude: Any) -> None:
        pa, pc = pyarrow()
        targeted = pc.is_valid(self.target)
        scorable = pc.and_(targeted, pc.is_valid(self.realised))
        # Absent figures compare as 1, so that no comparison below yields null.
        target, realised = pc.fill_null(self.target, 1), pc.fill_null(self.realised, 1)
        # The formula codes as scored: below a zero target ratio and kondisi khusus trade
        # terms. self.formula keeps the declared ones, which the exact path swaps itself.
        formula = self.formula
        negative = pc.and_(scorable, pc.or_(pc.less(target, 0), pc.less(realised, 0)))
        if pc.any(negative).as_py():  # below zero: the formulas of a negative target
            inverse = pc.and_(negative, pc.equal(formula, _INVERSE))
            if pc.any(inverse).as_py():
                self._refuse_inverse(pc.index(inverse, True).as_py())
            below = pc.and_(scorable, pc.less(target, 0))
            formula = pc.if_else(
                pc.and_(below, pc.equal(formula, _RATIO)),
                pa.scalar(_KONDISI_KHUSUS, pa.int8()),
                pc.if_else(
                    pc.and_(below, pc.equal(formula, _KONDISI_KHUSUS)),
                    pa.scalar(_RATIO, pa.int8()),
                    formula,
                ),
            )

        def rows_of(codes: list[int]) -> Any:
            return pc.is_in(formula, value_set=pa.array(codes, pa.int8()))

        n_is_target, d_is_realised = rows_of(_NUMERATOR_T), rows_of(_DENOMINATOR_R)
        numerator = pc.if_else(n_is_target, target, realised)
        denominator = pc.if_else(d_is_realised, realised, target)
        zero = pc.and_(scorable, pc.or_(pc.equal(target, 0), pc.equal(denominator, 0)))
        refused = pc.and_(zero, pc.invert(exclude))
        if pc.any(refused).as_py():
            row = pc.index(refused, True).as_py()
            raise ZeroTargetError(
                M_(
                    "capaian of a zero target (or of a zero realisation under the "
                    "inverse ratio) is undefined; choose a zero-target policy "
                    "({where})",
                    where=self.where(row),
                ),
                field="target",
            )
        self.valid = valid = pc.and_(scorable, pc.invert(zero))
        one, nought = pa.scalar(1, pa.int64()), pa.scalar(0, pa.int64())
        # Rows that are not scored divide 0 by 1, so one pass over the whole column is safe.
        numerator = pc.if_else(valid, numerator, nought)
        denominator = pc.if_else(valid, denominator, one)
        below = pc.less(pc.multiply(pc.sign(numerator), pc.sign(denominator)), 0)
        signed = pc.any(below).as_py() or pc.any(pc.less(denominator, 0)).as_py()
        if signed:  # the long division takes n ≥ 0 and d > 0: divide the sizes, sign after
            numerator, denominator = pc.abs(numerator), pc.abs(denominator)
        floor, inexact = scaled_quotient(numerator, denominator, _DIGITS)
        if signed:  # ⌊-x⌋ = -⌈x⌉
            negated = pc.subtract(pc.negate(floor), pc.cast(inexact, pa.int64()))
            floor = pc.if_else(below, negated, floor)
        lo, hi = floor, checked("add", floor, pc.cast(inexact, pa.int64()))
        for code in _SHIFTED:
            rows = pc.equal(formula, code)
            if pc.any(rows).as_py():
                lo, hi = _shift_arrow(lo, hi, rows, _rational.FORMULAS[code].terms)
        if self.cap.null_count < len(self.cap):
            lo = pc.if_else(pc.is_valid(self.cap), pc.min_element_wise(lo, self.cap), lo)
            hi = pc.if_else(pc.is_valid(self.cap), pc.min_element_wise(hi, self.cap), hi)
        null = pa.scalar(None, pa.int64())
        self.lo = pc.if_else(valid, lo, null)
        self.hi = pc.if_else(valid, hi, null)
        self.excluded = pc.if_else(
            pc.invert(targeted),
            NOT_TARGETED,
            pc.if_else(
                pc.invert(scorable),
                PLANNED,
                pc.if_else(zero, ZERO_EXCLUDED, pa.scalar(None, pa.string())),
            ),
        )

    def arrays(self) -> tuple[Any, Any, Any | None] | None:
        """The capaian intervals as numpy ``(lo, hi, valid)`` on the numpy path, else None."""
        if self.np is None:
            return None
        return self.lo_np, self.hi_np, None if self._every else self.valid_np

    def exact(self, row: int) -> Any:
        """The exact capaian of ``row`` (a Fraction), or ``None`` when it has none."""
        from fractions import Fraction  # noqa: PLC0415 - only on the rare exact path

        if self.np is not None:
            if not self.valid_np[row]:
                return None
            cap = self._caps[int(self.pcode[row])]
            return _rational.capaian(
                int(self.target_np[row]),
                int(self.realised_np[row]),
                int(self.formula_np[row]),
                None if cap is None else Fraction(cap, 10**INTERNAL_SCALE),
            )
        if not self.valid[row].as_py():
            return None
        cap = self.cap[row].as_py()
        return _rational.capaian(
            self.target[row].as_py(),
            self.realised[row].as_py(),
            self.formula[row].as_py(),
            None if cap is None else Fraction(cap, 10**INTERNAL_SCALE),
        )

    def exact_rows(self, rows: Any) -> list[Any]:
        """The exact capaians of the numpy row indexes ``rows`` (all valid), as Fractions."""
        from fractions import Fraction  # noqa: PLC0415 - only on the rare exact path

        caps = [None if c is None else Fraction(c, 10**INTERNAL_SCALE) for c in self._caps]
        columns = (self.target_np, self.realised_np, self.formula_np, self.pcode)
        lists = [values[rows].tolist() for values in columns]
        return [_rational.capaian(t, r, f, caps[p]) for t, r, f, p in zip(*lists, strict=True)]


def _signed_quotient_numpy(np: Any, numerator: Any, denominator: Any) -> tuple[Any, Any]:
    """``(⌊n × 10**digits / d⌋, inexact)`` for n and d of either sign (d ≠ 0): the long
    division takes n ≥ 0 and d > 0, so it divides the sizes and sets the sign after; a
    negative target or realisation gives quotients of either sign."""
    if numerator.min(initial=0) >= 0 and denominator.min(initial=1) > 0:
        return _numpy.scaled_quotient(numerator, denominator, _DIGITS)
    below = ((numerator < 0) != (denominator < 0)) & (numerator != 0)
    floor, inexact = _numpy.scaled_quotient(np.abs(numerator), np.abs(denominator), _DIGITS)
    return np.where(below, -floor - inexact, floor), inexact  # ⌊-x⌋ = -⌈x⌉


def _shift_numpy(lo: Any, hi: Any, terms: FormulaTerms) -> tuple[Any, Any]:
    """``base × 100 + sign × [lo, hi]`` (a negative sign swaps the ends)."""
    shift = terms.base * 10**_DIGITS
    if terms.sign < 0:
        return shift - hi, shift - lo
    _numpy.check(hi, 1, "adding a formula's base", offset=shift)
    return lo + shift, hi + shift


def _shift_arrow(lo: Any, hi: Any, rows: Any, terms: FormulaTerms) -> tuple[Any, Any]:
    """:func:`_shift_numpy` with pyarrow compute kernels (checked against overflow)."""
    _, pc = pyarrow()
    shift = terms.base * 10**_DIGITS
    if terms.sign < 0:
        new_lo, new_hi = checked("subtract", shift, hi), checked("subtract", shift, lo)
    else:
        new_lo, new_hi = checked("add", lo, shift), checked("add", hi, shift)
    return pc.if_else(rows, new_lo, lo), pc.if_else(rows, new_hi, hi)


def encode_periods(table: Any) -> tuple[Any, list[str]]:
    """The period column dictionary-encoded (one array) and its distinct values in order of
    first appearance: one hash of the strings serves both the list of the call's periods and
    each row's period number."""
    pa, pc = pyarrow()
    values = column(table, "period", combine=False)
    if values.null_count:
        row = pc.index(pc.is_null(values), True).as_py()
        raise InvalidValueError(M_("row {row} has no period", row=row), field="period")
    if pa.types.is_dictionary(values.type):
        encoded = _keys_of(values)
        return encoded, encoded.dictionary.take(pc.unique(encoded.indices)).to_pylist()
    encoded = pc.dictionary_encode(text(values))
    if hasattr(encoded, "combine_chunks"):
        encoded = encoded.combine_chunks()  # the chunks share the dictionary
    return encoded, encoded.dictionary.to_pylist()


def period_codes(period: Any, keys: Sequence[str]) -> Any:
    """Each row's position in ``keys`` as a numpy int64 array (a dictionary column through its
    dictionary, so that the strings are looked up once)."""
    pa, pc = pyarrow()
    np = numpy()
    assert np is not None, "the numpy path"
    value_set = pa.array(list(keys), pa.string())
    if pa.types.is_dictionary(period.type):
        # Entries no row uses may be missing from keys: -1, never looked up.
        found = pc.fill_null(pc.index_in(period.dictionary, value_set=value_set), -1)
        positions = np.asarray(found.to_numpy(zero_copy_only=False), np.int64)
        return positions.take(period.indices.to_numpy(zero_copy_only=False))
    index = pc.index_in(period, value_set=value_set)
    return np.asarray(index.to_numpy(zero_copy_only=False), np.int64)
