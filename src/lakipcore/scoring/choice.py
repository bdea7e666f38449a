"""Which method scores each period: the one given, or the one the report names.

(A period that names none, in an assessment, gets the aggregation its printed office row shows,
or the default aggregation when none is printed: :mod:`lakipcore.scoring.inference`; this
module says when a period names none.)

This is the one place a method name becomes a :class:`ScoringMethod`: a name is looked up among
the report's own methods first, then the presets and their aliases
(:meth:`lakipcore.Report.method`). Everything below the choice takes the method object.

Errors about the choice say ``method=``, the argument's name in Python; the command line says
``--method`` instead (:func:`on_command_line`).
"""

from __future__ import annotations

from collections.abc import Mapping

from lakipcore.errors import LakipError, LakipTypeError, UnknownNameError
from lakipcore.i18n import M_, Message
from lakipcore.methods import ScoringMethod, get_method
from lakipcore.model import Report, ReportPeriod

__all__ = [
    "MethodChoice",
    "check_method_choice",
    "check_report",
    "on_command_line",
    "resolve_method",
]

PYTHON_OPTION = "method="
"""How errors about the method choice name it: the argument of :func:`lakipcore.assess`,
:func:`lakipcore.score_report` and :func:`lakipcore.audit.audit`."""
COMMAND_LINE_OPTION = "--method"
"""How the command line names it."""

MethodChoice = str | ScoringMethod | Mapping[str, str | ScoringMethod] | None
"""A method for every period, one per period key, or ``None`` for the ones the report names."""


def check_report(report: object) -> Report:
    """``report`` if it is a :class:`Report`; a :class:`LakipTypeError` naming it otherwise."""
    if not isinstance(report, Report):
        raise LakipTypeError(
            M_(
                "expected a Report (see lakipcore.load_report), got {type}",
                type=type(report).__name__,
            ),
            field="report",
        )
    return report


def _refuse_type(method: object) -> LakipTypeError:
    return LakipTypeError(
        M_(
            "expected a method name, a ScoringMethod or a mapping of period "
            "keys to them, got {type}",
            type=type(method).__name__,
        ),
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
                M_(
                    "method= names the period {key}; the report has {known}",
                    key=repr(key),
                    known=known,
                ),
                field="method",
            )
        if not isinstance(chosen, str | ScoringMethod):
            raise LakipTypeError(
                M_(
                    "expected a method name or a ScoringMethod for {key}, got {type}",
                    key=key,
                    type=type(chosen).__name__,
                ),
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
            M_(
                "no scoring method for {key}: pass {python_option}, name one for "
                "the period in the report file ([[periods]] method = ...), or "
                "assess the report (lakipcore.assess), which infers it from the "
                "printed office row",
                key=period.key,
                python_option=PYTHON_OPTION,
            ),
            field="method",
        )
    return report.method(chosen) if report is not None else get_method(chosen)


def on_command_line(error: LakipError) -> LakipError:
    """``error`` as the command line says it: an error about the method choice names the
    ``--method`` option where Python names the ``method=`` argument (``error`` unchanged)."""
    if error.field not in ("method", None):
        return error
    text = error.text
    message: str | Message
    if isinstance(text, Message):
        arguments = dict(text.arguments)
        named = [name for name, value in arguments.items() if value == PYTHON_OPTION]
        if not named:
            return error
        message = Message(text.msgid, **{**arguments, **dict.fromkeys(named, COMMAND_LINE_OPTION)})
    elif isinstance(text, str) and PYTHON_OPTION in text:
        message = text.replace(PYTHON_OPTION, COMMAND_LINE_OPTION)
    else:
        return error
    new = error.relocated(field=COMMAND_LINE_OPTION, source=error.source, line=error.line)
    new.message = message
    new.args = (message,)
    return new
