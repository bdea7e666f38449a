"""Writing an assessed report, its scores and its audit to an .xlsx workbook (lakipcore's layout).

The data sheets (:mod:`lakipcore.render.workbook_sheets`) hold the whole report, which
:func:`lakipcore.excel.read_workbook` reads back to the same report. ``Dashboard``,
``Perubahan`` and ``Temuan`` are computed: the scores and the audit's findings, read from the
assessment. A printed figure the audit flags is filled red (an error) or amber (a warning) in
``Tercetak`` (or in ``Data dukung`` for an evidence total), with a comment giving the
recomputed value and the reason.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from lakipcore.figures import format_number
from lakipcore.formats.excel import _layout as layout
from lakipcore.formats.excel._sheets import openpyxl
from lakipcore.formats.toml import dump_report
from lakipcore.model import PrintedFigure
from lakipcore.render.common import assessment_of
from lakipcore.render.workbook_sheets import FILLS, DataSheets, Sheet, number
from lakipcore.results.assessment import Assessment
from lakipcore.results.scores import IndicatorScore

__all__ = ["write_workbook"]


# The workbook's sheets and headers are Indonesian: its findings speak it too, whatever the
# process's default language (docs/language.md).
WORKBOOK_LANGUAGE = "id"


class _Writer(DataSheets):
    def __init__(self, assessment: Assessment) -> None:
        report = assessment.report
        self.report = report
        self.data = tomllib.loads(dump_report(report))  # the file's layout, for rules and tables
        self.book = openpyxl().Workbook()
        self.book.remove(self.book.active)
        self.scored = assessment.scores
        self.findings = assessment.audit_findings("write_workbook")
        # A flagged figure is found by the origin the loader gave it (its field path).
        self.flagged: dict[str, list[Any]] = {}
        for finding in self.findings:
            if finding.location.field is not None and finding.severity.value in FILLS:
                self.flagged.setdefault(finding.location.field, []).append(finding)

    # --- computed sheets ---------------------------------------------------------------------

    def dashboard(self) -> None:
        sheet = Sheet(
            self.book, layout.DASHBOARD, [(h, h) for h in layout.DASHBOARD_HEADERS], identifying=4
        )
        for period in self.scored.periods:
            for unit in period.root.walk():
                sheet.add(
                    dict(
                        zip(
                            layout.DASHBOARD_HEADERS,
                            (
                                period.key,
                                period.method.name,
                                unit.code,
                                unit.name,
                                *self._percents(unit.achievement, unit.absorption),
                                *self._percents(unit.performance),
                                *(
                                    None if v is None else number(v)
                                    for v in (unit.pagu, unit.realisation)
                                ),
                            ),
                            strict=True,
                        )
                    ),
                    {
                        "Capaian kinerja": "0.00%",
                        "Penyerapan anggaran": "0.00%",
                        "Kinerja": "0.00%",
                        "Pagu": "#,##0",
                        "Realisasi": "#,##0",
                    },
                )

    @staticmethod
    def _percents(*values: Decimal | None) -> list[float | None]:
        return [None if v is None else float(v) / 100 for v in values]

    def changes(self) -> None:
        sheet = Sheet(
            self.book, layout.CHANGES, [(h, h) for h in layout.CHANGE_HEADERS], identifying=4
        )
        fmt = dict.fromkeys(layout.CHANGE_HEADERS[4:], "0.00")
        for change in self.scored.changes:
            rows = [(self.report.root.code, self.report.root.name, change.office)]
            rows += [(u.code, u.name, u.change) for u in change.units]
            for code, name, values in rows:
                shown = [
                    None if v is None else float(v)
                    for v in (values.achievement, values.absorption, values.performance)
                ]
                sheet.add(
                    dict(
                        zip(
                            layout.CHANGE_HEADERS,
                            (change.earlier, change.later, code, name, *shown),
                            strict=True,
                        )
                    ),
                    fmt,
                )

    def findings_sheet(self) -> None:
        sheet = Sheet(self.book, layout.FINDINGS, [(h, h) for h in layout.FINDING_HEADERS])
        for finding in self.findings:
            location = finding.location
            # Where the figure is, in words ("…; baris 255"): the workbook is one report's,
            # so no file (and never a directory) is named.
            where = location.said(WORKBOOK_LANGUAGE)
            recomputed = finding.recomputed
            cells = sheet.add(
                dict(
                    zip(
                        layout.FINDING_HEADERS,
                        (
                            finding.code.value,
                            finding.severity.value,
                            finding.subject.unit,
                            finding.subject.item,
                            finding.period,
                            where,
                            location.place,
                            finding.published,
                            None
                            if recomputed is None
                            else format_number(
                                recomputed, finding.places if finding.places is not None else 4
                            ),
                            finding.message_in(WORKBOOK_LANGUAGE),
                        ),
                        strict=True,
                    )
                )
            )
            fill = FILLS.get(finding.severity.value)
            if fill:
                cells["Kode"].fill = openpyxl().styles.PatternFill("solid", fgColor=fill)

    # --- data sheets -------------------------------------------------------------------------

    def flag(self, cell: Any, figure: PrintedFigure | None, origin_path: str | None) -> str | None:
        """Highlight ``cell`` when the audit flagged the figure; the finding codes, or None."""
        path = (
            origin_path
            if origin_path is not None
            else (figure.origin.path if figure and figure.origin else None)
        )
        found = self.flagged.get(path) if path else None
        if not found:
            return None
        worst = "error" if any(f.severity.value == "error" for f in found) else "warning"
        styles = openpyxl()
        cell.fill = styles.styles.PatternFill("solid", fgColor=FILLS[worst])
        lines = []
        for f in found:
            places = f.places if f.places is not None else 4
            value = (
                ""
                if f.recomputed is None
                else f"dihitung ulang {format_number(f.recomputed, places)}: "
            )
            lines.append(f"{f.code.value}: {value}{f.message_in(WORKBOOK_LANGUAGE)}")
        cell.comment = styles.comments.Comment("\n".join(lines), "lakipcore")
        return ", ".join(f.code.value for f in found)

    def indicator_score(self, unit: str, code: str, period: str) -> IndicatorScore | None:
        scores = self.scored.period(period)
        if not scores.has_unit(unit):
            return None
        try:
            return scores.unit(unit).indicator(code)
        except KeyError:
            return None

    def output_absorption(self, unit: str, period: str, index: int) -> Decimal | None:
        scores = self.scored.period(period)
        if not scores.has_unit(unit):
            return None
        outputs = scores.unit(unit).outputs
        return outputs[index].absorption if index < len(outputs) else None


def write_workbook(assessment: Assessment, path: str | Path) -> Path:
    """Write the assessed report with its scores and audit findings to the workbook ``path``
    (.xlsx), all read from ``assessment`` (:func:`lakipcore.assess`).

    The data sheets hold the whole report, exact values as text, so :func:`read_workbook`
    gives back an equal report; ``Dashboard``, ``Perubahan`` and ``Temuan`` hold the scores
    and the findings, a flagged printed figure is filled and commented. Returns the path
    written. Needs openpyxl (``lakipcore[excel]``).
    """
    writer = _Writer(assessment_of(assessment, "write_workbook"))
    writer.dashboard()
    writer.indicators()
    writer.budget()
    writer.changes()
    writer.findings_sheet()
    writer.printed()
    writer.evidence()
    writer.units()
    writer.report_sheets()
    writer.definitions()
    target = Path(path)
    writer.book.save(target)
    return target
