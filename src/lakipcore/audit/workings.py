"""Workings: the fraction a report prints beside a figure, read and recomputed.

A report often shows how it got a realisation or a capaian: ``169/169 x 100% = 100%`` beside a
realisation, ``1 / 1 × 100 %`` beside a capaian. The file keeps the working verbatim with the
figure it stands beside (``{ text = "100%", working = "169 / 169 × 100%" }``, docs/format.md
"Printed figures"). :func:`parse_working` reads it strictly, in the figure's notation:

    numerator / denominator [× 100 [%]] [= result]

each number a figure as :func:`~lakipcore.figures.parse_figure` reads it (a unit label or a
``%`` allowed: ``75% / 80% × 100%`` is a capaian's working), the multiplication sign ``×``,
``x`` or ``X``. :func:`check_workings` then asks that the fraction give the figure beside it,
and its own stated result, at their printed precision, under the readings the audit admits for
any printed figure (:func:`lakipcore.audit.recompute.explain`).
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from lakipcore._exact import HUNDRED, ZERO, div, mul
from lakipcore.audit.context import AuditContext
from lakipcore.audit.recompute import Recomputed, explain
from lakipcore.errors import FigureFormatError, ZeroDenominatorError
from lakipcore.figures import Figure, format_number, parse_figure
from lakipcore.i18n import M_, N_, Message
from lakipcore.notation import Notation
from lakipcore.results.findings import Finding, FindingCode, Location
from lakipcore.rounding import Rounding, explaining_rounding, places_of, round_to

__all__ = ["Working", "check_workings", "parse_working"]

# The denominator is matched lazily, so that a trailing "× 100" is the factor and not part of
# it; "/" and "=" never occur inside a figure, so each part is one figure or nothing.
_SHAPE = re.compile(
    r"(?P<numerator>[^/=]+?)\s*/\s*(?P<denominator>[^/=]+?)"
    r"(?:\s*(?P<hundred>[×xX])\s*100\s*%?)?"
    r"(?:\s*=\s*(?P<result>[^/=]+?))?"
)


@attrs.frozen
class Working:
    """A working as read: ``numerator / denominator``, times 100 when ``hundred``, and the
    ``result`` it states after ``=`` (if any)."""

    numerator: Figure
    denominator: Figure
    hundred: bool = False
    result: Figure | None = None

    @property
    def value(self) -> Decimal:
        """The fraction's exact value (in percent when :attr:`hundred`); raises
        :class:`~lakipcore.errors.ZeroDenominatorError` for a zero denominator."""
        if self.denominator.value == ZERO:
            raise ZeroDenominatorError(M_("the working divides by zero"))
        numerator = self.numerator.value
        if self.hundred:
            numerator = mul(numerator, HUNDRED)
        return div(numerator, self.denominator.value)


def parse_working(
    text: str, *, notation: Notation = Notation.INDONESIAN, field: str | None = None
) -> Working:
    """Read a printed working in ``notation``; :class:`~lakipcore.FigureFormatError` (naming
    ``field``) for text that is not ``numerator / denominator [× 100 [%]] [= result]``."""
    match = _SHAPE.fullmatch(text.strip())
    if match is None:
        raise FigureFormatError(
            M_(
                "{text} is not a working: numerator / denominator [× 100 [%]] [= result]",
                text=repr(text),
            ),
            field=field,
        )

    def figure(part: str) -> Figure:
        return parse_figure(match[part], notation=notation, field=field)

    result = None if match["result"] is None else figure("result")
    hundred = match["hundred"] is not None
    return Working(figure("numerator"), figure("denominator"), hundred, result)


def _shown(value: Decimal, places: int, notation: Notation) -> str:
    return format_number(round_to(value, max(places, 2)), notation=notation)


def check_workings(context: AuditContext) -> list[Finding]:
    """Every working printed beside a figure must give that figure and its own stated result."""
    findings = []
    for item in context.items:
        if item.printed.working is not None:
            findings += _working_findings(context, item, item.printed.working)
    return findings


def _working_findings(context: AuditContext, item: Recomputed, text: str) -> list[Finding]:
    printed = item.printed
    origin = None if printed.origin is None else printed.origin.child("working")
    location = Location.of(origin, printed.place, context.source)
    notation = printed.notation

    def finding(code: FindingCode, message: Message, value: Decimal | None = None) -> Finding:
        return Finding(
            code=code,
            subject=item.subject,
            period=item.period,
            location=location,
            text=message,
            published=text,
            recomputed=value,
        )

    try:
        working = parse_working(
            text, notation=notation, field=None if origin is None else origin.path
        )
        value = working.value
    except FigureFormatError as error:
        message = Message(
            N_("the working '{working}' does not read: {reason}"), working=text, reason=error.text
        )
        return [finding(FindingCode.MALFORMED_FIGURE, message)]
    except ZeroDenominatorError:
        message = Message(N_("the working '{working}' divides by zero"), working=text)
        return [finding(FindingCode.WORKING_MISMATCH, message)]
    findings = []
    result = working.result
    if result is not None and explaining_rounding(result.value, value) is None:
        places = places_of(result.value)
        message = Message(
            N_("the working '{working}' gives {value}, not the result it states ({result})"),
            working=text,
            value=_shown(value, places, notation),
            result=format_number(result.value, notation=notation),
        )
        findings.append(finding(FindingCode.WORKING_MISMATCH, message, value))
    beside = printed.parsed()
    if beside is None:
        return findings  # a malformed figure is reported by the printed-figure check
    method = context.methods.get(item.period)
    declared = method.rounding if method is not None else Rounding.HALF_UP
    if explain(Recomputed(printed, item.subject, item.period, value), declared) is None:
        message = Message(
            N_("the working '{working}' gives {value}, but the figure beside it is {text}"),
            working=text,
            value=_shown(value, places_of(beside.value), notation),
            text=printed.text,
        )
        findings.append(finding(FindingCode.WORKING_MISMATCH, message, value))
    return findings
