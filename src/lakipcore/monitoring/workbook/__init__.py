"""The Excel layout offices keep for monitoring during the year, written and read back.

The **monitoring sheet** has a row per indicator: the unit's code and name, the indicator's
code and name, its to-date method, and for each period of the year (its quarters or its
months) a pair of columns ``Target <period>`` / ``Realisasi <period>`` (``Target Triwulan I
2024``, ``Realisasi Januari 2024``). Beside them, optional columns say what the report file
says of an indicator where it matters to its capaian: the unit of measure (``Satuan``: a label
such as ``Laporan``, or ``%``), the polarity, the formula, plain values, the predikat scale,
the index scale, the phasing, the baseline, and the year's target (``Target Tahun Anggaran
2024``). Above the header row, a small block may name the office (its code and name) and the
scoring method of the year's periods.

:func:`write_monitoring_workbook` writes that sheet from an assessment: each target as the
report writes it (``10 Laporan``, ``80%``, ``Tidak ditargetkan``), each realisation as
scored (stated, derived or accumulated, written exactly, in the Indonesian notation), a
not-reported one as printed (``n/a``); and a second sheet with the monitoring itself, for
people (capaian to date, status and its reason, the projection marked as one), which is never
read.

:func:`read_monitoring_workbook` reads a sheet of that layout, written by hand or by the
writer, into a :class:`~lakipcore.model.Report`. The header row is found among the first rows
of the first sheet that has one (so a title may sit above it); columns are found by their
header in Indonesian or English and may be moved, and columns it does not know (a
``Keterangan``, a computed ``Capaian``) are left alone. A cell holds text as the report file
writes it (``12 Laporan``, ``98,75%``, ``7,1``) or a number, which is read with its cell's
format (``0,9875`` formatted ``0.00%`` is ``98,75%``) and takes the unit of measure of its row
(``12`` with ``Satuan`` ``Laporan`` is ``12 Laporan``; with ``%``, ``12%``); a bare number
typed as text takes it too.

**An empty cell.** An empty target (and realisation) means the indicator has no entry in the
period. An empty realisation beside a target means the period has no realisation for it:
a period where *no* indicator has a realisation is a period not yet reached (``planned =
true``: targets only); in a period where some indicator has one, an empty realisation is
written ``n/a`` (not reported: the period is named missing, never read as 0). A realisation
without its target is an error. The year's target, where given, makes the year's period
(``planned``, targets only).

The data read is the report file's (docs/format.md), checked by the report-file loader, so
every error names its cell (``Monitoring!F7``) and all of them are raised at once
(:class:`~lakipcore.ReportFileError`). Several units without an office in the block are put
under an office named after the sheet, whose code is ``office``. A report written and read
back monitors equal to the original, its source and budgets aside (the sheet holds no budget).

Both functions need openpyxl (``lakipcore[excel]``), imported on first use.
"""

from __future__ import annotations

from lakipcore.monitoring.workbook.layout import MONITORING_SHEET, RESULT_SHEET
from lakipcore.monitoring.workbook.reader import read_monitoring_workbook
from lakipcore.monitoring.workbook.writer import write_monitoring_workbook

__all__ = [
    "MONITORING_SHEET",
    "RESULT_SHEET",
    "read_monitoring_workbook",
    "write_monitoring_workbook",
]
