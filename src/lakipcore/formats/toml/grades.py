"""Reading and writing the grade tables a report file defines (``[grades.NAME]``) and what
they grade (``[report] grading``).

A table is written as the report prints it, band by band from the lowest up (docs/format.md)::

    [grades.predikat-kinerja]
    source = "LKjIP Inspektorat Daerah Kabupaten Sampang 2019, Tabel 3.1"
    gaps = "round-to-band"        # printed in whole percents, one unit apart
    bands = [
      { to = "50%", letter = "Sangat Kurang" },
      { from = "51%", to = "65%", letter = "Kurang" },
      { from = "66%", to = "75%", letter = "Cukup" },
      { from = "76%", to = "90%", letter = "Baik" },
      { from = "91%", letter = "Sangat Baik" },
    ]
    scale = { low = "0%", high = "200%" }   # what the table may grade; capaian above 100 %

``from`` and ``to`` are included unless ``from-inclusive`` / ``to-inclusive`` is false; the
first band may leave out ``from`` (the scale's low end) and the last ``to`` (its high end).
The scale defaults to the range the bands cover, from 0 when the first band has no ``from``.

A table is held as printed (``GradeTable(printed=True)``): bands out of order, overlapping or
with gaps the table does not say how to read are kept, each a :class:`BandDefect
<lakipcore.surveys.BandDefect>` the audit reports where the band is printed, because a typo in
a printed table is a finding about the report, not a reason to refuse the file.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from lakipcore.figures import format_as_printed
from lakipcore.formats import document
from lakipcore.formats.toml.reader import Reader, Table, join
from lakipcore.i18n import M_
from lakipcore.notation import Notation
from lakipcore.surveys.grades import GRADE_TABLES, Band, GapReading, GradeTable
from lakipcore.surveys.scales import SCALES, Scale, get_scale

__all__ = ["grade_table_lines", "read_grade_table", "read_grade_tables", "read_grading"]


def read_grade_tables(reader: Reader, data: Table) -> tuple[GradeTable, ...]:
    """The grade tables of the file's ``[grades]`` table, in file order; errors collected."""
    tables = []
    for name, item in reader.table(data, "grades", "", required=False).items():
        path = join("grades", name)
        built = reader.collect(functools.partial(read_grade_table, reader, name, item, path))
        if built is not None:
            tables.append(built)
    return tuple(tables)


def read_grading(reader: Reader, head: Table) -> dict[str, str]:
    """``[report] grading = { capaian = "NAME" }``: which table grades what."""
    table = reader.table(head, "grading", "report", required=False)
    return {key: reader.required_text(table, key, "report.grading") for key in table}


def _percent_or_number(reader: Reader, item: Table, key: str, path: str) -> Decimal:
    figure = reader.figure(item, key, path)
    if figure.unit or figure.note or figure.currency:
        raise reader.fail(
            join(path, key),
            M_("a band end is a number or a percentage, got {text}", text=repr(figure.text)),
        )
    return figure.value


def read_grade_table(reader: Reader, name: str, item: object, path: str) -> GradeTable:
    """The grade table ``name`` written at ``path`` in the report file's form (module docs),
    held as printed; an error for the first thing that cannot be read."""
    if not isinstance(item, Mapping):
        raise reader.fail(path, M_("expected a table with the grade table's bands"))
    if name in GRADE_TABLES:
        raise reader.fail(
            path, M_("{name} is the name of a preset grade table; give it its own", name=repr(name))
        )
    reader.only(item, document.GRADE_TABLE, path)
    origin = reader.origin(path)  # made first: the bands' origins are made within it
    raw_bands = reader.array(item, "bands", path)
    if not raw_bands:
        raise reader.fail(join(path, "bands"), M_("a grade table needs at least one band"))
    ends: list[tuple[Decimal | None, Decimal | None]] = []
    for index, band in enumerate(raw_bands):
        bpath = f"{path}.bands[{index}]"
        reader.only(band, document.BAND, bpath)
        low = _percent_or_number(reader, band, "from", bpath) if "from" in band else None
        high = _percent_or_number(reader, band, "to", bpath) if "to" in band else None
        if low is None and index > 0:
            raise reader.fail(join(bpath, "from"), M_("only the first band may leave out 'from'"))
        if high is None and index < len(raw_bands) - 1:
            raise reader.fail(join(bpath, "to"), M_("only the last band may leave out 'to'"))
        ends.append((low, high))
    scale = _scale(reader, item, path, name, ends)
    bands = []
    for index, (band, (low, high)) in enumerate(zip(raw_bands, ends, strict=True)):
        bpath = f"{path}.bands[{index}]"
        with reader.placed(bpath, replace=True):
            bands.append(
                Band(
                    scale.low if low is None else low,
                    scale.high if high is None else high,
                    reader.required_text(band, "letter", bpath),
                    reader.text(band, "label", bpath, required=False) or "",
                    lower_inclusive=_inclusive(reader, band, "from-inclusive", bpath),
                    upper_inclusive=_inclusive(reader, band, "to-inclusive", bpath),
                    origin=reader.origin(bpath, path),
                )
            )
    gaps_name = reader.text(item, "gaps", path, required=False)
    with reader.placed(join(path, "gaps"), replace=True):
        gaps = GapReading.from_name(gaps_name) if gaps_name else GapReading.REFUSE
    with reader.placed(path):
        return GradeTable(
            name,
            scale,
            tuple(bands),
            reader.text(item, "source", path, required=False) or "",
            reader.text(item, "note", path, required=False) or "",
            gaps=gaps,
            printed=True,
            origin=origin,
        )


def _inclusive(reader: Reader, band: Table, key: str, path: str) -> bool:
    value = band.get(key, True)
    if not isinstance(value, bool):
        raise reader.fail(
            join(path, key), M_("expected true or false, got {value}", value=repr(value))
        )
    return value


def _scale(
    reader: Reader,
    item: Table,
    path: str,
    name: str,
    ends: list[tuple[Decimal | None, Decimal | None]],
) -> Scale:
    value = item.get("scale")
    if isinstance(value, str):
        with reader.placed(join(path, "scale"), replace=True):
            return get_scale(value)
    spath = join(path, "scale")
    table = reader.table(item, "scale", path, required=False)
    reader.only(table, document.SCALE, spath)
    low = _percent_or_number(reader, table, "low", spath) if "low" in table else None
    high = _percent_or_number(reader, table, "high", spath) if "high" in table else None
    # The range the bands cover, lowest to highest end: the first and last band's ends, unless
    # the table is printed out of order (held as printed, and reported by the audit).
    lows = [end for end, _ in ends if end is not None]
    highs = [end for _, end in ends if end is not None]
    if low is None:
        low = min(lows) if ends[0][0] is not None else min([Decimal(0), *lows])
    if high is None:
        if ends[-1][1] is None:
            raise reader.fail(spath, M_("the last band has no 'to': give the scale's high end"))
        high = max(highs)
    with reader.placed(spath, replace=True):
        return Scale(f"{name}-scale", low, high, "the range of the report's grade table")


def grade_table_lines(
    table: GradeTable, string: Any, notation: Notation = Notation.INDONESIAN
) -> list[str]:
    """The ``[grades.NAME]`` table of ``table``, band ends written in full."""

    def number(value: Decimal) -> str:
        return str(string(format_as_printed(value, notation)))

    lines = [f"[grades.{table.name}]"]
    if table.source:
        lines.append(f"source = {string(table.source)}")
    if table.note:
        lines.append(f"note = {string(table.note)}")
    if table.gaps is not GapReading.REFUSE:
        lines.append(f"gaps = {string(table.gaps.value)}")
    if table.scale.name in SCALES and SCALES[table.scale.name] == table.scale:
        lines.append(f"scale = {string(table.scale.name)}")
    else:
        low, high = number(table.scale.low), number(table.scale.high)
        lines.append(f"scale = {{ low = {low}, high = {high} }}")
    lines.append("bands = [")
    for band in table.bands:
        parts = [f"from = {number(band.lower)}", f"to = {number(band.upper)}"]
        parts.append(f"letter = {string(band.letter)}")
        if band.label:
            parts.append(f"label = {string(band.label)}")
        if not band.lower_inclusive:
            parts.append("from-inclusive = false")
        if not band.upper_inclusive:
            parts.append("to-inclusive = false")
        lines.append(f"  {{ {', '.join(parts)} }},")
    lines.append("]")
    return lines
