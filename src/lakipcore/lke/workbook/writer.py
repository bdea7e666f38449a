"""Writing worksheets as workbooks: an empty template of a design, and a filled worksheet with
its scores and findings (the package docs describe the layout)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from lakipcore.errors import InvalidValueError, LakipTypeError
from lakipcore.figures import format_number
from lakipcore.formats.excel._cells import xlsx_string
from lakipcore.formats.excel._sheets import openpyxl
from lakipcore.i18n import M_, language, translate
from lakipcore.lke.design import Design
from lakipcore.lke.evaluation import Evaluation
from lakipcore.lke.render import SIMULATION_LABEL, exact_string
from lakipcore.lke.scoring import EvaluationScore, finite_decimal
from lakipcore.lke.workbook.layout import (
    ANSWER_ERROR,
    COLUMNS,
    COMPONENT,
    EVIDENCE_ERROR,
    EXACT,
    EXCEL_DIGITS,
    FINDINGS_SHEET,
    HEADER_FILL,
    HEADER_ROW,
    ID,
    INPUT_FILL,
    ITEM,
    LABELS,
    LEVEL,
    LIST_LIMIT,
    MESSAGE,
    NOT_SCORED,
    PART,
    POINTS,
    PREDIKAT,
    RECOMPUTED,
    SCORES_SHEET,
    SEVERITY,
    TEXT,
    TOTAL,
    UNANSWERED,
    WEIGHT,
    WHERE,
    WIDTHS,
    WORKSHEET_SHEET,
    WRITTEN,
    layer_header,
    reference,
)
from lakipcore.lke.worksheet import Response, Worksheet
from lakipcore.render.workbook_sheets import FILLS, Sheet
from lakipcore.results.findings import SEVERITY_WORDS, Finding
from lakipcore.rounding import Rounding, places_of, round_fraction

__all__ = ["write_template", "write_workbook"]

# --- writing ---------------------------------------------------------------------------------


def _text_cell(ws: Any, row: int, column: int, value: str) -> Any:
    cell = ws.cell(row, column, xlsx_string(value))
    cell.data_type = "s"  # text that starts with '=' stays text, never a formula
    return cell


def _significant_digits(value: Decimal) -> int:
    """The significant digits of ``value``, trailing zeros not counted (read from its digit
    tuple: ``normalize()`` would round in the caller's decimal context)."""
    digits = "".join(map(str, value.as_tuple().digits)).lstrip("0").rstrip("0")
    return max(len(digits), 1)


def _number_cell(ws: Any, row: int, column: int, value: Decimal) -> Any:
    """``value`` exactly: a number showing its decimals where a cell's double holds it (15
    significant digits, as Excel shows them), else the text ``1.234,5678…`` in the
    Indonesian style, which the reader reads back exactly."""
    if _significant_digits(value) > EXCEL_DIGITS:
        return _text_cell(ws, row, column, format_number(value))
    integral = value == value.to_integral_value()
    cell = ws.cell(row, column, int(value) if integral else float(value))
    places = max(places_of(value), 0)
    cell.number_format = "0." + "0" * places if places else "0"
    return cell


def _weight_cell(ws: Any, row: int, column: int, weight: Fraction) -> Any:
    """The weight exactly: a number where its decimal expansion ends, else ``6/7`` as text."""
    finite = finite_decimal(weight)
    if finite is None:
        return _text_cell(ws, row, column, exact_string(weight))
    return _number_cell(ws, row, column, finite)


def _check_layers(layers: Sequence[str]) -> None:
    """Refuse a layer name the workbook cannot give back as written: the ``Score layers``
    cell lists the names split at commas and semicolons, and a header is read with its spaces
    trimmed and collapsed and in any case."""
    folded: set[str] = set()
    for layer in layers:
        if "," in layer or ";" in layer or " ".join(layer.split()) != layer or not layer:
            raise InvalidValueError(
                M_(
                    "the score layer {layer} cannot be written to a workbook: a layer's name "
                    "there has no comma or semicolon, no space at either end and no doubled "
                    "space",
                    layer=repr(layer),
                ),
                field="layers",
            )
        if layer.casefold() in folded:
            raise InvalidValueError(
                M_("the score layer {layer} is named twice", layer=repr(layer)), field="layers"
            )
        folded.add(layer.casefold())


class _Layout:
    """The worksheet sheet being written: its columns and, after :meth:`write`, the row of
    each criterion."""

    def __init__(self, book: Any, design: Design, layers: Sequence[str], lang: str) -> None:
        self.book, self.design, self.layers, self.lang = book, design, tuple(layers), lang
        _check_layers(self.layers)
        self.ws = book.create_sheet(translate(WORKSHEET_SHEET, lang))
        keys = ["component", "part", "code", "text", "weight"]
        keys += [f"layer:{layer}" for layer in self.layers] + ["evidence", "note"]
        self.columns = {key: index for index, key in enumerate(keys, 1)}
        self.rows: dict[str, int] = {}

    def ref(self, row: int, key: str) -> str:
        letter = openpyxl().utils.get_column_letter(self.columns[key])
        return reference(self.ws.title, f"{letter}{row}")

    def header(self, key: str) -> str:
        if key.startswith("layer:"):
            return layer_header(key.removeprefix("layer:"), self.lang)
        return translate(dict(COLUMNS)[key], self.lang)

    def block(self, unit: str, name: str, year: int | None) -> None:
        styles = openpyxl().styles
        values: dict[str, object] = {
            "design": self.design.name,
            "unit": unit,
            "name": name,
            "year": year,
            "layers": ", ".join(self.layers),
        }
        for row, (key, label) in enumerate(LABELS, 1):
            self.ws.cell(row, 1, translate(label, self.lang)).font = styles.Font(bold=True)
            value = values[key]
            cell = (
                _text_cell(self.ws, row, 2, value)
                if isinstance(value, str) and value
                else self.ws.cell(row, 2, value if value != "" else None)
            )
            cell.fill = styles.PatternFill("solid", fgColor=INPUT_FILL)
        _text_cell(self.ws, 1, 3, self.design.title).font = styles.Font(italic=True)

    def write(self, responses: Mapping[str, Response]) -> None:
        """The header row and a row per criterion, answered as ``responses`` say."""
        styles = openpyxl().styles
        ws, letter = self.ws, openpyxl().utils.get_column_letter
        for key, column in self.columns.items():
            cell = ws.cell(HEADER_ROW, column, self.header(key))
            cell.font = styles.Font(bold=True)
            cell.fill = styles.PatternFill("solid", fgColor=HEADER_FILL)
            cell.alignment = styles.Alignment(wrap_text=True, vertical="top")
            width = WIDTHS.get(key.partition(":")[0], 12)
            ws.column_dimensions[letter(column)].width = width
        wrap = styles.Alignment(wrap_text=True, vertical="top")
        for row, (component, part, criterion) in enumerate(self.design.walk(), HEADER_ROW + 1):
            self.rows[criterion.id] = row
            _text_cell(ws, row, self.columns["component"], f"{component.id} {component.name}")
            _text_cell(ws, row, self.columns["part"], f"{part.id} {part.name}")
            _text_cell(ws, row, self.columns["code"], criterion.id)
            _text_cell(ws, row, self.columns["text"], criterion.text).alignment = wrap
            _weight_cell(ws, row, self.columns["weight"], part.weight_of(criterion))
            response = responses.get(criterion.id)
            if response is None:
                continue
            for layer, code in response.answers.items():
                _text_cell(ws, row, self.columns[f"layer:{layer}"], code)
            if response.evidence is not None:
                _number_cell(ws, row, self.columns["evidence"], response.evidence)
            if response.note:
                _text_cell(ws, row, self.columns["note"], response.note).alignment = wrap
        last = HEADER_ROW + max(len(self.rows), 1)
        ws.freeze_panes = f"D{HEADER_ROW + 1}"
        ws.auto_filter.ref = f"A{HEADER_ROW}:{letter(len(self.columns))}{last}"
        self.validations(last)

    def validations(self, last: int) -> None:
        """Each answer cell offers its criterion's answers; each evidence cell 0–100."""
        module = openpyxl()
        validation = module.worksheet.datavalidation.DataValidation
        letter = module.utils.get_column_letter
        by_scale: dict[tuple[str, ...], list[str]] = {}
        for criterion in self.design.criteria:
            row = self.rows[criterion.id]
            cells = [f"{letter(self.columns[f'layer:{layer}'])}{row}" for layer in self.layers]
            by_scale.setdefault(criterion.scale.codes, []).extend(cells)
        error = translate(ANSWER_ERROR, self.lang)
        for codes, cells in by_scale.items():
            listed = ",".join(codes)
            if len(listed) + 2 > LIST_LIMIT or '"' in listed or any("," in c for c in codes):
                continue  # a list Excel cannot hold: the reader checks the answers anyway
            rule = validation(type="list", formula1=f'"{listed}"', allow_blank=True)
            rule.error, rule.showErrorMessage = error, True
            for cell in cells:
                rule.add(cell)
            self.ws.add_data_validation(rule)
        column = letter(self.columns["evidence"])
        rule = validation(
            type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True
        )
        rule.error, rule.showErrorMessage = translate(EVIDENCE_ERROR, self.lang), True
        rule.add(f"{column}{HEADER_ROW + 1}:{column}{last}")
        self.ws.add_data_validation(rule)


def _new_book() -> Any:
    book = openpyxl().Workbook()
    book.remove(book.active)
    return book


def _layers(design: Design, layers: Sequence[str] | None) -> tuple[str, ...]:
    if layers is None:
        return design.layers
    if isinstance(layers, str):
        raise LakipTypeError(
            M_("expected the layers as a list of names, got the str {value}", value=repr(layers)),
            field="layers",
        )
    return tuple(layers)


def write_template(
    design: Design,
    path: str | Path,
    *,
    unit: str = "",
    name: str = "",
    year: int | None = None,
    layers: Sequence[str] | None = None,
    lang: str | None = None,
) -> Path:
    """Write an empty worksheet of ``design`` to fill in (module docs) to ``path`` (.xlsx):
    the header block (``unit``, ``name``, ``year``, ``layers``: the design's unless given),
    a row per criterion with its weight, and an answer column per layer offering each
    criterion's answers as a list. Headers are in ``lang`` (the language in force unless
    given). Returns the path written. Needs openpyxl (``lakipcore[excel]``)."""
    if not isinstance(design, Design):
        raise LakipTypeError(
            M_("expected a Design, got {type}", type=type(design).__name__), field="design"
        )
    chosen = _layers(design, layers)
    # Checked as a worksheet checks them: a layer named twice, a unit that is not text.
    Worksheet(design, unit or "-", {}, name, year, chosen)
    book = _new_book()
    layout = _Layout(book, design, chosen, language(lang))
    layout.block(unit, name, year)
    layout.write({})
    target = Path(path)
    book.save(target)
    return target


def _shown(value: Fraction, places: int, rounding: Rounding) -> float:
    return float(round_fraction(value, places, rounding))


class _Scores:
    """The scores sheet: a row per component, sub-component and criterion, then the total,
    the predikat (a simulation) and what was not scored, per layer."""

    def __init__(
        self, book: Any, evaluation: Evaluation, places: int, rounding: Rounding, lang: str
    ) -> None:
        self.evaluation, self.places, self.rounding, self.lang = (
            evaluation,
            places,
            rounding,
            lang,
        )
        self.layers = tuple(evaluation.scores)
        columns = [("level", LEVEL), ("id", ID), ("name", ITEM), ("weight", WEIGHT)]
        headers = [(key, translate(msgid, lang)) for key, msgid in columns]
        for layer in self.layers:
            headers += [
                (f"answer:{layer}", layer_header(layer, lang)),
                (f"points:{layer}", M_(POINTS, layer=layer).render(lang)),
                (f"exact:{layer}", M_(EXACT, layer=layer).render(lang)),
            ]
        self.sheet = Sheet(book, translate(SCORES_SHEET, lang), headers, identifying=2)
        self.number = "0." + "0" * places if places > 0 else "0"

    def scored(self) -> dict[str, EvaluationScore]:
        return {k: v for k, v in self.evaluation.scores.items() if isinstance(v, EvaluationScore)}

    def points(self, values: dict[str, object], layer: str, points: Fraction | None) -> None:
        if points is not None:
            values[f"points:{layer}"] = _shown(points, self.places, self.rounding)
            values[f"exact:{layer}"] = exact_string(points)

    def write(self) -> None:
        t = self.lang
        scored = self.scored()
        formats = {f"points:{layer}": self.number for layer in self.layers}
        components = {
            layer: {c.component.id: c for c in s.components} for layer, s in scored.items()
        }
        parts = {layer: {p.part.id: p for p in s.parts} for layer, s in scored.items()}
        criteria = {layer: {c.criterion.id: c for c in s.criteria} for layer, s in scored.items()}
        design = self.evaluation.worksheet.design
        bold = openpyxl().styles.Font(bold=True)
        for component in design.components:
            values: dict[str, object] = {
                "level": translate(COMPONENT, t),
                "id": component.id,
                "name": component.name,
                "weight": format(component.weight, "f"),
            }
            for layer in scored:
                self.points(values, layer, components[layer][component.id].points)
            for cell in self.sheet.add(values, formats).values():
                cell.font = bold
            for part in component.parts:
                values = {
                    "level": translate(PART, t),
                    "id": part.id,
                    "name": part.name,
                    "weight": format(part.weight, "f"),
                }
                for layer in scored:
                    self.points(values, layer, parts[layer][part.id].points)
                self.sheet.add(values, formats)
                for criterion in part.criteria:
                    values = {
                        "level": translate(TEXT, t),
                        "id": criterion.id,
                        "name": criterion.text,
                        "weight": exact_string(part.weight_of(criterion)),
                    }
                    for layer in scored:
                        found = criteria[layer][criterion.id]
                        if found.answer is not None:
                            values[f"answer:{layer}"] = found.answer.code
                        self.points(values, layer, found.points)
                    self.sheet.add(values, formats)
        self.totals(scored, formats)

    def totals(self, scored: dict[str, EvaluationScore], formats: dict[str, str]) -> None:
        t = self.lang
        bold = openpyxl().styles.Font(bold=True)
        self.sheet.add({})
        total: dict[str, object] = {"level": translate(TOTAL, t)}
        total["weight"] = format(self.evaluation.worksheet.design.total, "f")
        predikat: dict[str, object] = {"level": translate(PREDIKAT, t)}
        unanswered: dict[str, object] = {"level": translate(UNANSWERED, t)}
        failed: dict[str, object] = {"level": translate(NOT_SCORED, t)}
        for layer, found in self.evaluation.scores.items():
            if isinstance(found, EvaluationScore):
                self.points(total, layer, found.total)
                label = f" ({found.band.label})" if found.band.label else ""
                predikat[f"answer:{layer}"] = f"{found.predikat}{label}"
                if found.unanswered:
                    unanswered[f"answer:{layer}"] = ", ".join(found.unanswered)
            else:
                failed[f"answer:{layer}"] = found.message_in(t)
        for cell in self.sheet.add(total, formats).values():
            cell.font = bold
        for cell in self.sheet.add(predikat).values():
            cell.font = bold
        if any(key != "level" for key in unanswered):
            self.sheet.add(unanswered)
        if any(key != "level" for key in failed):
            self.sheet.add(failed)
        self.sheet.add({})
        simulation = self.sheet.add({"name": translate(SIMULATION_LABEL, t)})
        simulation["name"].font = bold


def _findings(book: Any, evaluation: Evaluation, layout: _Layout, lang: str) -> None:
    """The findings sheet, each finding's criterion linked to its row; the criterion's code
    cell on the worksheet is filled by the worst severity, its comment the findings."""
    module = openpyxl()
    columns = [
        ("code", ID),
        ("severity", SEVERITY),
        ("criterion", TEXT),
        ("where", WHERE),
        ("written", WRITTEN),
        ("recomputed", RECOMPUTED),
        ("message", MESSAGE),
    ]
    sheet = Sheet(
        book, translate(FINDINGS_SHEET, lang), [(k, translate(m, lang)) for k, m in columns]
    )
    flagged: dict[str, list[Finding]] = {}
    for finding in evaluation.findings:
        item = finding.subject.item
        recomputed = finding.recomputed
        cells = sheet.add(
            {
                "code": finding.code.value,
                "severity": translate(SEVERITY_WORDS[finding.severity], lang),
                "criterion": item,
                "where": finding.location.said(lang),
                "written": finding.published,
                "recomputed": None
                if recomputed is None
                else format_number(recomputed, finding.places if finding.places is not None else 4),
                "message": finding.message_in(lang),
            }
        )
        fill = FILLS.get(finding.severity.value)
        if fill:
            cells["code"].fill = module.styles.PatternFill("solid", fgColor=fill)
        if item is not None and item in layout.rows:
            target = layout.ref(layout.rows[item], "code")
            cells["criterion"].hyperlink = module.worksheet.hyperlink.Hyperlink(
                ref=cells["criterion"].coordinate, location=target
            )
            flagged.setdefault(item, []).append(finding)
    for item, found in flagged.items():
        severities = {f.severity.value for f in found}
        worst = next((s for s in ("error", "warning") if s in severities), None)
        cell = layout.ws.cell(layout.rows[item], layout.columns["code"])
        if worst is not None:
            cell.fill = module.styles.PatternFill("solid", fgColor=FILLS[worst])
        lines = [f"{f.code.value}: {f.message_in(lang)}" for f in found]
        cell.comment = module.comments.Comment("\n".join(lines), "lakipcore")


def write_workbook(
    evaluation: Evaluation,
    path: str | Path,
    *,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
    lang: str | None = None,
) -> Path:
    """Write ``evaluation`` to the workbook ``path`` (.xlsx), all read from it: the filled
    worksheet (module docs), which :func:`read_workbook` reads back to an equal worksheet;
    the scores of each layer (every component, sub-component and criterion, the total and the
    predikat, labelled a simulation: shown at ``places`` with ``rounding``, and exact as
    text); and the audit's findings, each linked to its criterion's row. Words are in
    ``lang`` (the language in force unless given). Returns the path written. Needs openpyxl
    (``lakipcore[excel]``)."""
    if not isinstance(evaluation, Evaluation):
        raise LakipTypeError(
            M_("expected an Evaluation, got {type}", type=type(evaluation).__name__),
            field="evaluation",
        )
    chosen = language(lang)
    worksheet = evaluation.worksheet
    book = _new_book()
    layout = _Layout(book, worksheet.design, worksheet.layers, chosen)
    layout.block(worksheet.unit, worksheet.name, worksheet.year)
    layout.write(worksheet.responses)
    scores = _Scores(book, evaluation, places, rounding, chosen)
    scores.write()
    _findings(book, evaluation, layout, chosen)
    target = Path(path)
    book.save(target)
    return target
