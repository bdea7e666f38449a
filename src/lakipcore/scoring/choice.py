"""Which method scores each period: the one given, or the one the report names.

(A period that names none, in an assessment, gets the aggregation its printed office row shows:
:mod:`lakipcore.scoring.inference`; this module says when a period names none.)

This is the one place a method name becomes a :class:`ScoringMethod`: a name is looked up among
the report's own methods first, then the presets and their aliases
(:meth:`lakipcore.Report.method`). Everything below the choice takes the method object.
"""

from __future__ import annotations

from collections.abc import Mapping

from lakipcore.errors import LakipTypeError, UnknownNameError
from lakipcore.methods import ScoringMethod, get_method
from lakipcore.model import Report, ReportPeriod

__all__ = ["MethodChoice", "check_method_choice", "check_report", "resolve_method"]

MethodChoice = str | ScoringMethod | Mapping[str, str | ScoringMethod] | None
"""A method for every period, one per period key, or ``None`` for the ones the report names."""


def check_report(report: object) -> Report:
    """``report`` if it is a :class:`Report`; a :class:`LakipTypeError` naming it otherwise."""
    if not isinstance(report, Report):
        raise LakipTypeError(
            f"expected a Report (see lakipcore.load_report), got {type(report).__name__}",
            field="report",
        )
    return report


def _refuse_type(method: object) -> LakipTypeError:
    return LakipTypeError(
        f"expected a method name, a ScoringMethod or a mapping of period keys to them, got "
        f"{type(method).__name__}",
        field="method",
    )


def check_method_choice(method: MethodChoice, report: Report) -> None:
    """Refuse a ``method=`` argument that is not a choice for ``report``: a wrong type, or a
    mapping that names a period the report does not have (which would otherwise be ignored)."""
    if method is None or isinstance(method, str | ScoringMethod):
        return
    if not isinstance(method, Mapping):
        raise _refuse_type(method)
    keys = {p.key for p in report.periods}
    for key, chosen in method.items():
        if key not in keys:
            known = ", ".join(p.key for p in report.periods)
            raise UnknownNameError(
                f"method= names the period {key!r}; the report has {known}", field="method"
            )
        if not isinstance(chosen, str | ScoringMethod):
            raise LakipTypeError(
                f"expected a method name or a ScoringMethod for {key}, got {type(chosen).__name__}",
                field=f"method.{key}",
            )


def chosen_name(method: MethodChoice, period: ReportPeriod) -> str | ScoringMethod | None:
    """What ``method`` (or else the period itself) names for ``period``; ``None``: nothing."""
    chosen: str | ScoringMethod | None
    if isinstance(method, Mapping):
        chosen = method.get(period.key)
    elif method is None or isinstance(method, str | ScoringMethod):
        chosen = method
    else:
        raise _refuse_type(method)
    return period.method if chosen is None else chosen


def resolve_method(
    method: MethodChoice, period: ReportPeriod, report: Report | None = None
) -> ScoringMethod:
    """The method for ``period``: the one given (for all periods or by key), else the one the
    period names. A name is looked up among ``report``'s own methods first, then the presets."""
    chosen = chosen_name(method, period)
    if chosen is None:
        raise UnknownNameError(
            f"no scoring method for {period.key}: pass method=, or name one for the period in "
            "the report file ([[periods]] method = ...)",
            field="method",
        )
    return report.method(chosen) if report is not None else get_method(chosen)
