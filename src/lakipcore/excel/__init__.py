"""Excel workbooks in and out (docs/excel.md): the public namespace.

:func:`read_workbook` reads a report from a workbook (a reader, :mod:`lakipcore.formats.excel`);
:func:`write_workbook` writes an assessed report, its scores and its findings (a writer,
:mod:`lakipcore.render.workbook`). Both need openpyxl, the ``lakipcore[excel]`` extra, imported
on first use; python-calamine is used, when installed, to read workbooks faster.
"""

from lakipcore.formats.excel import READERS, choose_reader, read_workbook
from lakipcore.render.workbook import write_workbook

__all__ = ["READERS", "choose_reader", "read_workbook", "write_workbook"]
