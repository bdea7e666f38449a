"""Metode Perhitungan: the scoring methods of a report and its rounding, in words.

Every sentence is written from the report itself: its periods and the method each was scored
with, the shape of its tree (an office over units, or a single unit reporting on itself), its
indicators (which direction is good, which have no target) and whether it has a budget. No
sentence names a report, an office or a year the report does not (a method's ``description``
is the method's own note, in English, and is not shown). Every sentence is a message of the
catalogues, in the page's language.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from lakipcore.figures import NotTargeted, format_number
from lakipcore.i18n import M_, N_, Language, translate
from lakipcore.methods import (
    ALIASES,
    AbsorptionAggregation,
    AbsorptionBase,
    AchievementAggregation,
    ScoringMethod,
    ZeroTargetPolicy,
)
from lakipcore.methods.formulas import Formula, Polarity
from lakipcore.model import Report
from lakipcore.render.marks import said
from lakipcore.render.sections import METHOD, Formats, counted, planned, text
from lakipcore.results.scores import PeriodScore, ReportScore
from lakipcore.rounding import Rounding

__all__ = ["method_section"]


_ACHIEVEMENT_WORDS = {
    AchievementAggregation.POOLED_INDICATORS: N_(
        "the mean achievement of every targeted indicator of {units}, pooled: a unit with more "
        "indicators weighs more"
    ),
    AchievementAggregation.MEAN_OF_UNIT_MEANS: N_(
        "the mean performance indicator achievement of {units}: every unit weighs the same"
    ),
}
_ABSORPTION_WORDS = {
    AbsorptionAggregation.TOTAL_AMOUNTS: N_("Σ budget realisation / Σ pagu × 100%, over {units}"),
    AbsorptionAggregation.MEAN_OF_UNIT_RATES: N_(
        "the simple mean of the absorption percentages of {units}"
    ),
}
_FORMULA_WORDS = {
    Formula.RATIO: N_("realisation / target × 100%"),
    Formula.KONDISI_KHUSUS: N_("(2 × target − realisation) / target × 100% (kondisi khusus)"),
    Formula.INVERSE_RATIO: N_("target / realisation × 100%"),
}
_BASE_WORDS = {
    AbsorptionBase.REVISED: N_("pagu (after revision)"),
    AbsorptionBase.ORIGINAL: N_("pagu awal (the first DIPA; the pagu when no pagu awal is stated)"),
}
_ROUNDING_WORDS = {
    Rounding.HALF_UP: N_("half up (half-up)"),
    Rounding.TRUNCATE: N_("by truncation (truncate)"),
    Rounding.HALF_EVEN: N_("half to even (half-even)"),
}


@attrs.frozen
class _Shape:
    """What the report holds in the periods of one method: how many units below the office;
    how many indicators are lower-is-better, have a formula of their own, lack a target; whether
    any capaian and any budget is known."""

    units: int
    lower: int
    own_formula: int
    not_targeted: int
    indicators: bool
    budget: bool


def _shape(report: Report, periods: Sequence[PeriodScore], method: ScoringMethod) -> _Shape:
    keys = [period.key for period in periods]
    lower = own = not_targeted = 0
    for unit in report.units():
        for indicator in unit.indicators:
            entries = [entry for key in keys if (entry := indicator.at(key)) is not None]
            if not entries:
                continue
            lower_is_better = indicator.polarity is Polarity.LOWER_IS_BETTER
            chosen = method.lower_is_better if lower_is_better else Formula.RATIO
            if indicator.formula not in (None, chosen):
                own += 1
            elif lower_is_better:
                lower += 1
            not_targeted += any(isinstance(entry.target, NotTargeted) for entry in entries)
    scores = [unit for period in periods for unit in period.root.walk()]
    return _Shape(
        units=max((sum(1 for _ in p.root.walk()) - 1 for p in periods), default=0),
        lower=lower,
        own_formula=own,
        not_targeted=not_targeted,
        indicators=any(unit.achievement is not None for unit in scores),
        budget=any(unit.absorption is not None for unit in scores),
    )


def _capaian(method: ScoringMethod, shape: _Shape, lang: Language) -> str:
    """How an indicator's capaian is computed, for the indicators the report has."""
    lower = translate(_FORMULA_WORDS[method.lower_is_better], lang)
    ratio = translate(_FORMULA_WORDS[Formula.RATIO], lang)
    parts = [M_("Indicator achievement = {formula} where higher is better", formula=ratio)]
    if shape.lower:
        parts.append(
            M_(
                N_("{formula} where lower is better ({count} indicator)")
                if shape.lower == 1
                else N_("{formula} where lower is better ({count} indicators)"),
                formula=lower,
                count=str(shape.lower),
            )
        )
    else:
        parts.append(
            M_("no indicator where lower is better (this method: {formula})", formula=lower)
        )
    if shape.own_formula:
        parts.append(
            M_(
                N_("{count} indicator with a formula of its own")
                if shape.own_formula == 1
                else N_("{count} indicators with a formula of their own"),
                count=str(shape.own_formula),
            )
        )
    parts.append(
        M_("no upper limit")
        if method.cap is None
        else M_("capped at {cap}%", cap=format_number(method.cap))
    )
    parts.append(
        M_("an indicator with a zero target cannot be computed and is reported")
        if method.zero_target is ZeroTargetPolicy.ERROR
        else M_("an indicator with a zero target is left out of the mean")
    )
    sentence = "; ".join(part.render(lang) for part in parts) + "."
    if shape.not_targeted:
        sentence += " " + M_(
            "“Not targeted” indicators ({count}) are not counted in the mean.",
            count=str(shape.not_targeted),
        ).render(lang)
    return sentence


def _items(
    method: ScoringMethod, shape: _Shape, office: str, periods: int, lang: Language
) -> list[str]:
    """The method in sentences, for a report of this shape (over ``periods`` periods);
    ``office`` is the office in words ("the office", or "the unit" that reports on itself)."""
    one = periods == 1
    units = counted(
        shape.units, N_("the one unit below it"), N_("the {count} units below it"), lang
    )
    items = []
    if shape.indicators:
        items.append(_capaian(method, shape, lang))
        if shape.units:
            items.append(
                translate(
                    N_(
                        "A unit's performance indicator achievement = the mean achievement of its "
                        "indicators."
                    ),
                    lang,
                )
            )
            rule = M_(_ACHIEVEMENT_WORDS[method.achievement], units=units)
            items.append(
                M_(
                    "Performance indicator achievement of {office} = {rule}.",
                    office=office,
                    rule=rule,
                ).render(lang)
            )
        else:
            items.append(
                M_(
                    "Performance indicator achievement of {office} = the mean achievement of its "
                    "indicators (one unit without sub-units: how the method combines units makes "
                    "no difference).",
                    office=office,
                ).render(lang)
            )
    else:
        items.append(
            translate(
                N_("The report has no indicator achievement for this period: not available.")
                if one
                else N_(
                    "The report has no indicator achievement for these periods: not available."
                ),
                lang,
            )
        )
    if shape.budget:
        base = translate(_BASE_WORDS[method.absorption_base], lang)
        if shape.units:
            rate = M_(_ABSORPTION_WORDS[method.absorption], units=units)
            absorption = M_(
                "Budget absorption = realisation / {base} × 100%; {office}: {rule}.",
                base=base,
                office=office,
                rule=rate,
            )
        else:
            absorption = M_("Budget absorption = realisation / {base} × 100%.", base=base)
        items.append(absorption.render(lang))
    else:
        items.append(
            translate(
                N_("The report has no budget for this period: absorption not available.")
                if one
                else N_("The report has no budget for these periods: absorption not available."),
                lang,
            )
        )
    weights = method.weights
    if shape.budget and shape.indicators:
        items.append(
            M_(
                "Performance = {achievement} × performance indicator achievement + "
                "{absorption} × budget absorption.",
                achievement=format_number(weights.achievement),
                absorption=format_number(weights.absorption),
            ).render(lang)
        )
    else:
        items.append(
            translate(
                N_(
                    "Performance not available: it is computed from the achievement and the "
                    "absorption."
                ),
                lang,
            )
        )
    items.append(
        M_(
            "The report rounds the figures it prints {rounding}; the audit reads the printed "
            "figures this way first.",
            rounding=translate(_ROUNDING_WORDS[method.rounding], lang),
        ).render(lang)
    )
    return items


def _method(
    report: Report,
    method: ScoringMethod,
    periods: Sequence[PeriodScore],
    office: str,
    lang: Language,
) -> str:
    labels = ", ".join(period.period.label for period in periods)
    alias = ALIASES.get(method.name)
    name = f"<code>{text(method.name)}</code>"
    if alias is not None:
        name = said(
            N_("{method}, an old name for {current}"),
            lang,
            method=name,
            current=f"<code>{text(alias)}</code>",
        )
    items = _items(method, _shape(report, periods, method), office, len(periods), lang)
    inferred = [period.period.label for period in periods if period.inferred]
    if inferred:
        items.append(
            M_(
                "The report does not state the method for {periods}: the aggregation that best "
                "explains the office rows it prints was chosen.",
                periods=", ".join(inferred),
            ).render(lang)
        )
    body = "".join(f"<li>{text(item)}</li>" for item in items)
    heading = said(N_("Method {method}: {periods}"), lang, method=name, periods=text(labels))
    return f"<h3>{heading}</h3><ul>{body}</ul>"


def _about(report: Report, scored: ReportScore, lang: Language) -> str:
    """The report's shape in one paragraph: its periods, and the office over its units or a
    single unit."""
    periods = [planned(period.period, lang) for period in scored.periods]
    count = counted(len(periods), N_("one period"), N_("{count} periods"), lang)
    direct = len(report.root.units)
    below = sum(1 for _ in report.units()) - 1
    if direct:
        nested = (
            M_(", {count} units in all", count=str(below)).render(lang) if below > direct else ""
        )
        shape = M_(
            N_(
                "{office} as an office with {count} unit below it{all}; the office's figures "
                "(row A) are combined from its units' figures by the method of their period"
            )
            if direct == 1
            else N_(
                "{office} as an office with {count} units below it{all}; the office's figures "
                "(row A) are combined from its units' figures by the method of their period"
            ),
            office=report.office,
            count=str(direct),
            all=nested,
        ).render(lang)
    else:
        shape = M_(
            "one unit without sub-units, {office}, whose figures are computed from its own "
            "indicators and budget",
            office=report.office,
        ).render(lang)
    methods = {period.method.name for period in scored.periods}
    used = counted(len(methods), N_("one method"), N_("{count} methods"), lang)
    about = M_(
        "This report holds {count} ({periods}) and {shape}. Its figures are computed with "
        "{methods}:",
        count=count,
        periods=", ".join(periods),
        shape=shape,
        methods=used,
    ).render(lang)
    return f"<p>{text(about)}</p>"


def _changes(scored: ReportScore, lang: Language) -> str:
    if not scored.changes:
        return ""
    pairs = []
    for change in scored.changes:
        earlier, later = scored.period(change.earlier), scored.period(change.later)
        pair = f"{earlier.period.label} → {later.period.label}"
        if earlier.method.name != later.method.name:
            pair = M_(
                "{change} (methods {earlier} and {later})",
                change=pair,
                earlier=earlier.method.name,
                later=later.method.name,
            ).render(lang)
        pairs.append(pair)
    changes = M_(
        "Change between periods = the value of the later period − the value of the earlier "
        "period of the same kind, in percentage points: {changes}.",
        changes="; ".join(pairs),
    ).render(lang)
    return f"<p>{text(changes)}</p>"


def method_section(report: Report, scored: ReportScore, fmt: Formats) -> str:
    """Metode Perhitungan: the report's shape, then each method used with the periods it
    scored, in words written for that shape; the changes; the rounding."""
    lang = fmt.lang
    office = translate(N_("the office") if report.root.units else N_("the unit"), lang)
    used: dict[str, tuple[ScoringMethod, list[PeriodScore]]] = {}
    for period in scored.periods:
        used.setdefault(period.method.name, (period.method, []))[1].append(period)
    parts = [
        f'<section id="metode"><h2>{text(fmt.words(METHOD))}</h2>',
        _about(report, scored, lang),
    ]
    parts += [_method(report, method, periods, office, lang) for method, periods in used.values()]
    parts.append(_changes(scored, lang))
    graded = report.grading.get("capaian")
    if graded is not None:
        grades = said(
            N_(
                "Each indicator's grade is given from its achievement by the grade table {table} "
                "that the report states."
            ),
            lang,
            table=f"<code>{text(graded)}</code>",
        )
        parts.append(f"<p>{grades}</p>")
    exact = said(
        N_(
            "Every figure is computed exactly (in decimals, without rounding in between) from "
            "the targets, realisations, pagu and budget realisations in the report file, then "
            "rounded once, when it is shown: {rounding}, {places} places. The figures the "
            "report prints are not used in the computation; the audit compares them with the "
            "recomputed ones at the precision they are printed at. The formulas in full, with "
            "examples: {document} in lakipcore's documentation."
        ),
        lang,
        rounding=text(translate(_ROUNDING_WORDS[fmt.rounding], lang)),
        places=str(fmt.places),
        document="<code>docs/methodology.md</code>",
    )
    parts.append(f"<p>{exact}</p></section>")
    return "".join(parts)
