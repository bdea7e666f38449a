"""A small inline SVG line chart of one indicator's year: the target trajectory, the
realisation of the filled periods, the projection to the year's end, dashed.

Time runs along x by month (a quarter stands at its last month, an "s.d." period at its
last), so that the year's end is December whatever the periods; values run up y on an
:class:`~lakipcore.render.svg.Axis` over every value drawn and zero. Coordinates are computed
from the exact ``Decimal`` values with a context of the module's own and written with two
decimals. The chart is an image with a ``<title>`` and a ``<desc>`` listing every value; each
series is one ``<polyline>`` (``class`` and ``data-series`` name it) with a circle at each
point, which carries the exact value (``data-value``) and its period (``data-period``).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Context, Decimal

import attrs

from lakipcore.figures import format_number
from lakipcore.monitoring.page.words import e
from lakipcore.render.svg import Axis

_WIDTH, _HEIGHT = 360, 190
_LEFT, _RIGHT = Decimal(46), Decimal(340)
_TOP, _BOTTOM = Decimal(24), Decimal(160)
_MONTHS = 12


def _context() -> Context:
    return Context(prec=40, rounding=ROUND_HALF_UP)


def _coord(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.01"), context=_context()), "f")


def _tick_label(tick: Decimal) -> str:
    if tick == tick.to_integral_value(context=_context()):
        return format_number(tick, places=0)
    return format_number(tick.normalize(_context()))


@attrs.frozen
class Point:
    """A value at the end of ``month`` (1 to 12) of the period ``period`` (its key), written
    ``text`` where the chart's description lists it."""

    month: int
    period: str
    value: Decimal
    text: str


@attrs.frozen
class Line:
    """A series: its ``name`` (``target``, ``realised``, ``projection``: the class of its
    polyline), the words naming it, and its points in time order."""

    name: str
    words: str
    points: tuple[Point, ...]


def trend_chart(
    chart_id: str,
    title: str,
    description: str,
    ticks: Sequence[tuple[int, str]],
    lines: Sequence[Line],
    *,
    projection_label: str,
) -> str:
    """The chart (module docs): ``ticks`` are the periods' months and short labels, ``lines``
    the series to draw (a series without a point is left out; the projection's last point is
    labelled ``projection_label``)."""
    ctx = _context()
    values = [p.value for line in lines for p in line.points]
    scale = Axis.over(values).drawn(_BOTTOM, _TOP)  # up is smaller y
    first = min((month for month, _ in ticks), default=_MONTHS)
    low = Decimal(max(0, first - 1))
    span = ctx.subtract(Decimal(_MONTHS), low)

    def x(month: int) -> Decimal:
        share = ctx.divide(ctx.subtract(Decimal(month), low), span)
        return ctx.add(_LEFT, ctx.multiply(share, ctx.subtract(_RIGHT, _LEFT)))

    out = [
        f'<svg class="trend" id="{e(chart_id)}" role="img" '
        f'aria-labelledby="{e(chart_id)}-t {e(chart_id)}-d" viewBox="0 0 {_WIDTH} {_HEIGHT}" '
        f'width="{_WIDTH}" height="{_HEIGHT}" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{e(chart_id)}-t">{e(title)}</title>',
        f'<desc id="{e(chart_id)}-d">{e(description)}</desc>',
        '<g class="axis" aria-hidden="true">',
    ]
    for tick in scale.ticks():
        y = _coord(scale.at(tick))
        kind = "zero" if tick == 0 else "grid"
        out.append(
            f'<line class="{kind}" x1="{_LEFT}" x2="{_RIGHT}" y1="{y}" y2="{y}"/>'
            f'<text class="tick" x="{_LEFT - 5}" y="{y}" dy="3" text-anchor="end">'
            f"{e(_tick_label(tick))}</text>"
        )
    for month, label in ticks:
        at = _coord(x(month))
        out.append(
            f'<line class="grid" x1="{at}" x2="{at}" y1="{_TOP}" y2="{_BOTTOM}"/>'
            f'<text class="tick period" x="{at}" y="{_BOTTOM + 14}" text-anchor="middle">'
            f"{e(label)}</text>"
        )
    out.append("</g>")
    for number, line in enumerate(lines):
        if not line.points:
            continue
        points = " ".join(f"{_coord(x(p.month))},{_coord(scale.at(p.value))}" for p in line.points)
        out.append(f'<g class="{e(line.name)}" data-series="{number}">')
        out.append(f"<title>{e(line.words)}</title>")
        out.append(
            f'<polyline class="{e(line.name)}" data-series="{e(line.name)}" points="{points}"/>'
        )
        for point in line.points:
            out.append(
                f'<circle cx="{_coord(x(point.month))}" cy="{_coord(scale.at(point.value))}" '
                f'r="3" data-period="{e(point.period)}" data-value="{point.value}">'
                f"<title>{e(line.words)}, {e(point.period)}: {e(point.text)}</title></circle>"
            )
        if line.name == "projection":
            end = line.points[-1]
            out.append(
                f'<text class="projection-label" x="{_coord(x(end.month))}" '
                f'y="{_coord(ctx.subtract(scale.at(end.value), Decimal(7)))}" '
                f'text-anchor="end">{e(projection_label)}</text>'
            )
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)
