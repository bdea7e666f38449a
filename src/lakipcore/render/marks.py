"""Which table cells of the page the audit's findings concern, and how those cells are marked.

Every figure the page shows is a cell with one or more keys (unit, item, period, quantity) and
the kinds of report table it stands for (the Dashboard Performance cell of a unit's
achievement stands for the report's dashboard tables). A finding on a printed figure is traced
to the figure by its location (the field path the loader recorded; for a report built in Python,
by unit, period, table and text) and so to a key. It is marked in the cells with that key that
stand for the kind of table the figure was printed in, or in every cell with the key when none
does (a figure printed only in the running text).

Cells are written as placeholders while the page is built, and replaced once every cell is
known, so that a finding can name the cells that show it and each cell the findings on it.

A *notation slip* (:func:`notation_slip`) is an error of notation, not of value: ``104.30%`` in
an Indonesian report, where the inputs give 104,2977…. Its cell shows the printed text above the
value, not struck out, and the page counts it apart from the wrong values.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from html import escape, unescape

import attrs

from lakipcore.errors import LakipError
from lakipcore.figures import parse_figure
from lakipcore.i18n import DEFAULT_LANGUAGE, M_, N_, Language, placeholders, translate
from lakipcore.model import (
    BudgetLine,
    BudgetOutput,
    PlannedBudget,
    PlannedOutput,
    PrintedFigure,
    Quantity,
    Report,
    TableKind,
    UnitPeriod,
)
from lakipcore.notation import Notation
from lakipcore.results.findings import Finding, FindingCode, Severity
from lakipcore.rounding import places_of, round_to

__all__ = [
    "PROGRAMME",
    "CellKey",
    "Marks",
    "derived_item",
    "notation_slip",
    "output_item",
    "said",
]

CellKey = tuple[str, str | None, str, Quantity]
"""(unit code, item, period key, quantity); item is an indicator code, :data:`PROGRAMME`, an
:func:`output_item` or ``None`` for the unit itself."""

PROGRAMME = "programme"


def output_item(index: int) -> str:
    """The item of a unit's ``index``-th budget output."""
    return f"output:{index}"


def derived_item(key: str) -> str:
    """The item of a unit's derived figure ``key`` (its NE, its NKA)."""
    return f"derived:{key}"


def notation_slip(finding: Finding, notation: Notation | None = None) -> bool:
    """Whether ``finding`` is a notation slip: text that is not a figure in the notation it
    was judged in (``notation``, its table's or the report's; ``None``: either, as the finding
    does not say) (``malformed-figure``) but is one in another notation, with the value the
    inputs give, rounded half-up at its places (or the finding's): ``104.30%`` in an
    Indonesian report for 104,2977…. A slip misprints the notation, not the value.

    Read from the finding's own fields (its code, published text, recomputed value and
    places), without the audit: a malformed text that reads as another value, or as none, is a
    wrong value like any other.
    """
    published, recomputed = finding.published, finding.recomputed
    if finding.code is not FindingCode.MALFORMED_FIGURE or published is None or recomputed is None:
        return False
    # The text is malformed in the notation it was judged in, so it reads in at most the other.
    for other in (n for n in Notation if n is not notation):
        try:
            meant = parse_figure(published, notation=other).value
        except LakipError:
            continue
        places = finding.places if finding.places is not None else places_of(meant)
        return round_to(recomputed, places) == meant
    return False


_TAG = re.compile(r"<[^>]+>")
_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _figures(report: Report) -> Iterator[tuple[CellKey, PrintedFigure]]:
    """Every printed figure of the report with the key of the cell that shows its quantity."""
    for unit in report.units():
        for block in unit.periods:
            yield from _block_figures(unit.code, block)
        for indicator in unit.indicators:
            for entry in indicator.periods:
                for figure in entry.printed:
                    yield (unit.code, indicator.code, entry.period, figure.quantity), figure


def _block_figures(code: str, block: UnitPeriod) -> Iterator[tuple[CellKey, PrintedFigure]]:
    """The printed figures of a unit's period block: its own, its budget's, its derived ones."""
    for figure in block.printed:
        yield (code, None, block.period, figure.quantity), figure
    budget = block.budget
    if budget is not None:
        for figure in budget.printed:
            yield (code, PROGRAMME, block.period, figure.quantity), figure
    if isinstance(budget, BudgetLine | PlannedBudget):
        outputs: Sequence[BudgetOutput | PlannedOutput] = budget.outputs
        for index, output in enumerate(outputs):
            for figure in output.printed:
                yield (code, output_item(index), block.period, figure.quantity), figure
    for derived in block.derived:
        for figure in derived.printed:
            yield (code, derived_item(derived.key), block.period, figure.quantity), figure


@attrs.define
class _Cell:
    number: int
    keys: tuple[CellKey, ...]
    kinds: tuple[TableKind, ...]
    text: str
    section: str
    classes: str
    findings: list[int] = attrs.field(factory=list)


class Marks:
    """The findings of an audit, numbered in page order, and the cells of the page, whose
    marks speak ``lang``."""

    def __init__(
        self, report: Report, findings: Sequence[Finding], *, lang: Language = DEFAULT_LANGUAGE
    ) -> None:
        self.lang: Language = lang
        order = {unit.code: n for n, unit in enumerate(report.units())}
        # A report may print tables in either notation: a finding is judged in its figure's.
        slips = {id(f) for f in findings if notation_slip(f)}
        # By unit and severity; the notation slips last, in a list of their own.
        self.findings: tuple[Finding, ...] = tuple(
            sorted(
                findings,
                key=lambda f: (
                    id(f) in slips,
                    order.get(f.subject.unit, len(order)),
                    _SEVERITY_ORDER[f.severity],
                ),
            )
        )
        self.slips: frozenset[int] = frozenset(
            n for n, f in enumerate(self.findings, 1) if id(f) in slips
        )
        """The numbers of the findings that are notation slips (:func:`notation_slip`)."""
        self._report = report
        by_path: dict[str, CellKey] = {}
        by_text: dict[tuple[str, str, str, str], CellKey] = {}
        for cell_key, figure in _figures(report):
            if figure.origin is not None and figure.origin.path:
                by_path[figure.origin.path] = cell_key
            by_text.setdefault((cell_key[0], cell_key[2], figure.place, figure.text), cell_key)
        self._keys: dict[int, CellKey] = {}
        for number, finding in enumerate(self.findings, 1):
            key: CellKey | None = by_path.get(finding.location.field or "")
            if key is None and finding.period and finding.location.place and finding.published:
                text_key = (
                    finding.subject.unit,
                    finding.period,
                    finding.location.place,
                    finding.published,
                )
                key = by_text.get(text_key)
            if key is not None:
                self._keys[number] = key
        self._cells: list[_Cell] = []
        self._placed: dict[int, list[_Cell]] | None = None

    def flagged(self, number: int) -> bool:
        """Whether finding ``number`` is marked in the tables (an error on a printed figure)."""
        return self.findings[number - 1].severity is Severity.ERROR and number in self._keys

    def cell(
        self,
        keys: Sequence[CellKey],
        kinds: Sequence[TableKind],
        text: str,
        *,
        section: str,
        classes: str = "num",
    ) -> str:
        """A ``<td>`` showing ``text`` (already escaped) for the figures of ``keys``, as they
        stand in tables of ``kinds`` (most specific first) in page ``section``; a
        placeholder until :meth:`resolve`."""
        cell = _Cell(len(self._cells), tuple(keys), tuple(kinds), text, section, classes)
        self._cells.append(cell)
        return f"\x00{cell.number}\x00"

    def _place(self) -> dict[int, list[_Cell]]:
        if self._placed is not None:
            return self._placed
        by_key: dict[CellKey, list[_Cell]] = {}
        for cell in self._cells:
            for key in cell.keys:
                by_key.setdefault(key, []).append(cell)
        placed: dict[int, list[_Cell]] = {}
        for number, key in self._keys.items():
            if not self.flagged(number):
                continue
            candidates = by_key.get(key, [])
            kind = self._kind(self.findings[number - 1])

            def rank(cell: _Cell, kind: TableKind | None = kind) -> int:
                return cell.kinds.index(kind) if kind in cell.kinds else len(TableKind)

            best = min((rank(c) for c in candidates), default=0)
            placed[number] = [c for c in candidates if rank(c) == best]
            for cell in placed[number]:
                cell.findings.append(number)
        self._placed = placed
        return placed

    def _kind(self, finding: Finding) -> TableKind | None:
        place = finding.location.place
        if place is None:
            return None
        try:
            return self._report.table(place).kind
        except KeyError:
            return None

    def places(self, number: int) -> list[tuple[str, str]]:
        """(cell id, section title) of every cell where finding ``number`` is marked."""
        return [(f"sel-{c.number}", c.section) for c in self._place().get(number, [])]

    def resolve(self, page: str) -> str:
        """``page`` with every cell placeholder replaced by its ``<td>``."""
        self._place()
        parts = page.split("\x00")
        # Placeholders are the odd parts: text, number, text, number, …
        for index in range(1, len(parts), 2):
            parts[index] = self._td(self._cells[int(parts[index])])
        return "".join(parts)

    def wrong_values(self) -> int:
        """How many errors are wrong values: the errors but the notation slips."""
        errors = sum(f.severity is Severity.ERROR for f in self.findings)
        return errors - len(self.slips)

    def _td(self, cell: _Cell) -> str:
        if not cell.findings:
            return f'<td class="{cell.classes}">{cell.text}</td>'
        wrong = [n for n in cell.findings if n not in self.slips]
        printed = []
        for number in wrong or cell.findings:
            text = self.findings[number - 1].published
            if text is not None and text not in printed:
                printed.append(text)
        shown = ", ".join(printed)
        value = _plain(cell.text)
        lang = self.lang
        tables = "; ".join(
            M_(
                N_("{figure} in {table} (notation error)")
                if n in self.slips
                else N_("{figure} in {table}"),
                figure=self.findings[n - 1].published or "",
                table=self._table_title(self.findings[n - 1]),
            ).render(lang)
            for n in cell.findings
        )
        refs = " ".join(f'<a href="#temuan-{n}" class="ref">[{n}]</a>' for n in cell.findings)
        unit, item, period, quantity = cell.keys[0]
        data = (
            f'id="sel-{cell.number}" data-findings="{" ".join(map(str, cell.findings))}" '
            f'data-unit="{escape(unit)}" data-item="{escape(item or "")}" '
            f'data-period="{escape(period)}" data-quantity="{quantity.value}"'
        )
        if not wrong:
            # Only notation slips: the value is right, its notation is not.
            title = M_(
                "The report prints {tables}; its value agrees with the recomputation, {value}",
                tables=tables,
                value=value,
            ).render(lang)
            as_printed = said(N_("printed {figure}"), lang, figure=escape(shown))
            return (
                f'<td class="{cell.classes} slip" {data} title="{escape(title)}">'
                f'<span class="printed">{as_printed}</span> {cell.text} {refs}</td>'
            )
        title = M_(
            "The report prints {tables}; should be {value}", tables=tables, value=value
        ).render(lang)
        struck = said(N_("printed {figure}"), lang, figure=f"<s>{escape(shown)}</s>")
        should = said(N_("should be {figure}"), lang, figure=cell.text)
        return (
            f'<td class="{cell.classes} flagged" {data} title="{escape(title)}">'
            f'<span class="printed">{struck}</span> <mark>{should}</mark> {refs}</td>'
        )

    def _table_title(self, finding: Finding) -> str:
        place = finding.location.place
        if place is None:
            return translate(N_("the report"), self.lang)
        try:
            table = self._report.table(place)
        except KeyError:
            return place
        return table.title or table.id


def said(msgid: str, lang: Language, /, **markup: str) -> str:
    """The catalogue's text of ``msgid`` in ``lang``, escaped for HTML, its
    ``{placeholders}`` filled with ``markup`` (HTML, escaped by the caller): a sentence that
    holds a link, a code or a figure in bold. Mark ``msgid`` with ``N_``."""
    if placeholders(msgid) != set(markup):
        raise ValueError(f"message {msgid!r} needs {sorted(placeholders(msgid))}")
    return escape(translate(msgid, lang)).format_map(markup)


def _plain(html_text: str) -> str:
    """The text of a cell without its markup (cells hold only escaped text and simple tags)."""
    return unescape(_TAG.sub("", html_text))
