"""Reading a hand-kept worksheet workbook, every bad cell named (the package docs describe what
is tolerated and what is refused)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import BinaryIO, NoReturn

from lakipcore.errors import LakipError, LakipTypeError, ReportFileError
from lakipcore.figures import parse_figure
from lakipcore.formats.excel import workbook_content
from lakipcore.formats.excel._cells import cell_text
from lakipcore.formats.excel._sheets import Grid, calamine_available, load_grids, openpyxl
from lakipcore.formats.excel.headers import fold_label, label_spellings
from lakipcore.formats.toml.reader import Reader
from lakipcore.i18n import LANGUAGES, M_, Message, language, translate
from lakipcore.limits import DEFAULT_LIMITS, Limits
from lakipcore.lke.audit import exact_text
from lakipcore.lke.design import Criterion, Design
from lakipcore.lke.designs import get_design
from lakipcore.lke.workbook.layout import (
    CODE,
    COLUMNS,
    DESIGN,
    LABELS,
    LAYER,
    SCAN_ROWS,
    UNIT,
    WORKSHEET_SHEET,
    layer_header,
)
from lakipcore.lke.worksheet import Response, Worksheet
from lakipcore.model.origin import Origin
from lakipcore.rounding import places_of

__all__ = ["read_workbook"]

# --- reading ---------------------------------------------------------------------------------


def _text(value: object) -> str | None:
    """A cell as text (a code, a name): ``None`` when empty; a whole number without its
    ``.0``."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return format(value, ".15g")
    return str(value)


def _layer_of(header: str) -> str | None:
    """The layer a ``Nilai mandiri`` header names (as written), or ``None``."""
    collapsed = " ".join(header.split())
    folded = collapsed.casefold()
    for lang in LANGUAGES:
        before, _, after = translate(LAYER, lang).partition("{layer}")
        before, after = before.casefold(), after.casefold()
        if (
            folded.startswith(before)
            and folded.endswith(after)
            and len(folded) > len(before) + len(after)
        ):
            source = collapsed if len(collapsed) == len(folded) else folded
            return source[len(before) : len(source) - len(after)].strip() or None
    return None


def _close(text: str, known: Sequence[str]) -> Message | str:
    close = difflib.get_close_matches(text, known, n=1, cutoff=0.6)
    return M_("; did you mean {value}?", value=repr(close[0])) if close else ""


def _find_sheet(grids: Mapping[str, Grid], source: str) -> tuple[Grid, int]:
    named = label_spellings(WORKSHEET_SHEET)
    codes = label_spellings(CODE)
    ordered = sorted(grids.values(), key=lambda grid: fold_label(grid.name) not in named)
    for grid in ordered:
        for row in range(min(grid.height, SCAN_ROWS)):
            for value in grid.values[row]:
                if isinstance(value, str) and fold_label(value) in codes:
                    return grid, row
    raise ReportFileError(
        M_(
            "no sheet has a header row with the column {header}",
            header=repr(translate(CODE)),
        ),
        source=source,
    )


class _Reading:
    """One worksheet sheet being read; its errors are collected (module docs)."""

    def __init__(self, grid: Grid, header: int, source: str, design: Design | None) -> None:
        self.grid, self.header, self.source, self.given = grid, header, source, design
        self.errors = Reader(source)  # collects the errors, and raises them all at once
        self.block: dict[str, tuple[object, str]] = {}  # key → (value, the value's cell)

    def fail(self, ref: str, message: Message) -> None:
        self.errors.errors.append(ReportFileError(message, field=ref, source=self.source))

    def value(self, row: int, column: int) -> object:
        try:
            return self.grid.value(row, column)
        except LakipError as error:
            self.errors.errors.append(error)
            return None

    def row_ref(self, row: int) -> str:
        return f"{self.grid.sheet}!{row + 1}"

    # --- the header block --------------------------------------------------------------------

    def read_block(self) -> None:
        labels = {name: key for key, msgid in LABELS for name in label_spellings(msgid)}
        first: dict[str, str] = {}
        for row in range(self.header):
            cells = self.grid.values[row]
            column = next((c for c, v in enumerate(cells) if _text(v) is not None), None)
            if column is None:
                continue
            key = labels.get(fold_label(str(cells[column])))
            if key is None:
                continue  # a title, or words about the sheet
            ref = self.grid.ref(row, column)
            if key in first:
                self.fail(
                    ref,
                    M_(
                        "{label} is given twice; the first is {first}",
                        label=repr(str(cells[column]).strip()),
                        first=first[key],
                    ),
                )
                continue
            first[key] = ref
            self.block[key] = (self.value(row, column + 1), self.grid.ref(row, column + 1))

    def design(self) -> Design:
        value, ref = self.block.get("design", (None, self.grid.ref(0, 0)))
        named = _text(value)
        if self.given is not None:
            if named is not None and named != self.given.name:
                self.fail(
                    ref,
                    M_(
                        "the sheet is for the design {named}, but the design {given} was passed",
                        named=repr(named),
                        given=repr(self.given.name),
                    ),
                )
            return self.given
        if named is None:
            self.fail(
                ref,
                M_(
                    "the sheet does not name its design: fill it in beside {label} above the "
                    "table, or pass design=",
                    label=repr(translate(DESIGN)),
                ),
            )
            self.stop()
        try:
            return get_design(named)
        except LakipError as error:
            self.errors.errors.append(error.relocated(field=ref, source=self.source))
            self.stop()

    def stop(self) -> NoReturn:
        """Raise the errors collected: what follows cannot be read without what failed."""
        self.errors.raise_collected()
        raise AssertionError  # pragma: no cover - there is an error to raise

    def unit(self) -> str:
        value, ref = self.block.get("unit", (None, self.grid.ref(0, 0)))
        unit = _text(value)
        if unit is None:
            self.fail(
                ref,
                M_(
                    "the sheet does not name the unit: fill in its code beside {label} above "
                    "the table",
                    label=repr(translate(UNIT)),
                ),
            )
            return "-"
        return unit

    def year(self) -> int | None:
        value, ref = self.block.get("year", (None, ""))
        text = _text(value)
        if text is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if re.fullmatch(r"[0-9]{1,6}", text):
            return int(text)
        self.fail(ref, M_("the year must be a whole number, got {value}", value=repr(text)))
        return None

    def declared_layers(self, design: Design) -> tuple[str, ...] | None:
        value, ref = self.block.get("layers", (None, ""))
        text = _text(value)
        if text is None:
            return None
        layers: list[str] = []
        folded: set[str] = set()
        for part in re.split(r"[,;]", text):
            name = " ".join(part.split())  # kept as written (its case), as the writer wrote it
            if not name:
                continue
            if name.casefold() in folded:
                self.fail(ref, M_("the score layer {layer} is named twice", layer=repr(name)))
                continue
            folded.add(name.casefold())
            layers.append(name)
        return tuple(layers) or None

    # --- the table -----------------------------------------------------------------------------

    def columns(
        self, design: Design, declared: tuple[str, ...] | None
    ) -> tuple[dict[str, int], dict[str, int]]:
        """The columns by role, and the layer columns by layer."""
        fixed = {name: key for key, msgid in COLUMNS for name in label_spellings(msgid)}
        known = declared if declared is not None else design.layers
        by_fold = {layer.casefold(): layer for layer in known}
        roles: dict[str, int] = {}
        layers: dict[str, int] = {}
        cells = self.grid.values[self.header]
        for column, raw in enumerate(cells):
            header = _text(raw)
            if header is None:
                continue  # a helper column
            ref = self.grid.ref(self.header, column)
            key = fixed.get(fold_label(header))
            layer = _layer_of(header) if key is None else None
            if key is not None:
                if key in roles:
                    first = self.grid.ref(self.header, roles[key])
                    self.fail(
                        ref,
                        M_(
                            "the column {header} appears twice; the first is {first}",
                            header=repr(header),
                            first=first,
                        ),
                    )
                    continue
                roles[key] = column
            elif layer is not None:
                name = by_fold.get(layer.casefold())
                if name is None and declared is not None:
                    self.fail(
                        ref,
                        M_(
                            "the column {header} is for layer {layer}, which the worksheet "
                            "does not have; its layers: {layers}",
                            header=repr(header),
                            layer=repr(layer),
                            layers=", ".join(declared),
                        ),
                    )
                    continue
                name = name or layer
                if name in layers:
                    first = self.grid.ref(self.header, layers[name])
                    self.fail(
                        ref,
                        M_(
                            "the column {header} appears twice; the first is {first}",
                            header=repr(header),
                            first=first,
                        ),
                    )
                    continue
                layers[name] = column
            else:
                expected = [translate(msgid) for _, msgid in COLUMNS]
                expected += [layer_header(layer, language()) for layer in known]
                self.fail(
                    ref,
                    M_(
                        "unknown column {header} (a column without a header is left out); "
                        "expected one of {known}{hint}",
                        header=repr(header),
                        known=", ".join(expected),
                        hint=_close(header, expected),
                    ),
                )
        expected_layers = declared if declared is not None else (tuple(layers) or design.layers)
        for name in expected_layers:
            if name not in layers:
                self.fail(
                    self.row_ref(self.header),
                    M_(
                        "no column for layer {layer}: add a column headed {header}",
                        layer=repr(name),
                        header=repr(layer_header(name, language())),
                    ),
                )
        return roles, {name: layers[name] for name in expected_layers if name in layers}

    def rows(
        self, design: Design, roles: dict[str, int], layers: dict[str, int]
    ) -> Iterator[Response]:
        ids = {criterion.id: criterion.id for criterion in design.criteria}
        folded: dict[str, str] = {}
        for known in ids:
            folded.setdefault(known.casefold(), known)
        headings = {c.id.casefold() for c in design.components}
        headings |= {p.id.casefold() for p in design.parts}
        seen: dict[str, str] = {}
        code_column = roles["code"]
        for row in range(self.header + 1, self.grid.height):
            if not self.grid.values[row] or all(_text(v) is None for v in self.grid.values[row]):
                continue
            code = _text(self.value(row, code_column))
            answers = {name: self.value(row, column) for name, column in layers.items()}
            evidence = self.value(row, roles["evidence"]) if "evidence" in roles else None
            note = self.value(row, roles["note"]) if "note" in roles else None
            data = any(_text(v) is not None for v in (*answers.values(), evidence, note))
            ref = self.grid.ref(row, code_column)
            if code is None:
                if data:
                    self.fail(
                        ref,
                        M_(
                            "the row has answers but no criterion code; fill in the code, or "
                            "clear the row"
                        ),
                    )
                continue
            identifier = ids.get(code) or folded.get(code.casefold())
            if identifier is None:
                if code.casefold() in headings:
                    if data:
                        self.fail(
                            ref,
                            M_(
                                "{id} is a component or a sub-component, not a criterion: "
                                "answer its criteria",
                                id=repr(code),
                            ),
                        )
                    continue
                self.fail(
                    ref,
                    M_(
                        "criterion {id} is not in the design {design}",
                        id=repr(code),
                        design=repr(design.name),
                    ),
                )
                continue
            if identifier in seen:
                self.fail(
                    ref,
                    M_(
                        "criterion {id} is listed twice; the first is {first}",
                        id=repr(identifier),
                        first=seen[identifier],
                    ),
                )
                continue
            seen[identifier] = ref
            response = self.response(design, identifier, row, roles, layers, answers, evidence)
            if response is not None:
                yield response

    def response(  # noqa: PLR0917 - a private helper passing a row's cells
        self,
        design: Design,
        identifier: str,
        row: int,
        roles: dict[str, int],
        layers: dict[str, int],
        answers: dict[str, object],
        evidence: object,
    ) -> Response | None:
        component, part, criterion = design.locate(identifier)
        del component
        if "weight" in roles:
            self.weight(criterion, part.weight_of(criterion), row, roles["weight"])
        codes: dict[str, str] = {}
        origins: dict[str, Origin] = {}
        for layer, value in answers.items():
            text = _text(value)
            if text is None:
                continue
            ref = self.grid.ref(row, layers[layer])
            answer = criterion.scale.find(text)
            if answer is None:
                self.fail(
                    ref,
                    M_(
                        "criterion {id}: {code} is not an answer of scale {scale}; answers: "
                        "{known}",
                        id=repr(identifier),
                        code=repr(text),
                        scale=repr(criterion.scale.name),
                        known=criterion.scale.codes_text,
                    ),
                )
                continue
            codes[layer] = answer.code
            origins[layer] = Origin(self.source, ref, None)
        percent = None
        if _text(evidence) is not None:
            percent = self.evidence(identifier, evidence, row, roles["evidence"])
        note = self.note(row, roles)
        if not codes and percent is None and not note:
            return None
        return Response(
            identifier,
            codes,
            evidence=percent,
            note=note,
            origin=Origin(self.source, self.grid.ref(row, roles["code"]), None),
            origins=origins,
        )

    def note(self, row: int, roles: dict[str, int]) -> str:
        if "note" not in roles:
            return ""
        value = self.grid.raw(row, roles["note"])
        if value is None:
            return ""
        return value if isinstance(value, str) else _text(value) or ""

    def number(self, value: object, row: int, column: int) -> Decimal | None:
        """A cell as an exact number, read as the report's cells are; ``None`` if it is not
        one."""
        ref = self.grid.ref(row, column)
        try:
            text = cell_text(value, self.grid.format(row, column), ref)
            return None if text is None else parse_figure(text, field=ref).value
        except LakipError:
            return None

    def evidence(self, identifier: str, value: object, row: int, column: int) -> Decimal | None:
        number = self.number(value, row, column)
        if number is None or not 0 <= number <= 100:
            self.fail(
                self.grid.ref(row, column),
                M_(
                    "criterion {id}: {value} is not an evidence percentage from 0 to 100",
                    id=repr(identifier),
                    value=repr(_text(value)),
                ),
            )
            return None
        return number

    def weight(self, criterion: Criterion, weight: Fraction, row: int, column: int) -> None:
        value = self.value(row, column)
        text = _text(value)
        if text is None:
            return
        ref = self.grid.ref(row, column)
        fraction = re.fullmatch(r"\s*([0-9]+)\s*/\s*([1-9][0-9]*)\s*", text)
        if fraction is not None:
            given: Fraction | None = Fraction(int(fraction[1]), int(fraction[2]))
            places = None
        else:
            number = self.number(value, row, column)
            given = None if number is None else Fraction(number)
            places = None if number is None else places_of(number)
        if given is None:
            self.fail(
                ref,
                M_(
                    "criterion {id}: {value} is not a weight; write it as a number or as a "
                    "fraction such as 6/7",
                    id=repr(criterion.id),
                    value=repr(text),
                ),
            )
            return
        if given == weight:
            return
        if places is not None and places >= 2 and abs(given - weight) * 2 * 10**places <= 1:
            return  # the weight rounded to the cell's decimals
        self.fail(
            ref,
            M_(
                "criterion {id}: the weight {weight} contradicts the design's weight {expected}",
                id=repr(criterion.id),
                weight=text,
                expected=exact_text(weight),
            ),
        )

    # --- the whole -----------------------------------------------------------------------------

    def worksheet(self) -> Worksheet:
        self.read_block()
        design = self.design()
        unit = self.unit()
        name_value = self.block.get("name", (None, ""))[0]
        name = name_value if isinstance(name_value, str) else _text(name_value) or ""
        year = self.year()
        declared = self.declared_layers(design)
        roles, layers = self.columns(design, declared)
        responses = list(self.rows(design, roles, layers))
        self.errors.raise_collected()
        chosen = declared if declared is not None else (tuple(layers) or design.layers)
        try:
            return Worksheet(
                design,
                unit,
                responses,
                name,
                year,
                chosen,
                source=self.source,
                origin=Origin(self.source, self.grid.ref(0, 0), None),
            )
        except LakipError as error:
            raise error.relocated(field=self.grid.ref(0, 0), source=self.source) from None


def read_workbook(
    path: str | Path | bytes | BinaryIO,
    *,
    design: Design | None = None,
    limits: Limits = DEFAULT_LIMITS,
    source: str | None = None,
) -> Worksheet:
    """A worksheet from the workbook at ``path`` (or its bytes, or a binary file object: an
    upload), in the layout of :func:`write_template` (module docs): ``design`` when given, else
    the shipped design its header block names. Every bad cell is an error naming the cell and
    the criterion, all of them raised at once (:class:`~lakipcore.ReportFileError`); the
    workbook is checked against ``limits`` before its cells are read. ``source`` names the
    workbook in errors and origins (default: the path, or ``workbook.xlsx`` for bytes and
    streams). Needs openpyxl (``lakipcore[excel]``)."""
    if not isinstance(limits, Limits):
        raise LakipTypeError(
            M_("expected Limits, got {type}", type=type(limits).__name__), field="limits"
        )
    if design is not None and not isinstance(design, Design):
        raise LakipTypeError(
            M_("expected a Design, got {type}", type=type(design).__name__), field="design"
        )
    content, source = workbook_content(path, source, limits)
    openpyxl()  # the extra's error, when it is missing
    reader = "calamine" if calamine_available() else "openpyxl"
    grids = load_grids(content, source, reader=reader, limits=limits)
    grid, header = _find_sheet(grids, source)
    return _Reading(grid, header, source, design).worksheet()
