"""Metode Perhitungan: the scoring methods of a report and its rounding, in words.

Every sentence is written from the report itself: its periods and the method each was scored
with, the shape of its tree (an office over units, or a single unit reporting on itself), its
indicators (which direction is good, which have no target) and whether it has a budget. No
sentence names a report, an office or a year the report does not (a method's ``description``
is the method's own note, in English, and is not shown).
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from lakipcore.figures import NotTargeted, format_number
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
from lakipcore.render.sections import Formats, text
from lakipcore.results.scores import PeriodScore, ReportScore
from lakipcore.rounding import Rounding

__all__ = ["method_section"]


_ACHIEVEMENT_WORDS = {
    AchievementAggregation.POOLED_INDICATORS: (
        "rata-rata capaian seluruh indikator yang ditargetkan dari {units}, digabung: unit "
        "dengan lebih banyak indikator berbobot lebih besar"
    ),
    AchievementAggregation.MEAN_OF_UNIT_MEANS: (
        "rata-rata capaian indikator kinerja {units}: setiap unit berbobot sama"
    ),
}
_ABSORPTION_WORDS = {
    AbsorptionAggregation.TOTAL_AMOUNTS: "Σ realisasi anggaran / Σ pagu × 100%, atas {units}",
    AbsorptionAggregation.MEAN_OF_UNIT_RATES: ("rata-rata sederhana persentase penyerapan {units}"),
}
_FORMULA_WORDS = {
    Formula.RATIO: "realisasi / target × 100%",
    Formula.KONDISI_KHUSUS: "(2 × target − realisasi) / target × 100% (kondisi khusus)",
    Formula.INVERSE_RATIO: "target / realisasi × 100%",
}
_BASE_WORDS = {
    AbsorptionBase.REVISED: "pagu (setelah revisi)",
    AbsorptionBase.ORIGINAL: "pagu awal (DIPA pertama; pagu bila pagu awal tidak dinyatakan)",
}
_ROUNDING_WORDS = {
    Rounding.HALF_UP: "setengah ke atas (half-up)",
    Rounding.TRUNCATE: "dipotong (truncate)",
    Rounding.HALF_EVEN: "setengah ke genap (half-even)",
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


def _capaian(method: ScoringMethod, shape: _Shape) -> str:
    """How an indicator's capaian is computed, for the indicators the report has."""
    lower = _FORMULA_WORDS[method.lower_is_better]
    parts = [f"Capaian indikator = {_FORMULA_WORDS[Formula.RATIO]} bila makin tinggi makin baik"]
    if shape.lower:
        parts.append(f"{lower} bila makin rendah makin baik ({shape.lower} indikator)")
    else:
        parts.append(f"tidak ada indikator yang makin rendah makin baik (metode ini: {lower})")
    if shape.own_formula:
        parts.append(f"{shape.own_formula} indikator dengan rumusnya sendiri")
    parts.append(
        "tanpa batas atas"
        if method.cap is None
        else f"dibatasi paling tinggi {format_number(method.cap)}%"
    )
    parts.append(
        "indikator dengan target nol tidak dapat dihitung dan dilaporkan"
        if method.zero_target is ZeroTargetPolicy.ERROR
        else "indikator dengan target nol dikeluarkan dari rata-rata"
    )
    sentence = "; ".join(parts) + "."
    if shape.not_targeted:
        sentence += (
            f" Indikator “Tidak ditargetkan” ({shape.not_targeted}) tidak dihitung dalam rata-rata."
        )
    return sentence


def _items(method: ScoringMethod, shape: _Shape, office: str, periods: int) -> list[str]:
    """The method in sentences, for a report of this shape (over ``periods`` periods)."""
    these = "periode ini" if periods == 1 else "periode-periode ini"
    units = f"{shape.units} unit di bawahnya" if shape.units != 1 else "satu unit di bawahnya"
    items = []
    if shape.indicators:
        items.append(_capaian(method, shape))
        if shape.units:
            items.append("Capaian indikator kinerja unit = rata-rata capaian indikatornya.")
            achievement = _ACHIEVEMENT_WORDS[method.achievement].format(units=units)
            items.append(f"Capaian indikator kinerja {office} = {achievement}.")
        else:
            items.append(
                f"Capaian indikator kinerja {office} = rata-rata capaian indikatornya (satu unit "
                "tanpa sub-unit: cara metode menggabungkan unit tidak berpengaruh)."
            )
    else:
        items.append(f"Laporan tidak memuat capaian indikator untuk {these}: tidak tersedia.")
    if shape.budget:
        absorption = f"Penyerapan anggaran = realisasi / {_BASE_WORDS[method.absorption_base]}"
        if shape.units:
            rate = _ABSORPTION_WORDS[method.absorption].format(units=units)
            absorption += f" × 100%; {office}: {rate}."
        else:
            absorption += " × 100%."
        items.append(absorption)
    else:
        items.append(f"Laporan tidak memuat anggaran untuk {these}: penyerapan tidak tersedia.")
    weights = method.weights
    if shape.budget and shape.indicators:
        items.append(
            f"Performance = {format_number(weights.achievement)} × capaian indikator kinerja + "
            f"{format_number(weights.absorption)} × penyerapan anggaran."
        )
    else:
        items.append("Performance tidak tersedia: dihitung dari capaian dan penyerapan.")
    items.append(
        f"Laporan membulatkan angka yang dicetaknya {_ROUNDING_WORDS[method.rounding]}; "
        "audit membaca angka cetak dengan cara ini lebih dulu."
    )
    return items


def _method(
    report: Report, method: ScoringMethod, periods: Sequence[PeriodScore], office: str
) -> str:
    labels = ", ".join(period.period.label for period in periods)
    alias = ALIASES.get(method.name)
    name = f"<code>{text(method.name)}</code>"
    if alias is not None:
        name += f", nama lama untuk <code>{text(alias)}</code>"
    items = _items(method, _shape(report, periods, method), office, len(periods))
    inferred = [period.period.label for period in periods if period.inferred]
    if inferred:
        items.append(
            f"Laporan tidak menyatakan metode untuk {', '.join(inferred)}: dipilih cara "
            "penggabungan yang paling menjelaskan baris kantor yang dicetaknya."
        )
    body = "".join(f"<li>{text(item)}</li>" for item in items)
    return f"<h3>Metode {name}: {text(labels)}</h3><ul>{body}</ul>"


def _about(report: Report, scored: ReportScore, office: str) -> str:
    """The report's shape in one paragraph: its periods, and the office over its units or a
    single unit."""
    periods = [
        period.period.label + (" (direncanakan)" if period.period.planned else "")
        for period in scored.periods
    ]
    count = f"{len(periods)} periode" if len(periods) > 1 else "satu periode"
    direct = len(report.root.units)
    below = sum(1 for _ in report.units()) - 1
    if direct:
        nested = f", {below} unit seluruhnya" if below > direct else ""
        shape = (
            f"{report.office} sebagai kantor dengan {direct} unit di bawahnya{nested}; angka "
            f"{office} (baris A) digabung dari angka unit-unitnya menurut metode periodenya"
        )
    else:
        shape = (
            f"satu unit kerja tanpa sub-unit, {report.office}, yang angkanya dihitung dari "
            "indikator dan anggarannya sendiri"
        )
    methods = {period.method.name for period in scored.periods}
    used = "satu metode" if len(methods) == 1 else f"{len(methods)} metode"
    return (
        f"<p>Laporan ini memuat {count} ({text(', '.join(periods))}) dan {text(shape)}. "
        f"Angkanya dihitung dengan {used}:</p>"
    )


def _changes(scored: ReportScore) -> str:
    if not scored.changes:
        return ""
    pairs = []
    for change in scored.changes:
        earlier, later = scored.period(change.earlier), scored.period(change.later)
        pair = f"{earlier.period.label} → {later.period.label}"
        if earlier.method.name != later.method.name:
            pair += f" (metode {earlier.method.name} dan {later.method.name})"
        pairs.append(pair)
    return (
        "<p>Perubahan antar periode = nilai periode yang kemudian − nilai periode sebelumnya "
        f"yang sejenis, dalam poin persentase: {text('; '.join(pairs))}.</p>"
    )


def method_section(report: Report, scored: ReportScore, fmt: Formats) -> str:
    """Metode Perhitungan: the report's shape, then each method used with the periods it
    scored, in words written for that shape; the changes; the rounding."""
    office = "kantor" if report.root.units else "unit"
    used: dict[str, tuple[ScoringMethod, list[PeriodScore]]] = {}
    for period in scored.periods:
        used.setdefault(period.method.name, (period.method, []))[1].append(period)
    parts = ['<section id="metode"><h2>Metode Perhitungan</h2>', _about(report, scored, office)]
    parts += [_method(report, method, periods, office) for method, periods in used.values()]
    parts.append(_changes(scored))
    graded = report.grading.get("capaian")
    if graded is not None:
        parts.append(
            "<p>Predikat setiap indikator diberikan dari capaiannya menurut tabel predikat "
            f"<code>{text(graded)}</code> yang dinyatakan laporan.</p>"
        )
    parts.append(
        "<p>Semua angka dihitung eksak (desimal, tanpa pembulatan antara) dari target, "
        "realisasi, pagu dan realisasi anggaran dalam berkas laporan, lalu dibulatkan sekali, "
        f"saat ditampilkan: {_ROUNDING_WORDS[fmt.rounding]}, {fmt.places} desimal. Angka yang "
        "dicetak laporan tidak dipakai dalam perhitungan; audit membandingkannya dengan hasil "
        "hitung ulang pada presisi cetaknya. Rumus lengkap beserta contohnya: "
        "<code>docs/methodology.md</code> dalam dokumentasi lakipcore.</p></section>"
    )
    return "".join(parts)
