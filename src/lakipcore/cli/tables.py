"""Plain-text tables in the report's layout and Indonesian number format."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from lakipcore.figures import format_percent
from lakipcore.model import Report
from lakipcore.rounding import Rounding
from lakipcore.scoring.results import Change, OfficeScore, ReportScore

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


def _dashboard(report: Report, office: OfficeScore, pct: _Percent) -> list[str]:
    rows = [["A", _name(report.office), *_triple(office, pct)]]
    rows += [[str(n), _name(u.name), *_triple(u, pct)] for n, u in enumerate(office.units, 1)]
    header = ["NO", "UNIT KERJA", "INDIKATOR KINERJA", "PENYERAPAN ANGGARAN", "PERFORMANCE"]
    title = f"DASHBOARD PERFORMANCE {office.year}  (metode: {office.method.name})"
    return [title, "", *_table(header, rows)]


def _triple(score: object, pct: _Percent) -> list[str]:
    return [
        pct(getattr(score, "achievement", None)),
        pct(getattr(score, "absorption", None)),
        pct(getattr(score, "performance", None)),
    ]


def _yoy(report: Report, scored: ReportScore, pct: _Percent) -> list[str]:
    current, previous, change = scored.current, scored.previous, scored.change
    if previous is None or change is None:
        return []
    header = [
        "NO",
        "UNIT KERJA",
        f"{previous.year} INDIKATOR",
        "SERAPAN",
        "PERFORMANCE",
        f"{current.year} INDIKATOR",
        "SERAPAN",
        "PERFORMANCE",
        "PERFORMANCE YoY",
    ]
    rows = [
        [
            "A",
            _name(report.office),
            *_triple(previous, pct),
            *_triple(current, pct),
            _points(change, pct),
        ]
    ]
    for number, unit in enumerate(current.units, 1):
        try:
            before: object = previous.unit(unit.code)
        except KeyError:
            before = None
        rows.append(
            [
                str(number),
                _name(unit.name),
                *_triple(before, pct),
                *_triple(unit, pct),
                _points(scored.unit_change(unit.code).change, pct),
            ]
        )
    current_codes = {u.code for u in current.units}
    gone = [u for u in previous.units if u.code not in current_codes]
    for number, unit in enumerate(gone, len(current.units) + 1):  # units of last year only
        rows.append([str(number), _name(unit.name), *_triple(unit, pct), *_triple(None, pct), "-"])
    title = (
        f"PERFORMANCE YEAR ON YEAR (YoY) {previous.year} → {current.year}  (metode: "
        f"{previous.method.name} / {current.method.name}; YoY dalam poin persentase)"
    )
    return [title, "", *_table(header, rows)]


def _points(change: Change, pct: _Percent) -> str:
    return pct(change.performance)


def render_score(
    report: Report,
    scored: ReportScore,
    *,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
) -> str:
    """The Dashboard Performance and YoY tables as text, rounded with ``rounding`` at ``places``."""
    pct = _Percent(places, rounding)
    lines = [report.title or report.office, ""]
    lines += _dashboard(report, scored.current, pct)
    yoy = _yoy(report, scored, pct)
    if yoy:
        lines += ["", *yoy]
    lines += ["", f"Pembulatan: {rounding.value}, {places} desimal, hanya saat ditampilkan."]
    return "\n".join(lines) + "\n"
