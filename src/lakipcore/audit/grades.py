"""The audit's check of the report's own grade tables: bands printed out of order, overlapping,
or with a gap the table does not say how to read.

A report file's ``[grades.NAME]`` is held as printed (:attr:`GradeTable.printed
<lakipcore.surveys.GradeTable.printed>`): the loader keeps such a table and records its
defects instead of refusing the file, and this check reports each defect at the band where it
shows. Scores the defect leaves without exactly one grade get none; a predikat printed for
one is a ``not-gradable`` finding of the predikat check, which says why.
"""

from __future__ import annotations

from types import MappingProxyType

import attrs

from lakipcore.audit.context import AuditContext
from lakipcore.i18n import N_, Message
from lakipcore.results.findings import Finding, FindingCode, Location, Subject, file_name
from lakipcore.surveys import BandDefect, BandDefectKind, GradeTable

__all__ = ["DEFECT_CODES", "check_grade_tables"]

DEFECT_CODES = MappingProxyType(
    {
        BandDefectKind.OVERLAP: FindingCode.OVERLAPPING_GRADE_BANDS,
        BandDefectKind.GAP: FindingCode.GRADE_BAND_GAP,
        BandDefectKind.ORDER: FindingCode.GRADE_BANDS_OUT_OF_ORDER,
    }
)
"""The finding code of each kind of band defect."""


def check_grade_tables(context: AuditContext) -> list[Finding]:
    """Each defect of each grade table the report defines, as a finding at its band."""
    root = context.report.root.code
    return [
        Finding(
            code=DEFECT_CODES[defect.kind],
            subject=Subject(root, table.name),
            period=None,  # a table of the whole report, not of a period
            location=_location(context, table, defect),
            text=defect.text,
        )
        for table in context.report.grade_tables
        for defect in table.defects
    ]


def _location(context: AuditContext, table: GradeTable, defect: BandDefect) -> Location:
    """Where the later-listed band of the two is printed (where a table built in Python would
    report the error), and the same in words."""
    index = defect.second
    origin = table.bands[index].origin
    if origin is None and table.origin is not None:
        origin = table.origin.child(f"bands[{index}]")
    if origin is None:  # a table built in Python: the path a report file would give it
        found = Location(file_name(context.source), f"grades.{table.name}.bands[{index}]")
    else:
        found = Location.of(origin, None, context.source)
    words = Message(N_("grade table {name}, band {number}"), name=table.name, number=str(index + 1))
    if found.line is not None:
        words = Message(N_("{place}; line {line}"), place=words, line=str(found.line))
    return attrs.evolve(found, words=words)
