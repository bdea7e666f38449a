"""The result of one pass over a report: what every output reads.

An :class:`Assessment` holds the report, its scores (each period under its resolved method,
the indicators that could not be scored) and the audit's findings. :func:`lakipcore.assess`
makes it: the methods resolved once, the report scored once and audited once on those scores.
Every writer (the text tables, JSON, the HTML page, the notebook display, the Excel workbook,
rows and Arrow tables) is a function of an assessment and computes nothing of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from lakipcore._display import Displayed, Tabular
from lakipcore.errors import LakipTypeError, LakipValueError
from lakipcore.i18n import M_
from lakipcore.methods import ScoringMethod
from lakipcore.model import Report
from lakipcore.results.scores import PeriodScore, Problem, ReportScore

if TYPE_CHECKING:
    from lakipcore.results.findings import Findings

__all__ = ["Assessment", "check_scores_of"]


def _report(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, Report):
        raise LakipTypeError(
            M_("expected a Report, got {type}", type=type(value).__name__), field="report"
        )


def _scores(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, ReportScore):
        raise LakipTypeError(
            M_("expected a ReportScore, got {type}", type=type(value).__name__), field="scores"
        )


def _findings(_instance: object, _attribute: object, value: Any) -> None:
    if value is None:
        return
    from lakipcore.results.findings import Findings  # noqa: PLC0415 - only with an audit

    if not isinstance(value, Findings):
        raise LakipTypeError(
            M_("expected Findings or None, got {type}", type=type(value).__name__), field="findings"
        )


def check_scores_of(report: Report, scores: ReportScore) -> None:
    """Refuse ``scores`` made from another report: their periods and their office must be the
    report's (a writer would otherwise fail on the first unit it looks up)."""
    keys = [p.key for p in report.periods]
    scored = [p.key for p in scores.periods]
    if scored != keys or scores.current.root.code != report.root.code:
        raise LakipValueError(
            M_(
                "the scores are not of this report: they score {join} of {code}, "
                "the report has {join2} of {code2}",
                join=", ".join(scored),
                code=repr(scores.current.root.code),
                join2=", ".join(keys),
                code2=repr(report.root.code),
            ),
            field="scores",
        )


@attrs.frozen(repr=False)
class Assessment(Displayed, Tabular):
    """A report, its scores and its audit, made in one pass (:func:`lakipcore.assess`).

    ``scores`` is the :class:`ReportScore` of every period, each under the method resolved for
    it (given, named by the report, or inferred from its printed office row); ``findings`` the
    audit's :class:`Findings`, or ``None`` for an assessment made with ``audit=False`` (the
    scores alone, as ``lakip score`` needs them). ``source`` names the report's file.

    As an Arrow stream (``pyarrow.table(assessment)``, ``polars.DataFrame(assessment)``) it is
    the ``indicators`` table, one row per indicator and period (:func:`lakipcore.arrow.to_arrow`).
    """

    report: Report = attrs.field(validator=_report)
    scores: ReportScore = attrs.field(validator=_scores)
    findings: Findings | None = attrs.field(default=None, validator=_findings)
    source: str | None = None

    def __attrs_post_init__(self) -> None:
        check_scores_of(self.report, self.scores)

    @property
    def methods(self) -> Mapping[str, ScoringMethod]:
        """Each period's method, by period key, as resolved once for this assessment."""
        return MappingProxyType({p.key: p.method for p in self.scores.periods})

    @property
    def current(self) -> PeriodScore:
        """The scores of the report's main period."""
        return self.scores.current

    @property
    def problems(self) -> tuple[Problem, ...]:
        """The indicators that could not be scored (each is a ``not-scorable`` finding too)."""
        return self.scores.problems

    @property
    def audited(self) -> bool:
        """Whether the audit ran (``findings`` is not ``None``)."""
        return self.findings is not None

    @property
    def name(self) -> str:
        """The name an output gives the report: the file it came from, else its title."""
        return self.source or self.report.source or self.report.title or self.report.office

    def audit_findings(self, output: str) -> Findings:
        """The findings, for an output that shows them; a clear error when the assessment was
        made without the audit."""
        if self.findings is None:
            raise LakipValueError(
                M_(
                    "{output} shows the audit's findings: make the assessment with "
                    "lakipcore.assess(report) (audit=True, the default)",
                    output=output,
                ),
                field="assessment",
            )
        return self.findings
