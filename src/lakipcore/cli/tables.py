"""Plain-text tables in the report's layout and Indonesian number format."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from lakipcore.figures import format_percent
from lakipcore.model import Report
from lakipcore.rounding import Rounding
from lakipcore.scoring.results import PeriodChange, PeriodScore, ReportScore, UnitScore

__all__ = ["render_score"]

_NAME_WIDTH = 52


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [
            cell.ljust(widths[i]) if i < 2 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def _name(text: str) -> str:
    return text if len(text) <= _NAME_WIDTH else text[: _NAME_WIDTH - 1] + "…"


class _Percent:
    def __init__(self, places: int, rounding: Rounding):
        self.places, self.rounding = places, rounding

    def __call__(self, value: Decimal | None) -> str:
        return "-" if value is None else format_percent(value, self.places, self.rounding)


def _rows(period: PeriodScore) -> list[tuple[str, int, UnitScore]]:
    """(number, depth, score) for the office ("A") and every unit below it, in report order."""
    rows: list[tuple[str, int, UnitScore]] = [("A", 0, period.root)]
    counter = 0

    def visit(unit: UnitScore, depth: int) -> None:
        nonlocal counter
        for child in unit.units:
            counter += 1
            rows.append((str(counter), depth, child))
            visit(child, depth + 1)

    visit(period.root, 0)
    return rows


def _label(name: str, depth: int) -> str:
    return _name("  " * depth + name)


def _dashboard(period: PeriodScore, pct: _Percent) -> list[str]:
    rows = [[n, _label(u.name, d), *_triple(u, pct)] for n, d, u in _rows(period)]
    header = ["NO", "UNIT KERJA", "INDIKATOR KINERJA", "PENYERAPAN ANGGARAN", "PERFORMANCE"]
    title = f"DASHBOARD PERFORMANCE {period.period.label}  (metode: {period.method.name})"
    return [title, "", *_table(header, rows)]


def _triple(score: UnitScore | None, pct: _Percent) -> list[str]:
    if score is None:
        return ["-", "-", "-"]
    return [pct(score.achievement), pct(score.absorption), pct(score.performance)]


def _change_table(
    scored: ReportScore, change: PeriodChange, names: dict[str, str], pct: _Percent
) -> list[str]:
    earlier, later = scored.period(change.earlier), scored.period(change.later)
    header = [
        "NO",
        "UNIT KERJA",
        f"{earlier.key} INDIKATOR",
        "SERAPAN",
        "PERFORMANCE",
        f"{later.key} INDIKATOR",
        "SERAPAN",
        "PERFORMANCE",
        "PERUBAHAN",
    ]
    office = later.root
    rows = [
        [
            "A",
            _name(office.name),
            *_triple(earlier.root, pct),
            *_triple(later.root, pct),
            pct(change.office.performance),
        ]
    ]
    for number, unit in enumerate(change.units, 1):
        before = earlier.unit(unit.code) if earlier.has_unit(unit.code) else None
        now = later.unit(unit.code) if later.has_unit(unit.code) else None
        rows.append(
            [
                str(number),
                _name(names.get(unit.code, unit.name)),
                *_triple(before, pct),
                *_triple(now, pct),
                pct(unit.change.performance),
            ]
        )
    title = (
        f"PERFORMANCE {earlier.period.label} → {later.period.label}  (metode: "
        f"{earlier.method.name} / {later.method.name}; perubahan dalam poin persentase)"
    )
    return [title, "", *_table(header, rows)]


def render_score(
    report: Report,
    scored: ReportScore,
    *,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
) -> str:
    """The Dashboard Performance table of the main period and a table for each change between
    periods, as text, rounded with ``rounding`` at ``places``."""
    pct = _Percent(places, rounding)
    lines = [report.title or report.office, ""]
    lines += _dashboard(scored.current, pct)
    names = {unit.code: unit.name for unit in report.units()}
    for change in scored.changes:
        lines += ["", *_change_table(scored, change, names, pct)]
    lines += ["", f"Pembulatan: {rounding.value}, {places} desimal, hanya saat ditampilkan."]
    return "\n".join(lines) + "\n"
