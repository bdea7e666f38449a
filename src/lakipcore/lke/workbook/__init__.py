"""Worksheets (*LKE*) as Excel workbooks, in the layout evaluators keep them.

:func:`write_template` writes an empty worksheet of a design to fill in, :func:`read_workbook`
reads a filled one (or one kept by hand in this layout) into a
:class:`~lakipcore.lke.Worksheet`, and :func:`write_workbook` writes an
:class:`~lakipcore.lke.Evaluation`: the filled worksheet, which :func:`read_workbook` reads back
to an equal worksheet, with its scores and the audit's findings on sheets of their own. All
three need openpyxl (the ``lakipcore[excel]`` extra), imported on first use.

The worksheet sheet (``LKE``; ``Worksheet`` in English) starts with a header block, a label in
the first column and its value beside it::

    Desain            permenpanrb-88-2021   LKE AKIP menurut PermenPAN-RB 88/2021
    Kode unit         kanwil-contoh
    Nama unit         Kantor Wilayah Contoh
    Tahun             2023
    Lapis penilaian   mandiri, penilai

then, after a blank row, the table: one row per criterion, with the columns ``Komponen``,
``Sub-komponen``, ``Kode kriteria``, ``Kriteria``, ``Bobot`` (the criterion's weight, exact:
a number where its decimal expansion ends, else the fraction ``6/7`` as text), one column per
score layer (``Nilai mandiri``, ``Nilai penilai``) holding answer codes, ``Bukti (%)`` (the
percentage of evidence met) and ``Catatan`` (a note). Headers and labels are written in the
language in force (``lang``); the reader takes them in Indonesian or English, in any case and
spacing, and the columns in any order. The template's answer cells offer each criterion's
answers as a list (a data validation), its evidence cells a number from 0 to 100.

Reading is strict where a cell is data and tolerant where it is not:

* the worksheet sheet is the one named ``LKE`` (or ``Worksheet``), else the first sheet with a
  ``Kode kriteria`` header in its first 100 rows; the rows above that header are the header
  block: a row whose first cell is not one of the labels (a title) is left out;
* the design is ``design=`` when given (a design the block names otherwise is an error), else
  the shipped design the block names; ``Lapis penilaian`` lists the layers (else the layer
  columns found, else the design's);
* ``Komponen``, ``Sub-komponen`` and ``Kriteria`` describe the row and are not read; a ``No.``
  column and a column without a header are left out; any other column is refused by name (a
  misspelt ``Catatan`` would otherwise be lost without a word), with the closest header;
* a blank row is skipped, and so is a row without a criterion code and without answers,
  evidence or note (a heading or a total row), or whose code is a component's or
  sub-component's;
* an answer is matched as the scale matches it (:meth:`~lakipcore.lke.AnswerScale.find`:
  trimmed, any case) and kept as the scale writes it; criterion codes are matched exactly, else
  in any case;
* a ``Bobot`` cell agrees with the design when it is the criterion's exact weight, or the
  weight rounded to the cell's own decimal places (at least two): ``0,86`` for 6/7.

Every bad cell is an error naming the cell (``LKE!F12``) and the criterion: an answer not on
the criterion's scale, a criterion the design does not have, a criterion listed twice, a
weight that contradicts the design's, an evidence percentage outside 0–100, a missing layer
column, an unknown column; all of a file's are raised at once, as one
:class:`~lakipcore.ReportFileError` whose ``errors`` lists them. Each response's origin is its
criterion-code cell, and each answer's its own cell, so the audit's findings point at cells.

What an evaluation report prints of a worksheet (:attr:`~lakipcore.lke.Worksheet.printed`) is
not part of this layout: a workbook carries the answers; keep the printed figures in the
worksheet's TOML file. The scores (``Nilai``) and findings (``Temuan``) sheets are written for
people and never read: every computed predikat is labelled a simulation.
"""

from __future__ import annotations

from lakipcore.lke.workbook.layout import FINDINGS_SHEET, SCORES_SHEET, WORKSHEET_SHEET
from lakipcore.lke.workbook.reader import read_workbook
from lakipcore.lke.workbook.writer import write_template, write_workbook

__all__ = [
    "FINDINGS_SHEET",
    "SCORES_SHEET",
    "WORKSHEET_SHEET",
    "read_workbook",
    "write_template",
    "write_workbook",
]
