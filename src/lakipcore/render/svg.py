"""Inline SVG charts drawn from exact Decimals: bars per unit, columns per period.

Coordinates are computed in ``Decimal`` with a context of this module's own (the caller's
``decimal`` context is never read) and written with two decimals, so a chart is a pure function
of the figures. Every chart is an accessible image: ``role="img"``, a ``<title>`` and a
``<desc>`` that lists every value in words, and a ``<title>`` on each bar for the tooltip.
Bars carry ``class="bar"``, ``data-key`` and ``data-value`` (the exact value), so tests can
check that the drawn lengths follow the values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal
from html import escape

import attrs

from lakipcore.figures import format_number

__all__ = ["Axis", "Bar", "Series", "bar_chart", "column_chart"]

_ZERO = Decimal(0)
_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))
_MAX_TICKS = 6

# Colours are dark enough for 4,5 : 1 against white (WCAG 1.4.11 asks 3 : 1 for graphics), and
# blue against orange stays distinct for the common colour-vision deficiencies.
POSITIVE = "#1f5f99"
NEGATIVE = "#b3261e"
SERIES_COLOURS = ("#1f5f99", "#b35900", "#00695c")


def _context() -> Context:
    # A fresh context per chart: flags written by one render never leak into another thread's.
    return Context(prec=40, rounding=ROUND_HALF_UP)


def _coord(value: Decimal) -> str:
    """A coordinate with two decimals (``12.50``), from the exact value."""
    return format(value.quantize(Decimal("0.01"), context=_context()), "f")


@attrs.frozen
class Bar:
    """One bar: ``key`` identifies it (a unit or indicator code), ``label`` is shown beside it,
    ``value`` is the exact figure (``None``: no bar, the ``text`` says why) and ``text`` the
    figure as the page prints it (``114,58%``)."""

    key: str
    label: str
    value: Decimal | None
    text: str


@attrs.frozen
class Series:
    """One series of a column chart: a name for the legend and a bar per group (``None``
    for a group without the figure)."""

    name: str
    bars: tuple[Bar, ...]


@attrs.frozen
class _Scale:
    """A linear map from [low, high] (tick-aligned) to [start, end] in SVG units."""

    low: Decimal
    high: Decimal
    step: Decimal
    start: Decimal
    end: Decimal

    def at(self, value: Decimal) -> Decimal:
        ctx = _context()
        span = ctx.subtract(self.high, self.low)
        share = ctx.divide(ctx.subtract(value, self.low), span)
        return ctx.add(self.start, ctx.multiply(share, ctx.subtract(self.end, self.start)))

    def ticks(self) -> list[Decimal]:
        ctx = _context()
        ticks, tick = [], self.low
        while tick <= self.high:
            ticks.append(tick)
            tick = ctx.add(tick, self.step)
        return ticks


@attrs.frozen
class Axis:
    """The value range of a chart's axis: from ``low`` to ``high`` in ticks of ``step``, all
    whole multiples of 1, 2, 2,5 or 5 × 10ⁿ, zero included.

    Computed once from every value of several charts (:meth:`over`) and given to each of them,
    it draws them on one scale: the charts of the units of a section can be compared by eye.
    """

    low: Decimal
    high: Decimal
    step: Decimal

    @classmethod
    def over(cls, values: Iterable[Decimal | None]) -> Axis:
        """The axis over ``values`` (``None`` skipped) and zero, widened to whole ticks."""
        ctx = _context()
        present = [value for value in values if value is not None]
        low = min([_ZERO, *present])
        high = max([_ZERO, *present])
        if high == low:
            high = ctx.add(low, Decimal(1))
        span = ctx.subtract(high, low)
        magnitude = Decimal(1).scaleb(span.adjusted() - 1, context=ctx)
        step = next(
            (
                ctx.multiply(base, power)
                for power in (magnitude, ctx.multiply(magnitude, Decimal(10)))
                for base in _STEPS
                if ctx.divide(span, ctx.multiply(base, power)) <= _MAX_TICKS
            ),
            ctx.multiply(magnitude, Decimal(100)),
        )
        low = ctx.multiply(
            ctx.divide(low, step).to_integral_value(rounding=ROUND_FLOOR, context=ctx), step
        )
        high = ctx.multiply(
            ctx.divide(high, step).to_integral_value(rounding=ROUND_CEILING, context=ctx), step
        )
        return cls(low, high, step)

    def covers(self, value: Decimal) -> bool:
        """Whether ``value`` lies on the axis."""
        return self.low <= value <= self.high

    def drawn(self, start: Decimal, end: Decimal) -> _Scale:
        """The axis drawn from ``start`` to ``end`` (SVG units)."""
        return _Scale(self.low, self.high, self.step, start, end)


def _axis_for(values: Sequence[Decimal], axis: Axis | None) -> Axis:
    """``axis`` (checked to hold every value), or the chart's own axis over ``values``."""
    if axis is None:
        return Axis.over(values)
    outside = [value for value in values if not axis.covers(value)]
    if outside:
        raise ValueError(f"{outside[0]} lies outside the axis {axis.low} to {axis.high}")
    return axis


def _tick_label(tick: Decimal) -> str:
    # A tick is a multiple of 1, 2, 2,5 or 5 × 10ⁿ: whole ticks are shown without places, the
    # others at the places they have. format_number writes any size (a capaian of 10⁴³ %).
    if tick == tick.to_integral_value(context=_context()):
        return format_number(tick, places=0)
    return format_number(tick.normalize(_context()))


def _wrap(text: str, width: int, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines of about ``width`` characters, the last cut with …"""
    out: list[str] = []
    for word in text.split():
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > lines:
        out = [*out[: lines - 1], " ".join(out[lines - 1 :])]
    return [line if len(line) <= width else line[: width - 1] + "…" for line in out]


def _open(chart_id: str, kind: str, title: str, desc: str, *, width: int, height: int) -> list[str]:
    return [
        f'<svg class="chart" id="{escape(chart_id)}" '
        f'data-chart="{escape(kind)}" role="img" aria-labelledby="{escape(chart_id)}-t '
        f'{escape(chart_id)}-d" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{escape(chart_id)}-t">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-d">{escape(desc)}</desc>',
    ]


def _describe(title: str, bars: Sequence[Bar]) -> str:
    return f"{title}. " + "; ".join(f"{bar.label}: {bar.text}" for bar in bars) + "."


_WIDTH = 720
_LABEL_X = 6
_PLOT_START = Decimal(270)
_PLOT_END = Decimal(630)
_VALUE_X = 714
_LINE = 13  # line height of a label, in SVG units (11 px text)
_TOP = 22
_AXIS = 24


def bar_chart(
    chart_id: str,
    kind: str,
    title: str,
    bars: Sequence[Bar],
    *,
    reference: Decimal | None = None,
    reference_text: str = "",
    description: str | None = None,
    paired: Sequence[Bar] | None = None,
    legend: tuple[str, str] = ("", ""),
    axis: Axis | None = None,
) -> str:
    """Horizontal bars, one per item, from zero to the value (negative values to the left of
    a zero line), with an optional dashed ``reference`` line (the 100 % of capaian).

    Horizontal, so that the long names of units and indicators stay readable beside their bar.
    A bar whose value is ``None`` is not drawn; its text (``–``) still is.

    With ``paired`` (one bar per item of ``bars``, with keys of its own), each row holds two
    bars, the item's and its pair's below it in the second series colour (``data-series`` 0
    and 1), and a legend under the axis names the two series (``legend``).

    With ``axis`` (:meth:`Axis.over` every value of several charts, and their reference) the
    chart is drawn on that axis instead of its own, so that charts drawn on the same axis
    compare by eye; a value outside it is a ``ValueError``.
    """
    if paired is not None and len(paired) != len(bars):
        raise ValueError(f"{len(paired)} paired bars for {len(bars)} bars")
    values = [bar.value for bar in [*bars, *(paired or ())] if bar.value is not None]
    scale = _axis_for([*values, *([reference] if reference is not None else [])], axis).drawn(
        _PLOT_START, _PLOT_END
    )
    labels = [_wrap(bar.label, 44, 2) for bar in bars]
    rows = [max(1, len(lines)) * _LINE + 11 for lines in labels]
    if paired is not None:
        rows = [max(row, _PAIRED_ROW) for row in rows]
    plot_bottom = _TOP + sum(rows)
    height = plot_bottom + _AXIS + (_LEGEND if paired is not None else 0)
    if description is None and paired is not None:
        description = f"{title}. " + "; ".join(
            f"{bar.label}: {legend[0]} {bar.text}, {legend[1]} {pair.text}"
            for bar, pair in zip(bars, paired, strict=True)
        )
        description += "."
    out = _open(
        chart_id, kind, title, description or _describe(title, bars), width=_WIDTH, height=height
    )
    out.append('<g class="axis" aria-hidden="true">')
    for tick in scale.ticks():
        x = _coord(scale.at(tick))
        line_class = "zero" if tick == _ZERO else "grid"
        out.append(
            f'<line class="{line_class}" x1="{x}" x2="{x}" y1="{_TOP - 4}" y2="{plot_bottom}"/>'
            f'<text class="tick" x="{x}" y="{plot_bottom + 15}" text-anchor="middle">'
            f"{escape(_tick_label(tick))}</text>"
        )
    out.append("</g>")
    y = _TOP
    zero = scale.at(_ZERO)
    for index, (bar, lines, row) in enumerate(zip(bars, labels, rows, strict=True)):
        middle = y + row // 2
        out.append(f'<g class="bar-row" data-key="{escape(bar.key)}">')
        if paired is not None:
            pair = paired[index]
            out.append(
                f"<title>{escape(bar.label)}: {escape(legend[0])} {escape(bar.text)}; "
                f"{escape(legend[1])} {escape(pair.text)}</title>"
            )
        else:
            out.append(f"<title>{escape(bar.label)}: {escape(bar.text)}</title>")
        first = middle - (len(lines) - 1) * _LINE // 2 + 4
        out.append(
            f'<text class="label" x="{_LABEL_X}" y="{first}">'
            + "".join(
                f'<tspan x="{_LABEL_X}" dy="{0 if n == 0 else _LINE}">{escape(line)}</tspan>'
                for n, line in enumerate(lines)
            )
            + "</text>"
        )
        if paired is not None:
            out += _paired_bars(scale, bar, paired[index], legend, middle)
            y += row
            continue
        if bar.value is not None:
            end = scale.at(bar.value)
            left, right = min(zero, end), max(zero, end)
            colour = NEGATIVE if bar.value < _ZERO else POSITIVE
            negative = " negative" if bar.value < _ZERO else ""
            out.append(
                f'<rect class="bar{negative}" data-key="{escape(bar.key)}" '
                f'data-value="{bar.value}" x="{_coord(left)}" y="{middle - 8}" '
                f'width="{_coord(_context().subtract(right, left))}" height="16" fill="{colour}" '
                f'aria-label="{escape(bar.label)}: {escape(bar.text)}"/>'
            )
        out.append(
            f'<text class="value" x="{_VALUE_X}" y="{middle + 4}" text-anchor="end">'
            f"{escape(bar.text)}</text></g>"
        )
        y += row
    if reference is not None:
        x = _coord(scale.at(reference))
        out.append(
            f'<g class="reference" aria-hidden="true"><line x1="{x}" x2="{x}" y1="{_TOP - 8}" '
            f'y2="{plot_bottom}"/><text x="{x}" y="{_TOP - 11}" text-anchor="middle">'
            f"{escape(reference_text)}</text></g>"
        )
    if paired is not None:
        out.append(_bar_legend(legend, plot_bottom + _AXIS))
    out.append("</svg>")
    return "\n".join(out)


_PAIRED_ROW = 34  # a row of two bars, 12 high with 2 between, and room around them
_PAIRED_BAR = 12
_LEGEND = 20


def _paired_bars(
    scale: _Scale, bar: Bar, pair: Bar, legend: tuple[str, str], middle: int
) -> list[str]:
    """The two bars of a paired row (the item's above, its pair's below) and their values;
    closes the row's group."""
    out = []
    zero = scale.at(_ZERO)
    for series, (item, top) in enumerate(((bar, middle - _PAIRED_BAR - 1), (pair, middle + 1))):
        if item.value is not None:
            end = scale.at(item.value)
            left, right = min(zero, end), max(zero, end)
            negative = " negative" if item.value < _ZERO else ""
            colour = NEGATIVE if item.value < _ZERO else SERIES_COLOURS[series]
            out.append(
                f'<rect class="bar{negative}" data-key="{escape(item.key)}" '
                f'data-value="{item.value}" data-series="{series}" x="{_coord(left)}" '
                f'y="{top}" width="{_coord(_context().subtract(right, left))}" '
                f'height="{_PAIRED_BAR}" fill="{colour}" aria-label="{escape(bar.label)}, '
                f'{escape(legend[series])}: {escape(item.text)}"/>'
            )
        out.append(
            f'<text class="value" data-series="{series}" x="{_VALUE_X}" '
            f'y="{top + _PAIRED_BAR - 2}" text-anchor="end">{escape(item.text)}</text>'
        )
    out[-1] += "</g>"
    return out


def _bar_legend(legend: tuple[str, str], top: int) -> str:
    """The legend of a paired bar chart: a swatch and the name of each series."""
    out = ['<g class="legend" aria-hidden="true">']
    x = _LABEL_X
    for series, name in enumerate(legend):
        out.append(
            f'<rect x="{x}" y="{top}" width="12" height="12" fill="{SERIES_COLOURS[series]}"/>'
            f'<text x="{x + 17}" y="{top + 10}">{escape(name)}</text>'
        )
        x += 17 + 7 * len(name) + 24
    out.append("</g>")
    return "".join(out)


_COLUMN_HEIGHT = 250
_COLUMN_TOP = Decimal(40)
_COLUMN_BOTTOM = Decimal(200)
_COLUMN_LEFT = 46
_COLUMN_RIGHT = 710
# Narrower columns carry no value label (it would overlap its neighbours); the table has them.
_LABELLED_COLUMN = 30
_WIDE_COLUMN = 44


def column_chart(
    chart_id: str,
    kind: str,
    title: str,
    groups: Sequence[str],
    series: Sequence[Series],
    *,
    reference: Decimal | None = None,
    reference_text: str = "",
) -> str:
    """Vertical columns: one group per period (``groups`` are their labels), one column per
    series in each group, with a legend and an optional dashed ``reference`` line."""
    values = [b.value for s in series for b in s.bars if b.value is not None]
    extra = [reference] if reference is not None else []
    # Up is smaller y: the scale maps low values to the bottom.
    scale = Axis.over([*values, *extra]).drawn(_COLUMN_BOTTOM, _COLUMN_TOP)
    lines = [
        f"{s.name}, {group}: {bar.text}"
        for s in series
        for group, bar in zip(groups, s.bars, strict=True)
    ]
    desc = f"{title}. " + "; ".join(lines) + "."
    out = _open(chart_id, kind, title, desc, width=_WIDTH, height=_COLUMN_HEIGHT)
    out.append('<g class="axis" aria-hidden="true">')
    for tick in scale.ticks():
        y = _coord(scale.at(tick))
        line_class = "zero" if tick == _ZERO else "grid"
        out.append(
            f'<line class="{line_class}" x1="{_COLUMN_LEFT}" x2="{_COLUMN_RIGHT}" y1="{y}" '
            f'y2="{y}"/><text class="tick" x="{_COLUMN_LEFT - 6}" y="{y}" dy="4" '
            f'text-anchor="end">{escape(_tick_label(tick))}</text>'
        )
    out.append("</g>")
    legend_x = _COLUMN_LEFT
    out.append('<g class="legend" aria-hidden="true">')
    for number, item in enumerate(series):
        colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
        out.append(
            f'<rect x="{legend_x}" y="6" width="12" height="12" fill="{colour}"/>'
            f'<text x="{legend_x + 17}" y="16">{escape(item.name)}</text>'
        )
        legend_x += 17 + 7 * len(item.name) + 24
    out.append("</g>")
    ctx = _context()
    group_width = ctx.divide(Decimal(_COLUMN_RIGHT - _COLUMN_LEFT), Decimal(max(1, len(groups))))
    column = min(Decimal(52), ctx.divide(ctx.multiply(group_width, Decimal("0.8")), len(series)))
    zero = scale.at(_ZERO)
    # Narrow columns get smaller value labels, so that neighbours' labels do not overlap.
    small = ' font-size="8.5"' if column < _WIDE_COLUMN else ""
    for index, group in enumerate(groups):
        left = ctx.add(Decimal(_COLUMN_LEFT), ctx.multiply(group_width, Decimal(index)))
        centre = ctx.add(left, ctx.divide(group_width, Decimal(2)))
        first = ctx.subtract(centre, ctx.multiply(column, ctx.divide(len(series), Decimal(2))))
        for number, item in enumerate(series):
            bar = item.bars[index]
            x = ctx.add(first, ctx.multiply(column, Decimal(number)))
            middle = _coord(ctx.add(x, ctx.divide(column, Decimal(2))))
            colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
            top = zero if bar.value is None else min(zero, scale.at(bar.value))
            out.append(f'<g class="bar-row" data-key="{escape(bar.key)}">')
            out.append(f"<title>{escape(item.name)}, {escape(group)}: {escape(bar.text)}</title>")
            if bar.value is not None:
                bottom = max(zero, scale.at(bar.value))
                out.append(
                    f'<rect class="bar" data-key="{escape(bar.key)}" data-value="{bar.value}" '
                    f'data-series="{number}" x="{_coord(ctx.add(x, 1))}" y="{_coord(top)}" '
                    f'width="{_coord(ctx.subtract(column, 2))}" '
                    f'height="{_coord(ctx.subtract(bottom, top))}" '
                    f'fill="{colour}" aria-label="{escape(item.name)}, {escape(group)}: '
                    f'{escape(bar.text)}"/>'
                )
            if column >= _LABELLED_COLUMN:
                out.append(
                    f'<text class="value" x="{middle}" y="{_coord(ctx.subtract(top, 4))}" '
                    f'text-anchor="middle"{small}>{escape(bar.text)}</text>'
                )
            out.append("</g>")
        label = _wrap(group, 22, 2)
        out.append(
            f'<text class="group" x="{_coord(centre)}" y="{int(_COLUMN_BOTTOM) + 18}" '
            'text-anchor="middle">'
            + "".join(
                f'<tspan x="{_coord(centre)}" dy="{0 if n == 0 else _LINE}">{escape(line)}</tspan>'
                for n, line in enumerate(label)
            )
            + "</text>"
        )
    if reference is not None:
        y = _coord(scale.at(reference))
        out.append(
            f'<g class="reference" aria-hidden="true"><line x1="{_COLUMN_LEFT}" '
            f'x2="{_COLUMN_RIGHT}" y1="{y}" y2="{y}"/><text x="{_COLUMN_RIGHT}" y="{y}" dy="-4" '
            f'text-anchor="end">{escape(reference_text)}</text></g>'
        )
    out.append("</svg>")
    return "\n".join(out)
