"""Metode Perhitungan: the scoring methods of a report and its rounding, in words."""

from __future__ import annotations

from collections.abc import Sequence

from lakipcore.figures import format_number
from lakipcore.methods import (
    AbsorptionAggregation,
    AchievementAggregation,
    ScoringMethod,
    ZeroTargetPolicy,
)
from lakipcore.render.sections import Formats, text
from lakipcore.results.scores import ReportScore
from lakipcore.rounding import Rounding

__all__ = ["method_section"]


_ACHIEVEMENT_WORDS = {
    AchievementAggregation.POOLED_INDICATORS: (
        "rata-rata capaian seluruh indikator yang ditargetkan dari semua unit, digabung: unit "
        "dengan lebih banyak indikator berbobot lebih besar"
    ),
    AchievementAggregation.MEAN_OF_UNIT_MEANS: (
        "rata-rata capaian rata-rata tiap unit: setiap unit berbobot sama"
    ),
}
_ABSORPTION_WORDS = {
    AbsorptionAggregation.TOTAL_AMOUNTS: "Σ realisasi anggaran / Σ pagu seluruh unit × 100%",
    AbsorptionAggregation.MEAN_OF_UNIT_RATES: (
        "rata-rata sederhana persentase penyerapan tiap unit"
    ),
}
_LOWER_WORDS = {
    "kondisi-khusus": "(2 × target − realisasi) / target × 100% (kondisi khusus)",
    "inverse-ratio": "target / realisasi × 100%",
}
_ROUNDING_WORDS = {
    Rounding.HALF_UP: "setengah ke atas (half-up)",
    Rounding.TRUNCATE: "dipotong (truncate)",
    Rounding.HALF_EVEN: "setengah ke genap (half-even)",
}


def _method(method: ScoringMethod, periods: Sequence[str]) -> str:
    weights = method.weights
    cap = (
        "tanpa batas atas"
        if method.cap is None
        else f"dibatasi paling tinggi {format_number(method.cap)}%"
    )
    zero = (
        "indikator dengan target nol tidak dapat dihitung dan dilaporkan"
        if method.zero_target is ZeroTargetPolicy.ERROR
        else "indikator dengan target nol dikeluarkan dari rata-rata"
    )
    items = (
        f"Capaian indikator = realisasi / target × 100% bila makin tinggi makin baik; "
        f"{_LOWER_WORDS.get(method.lower_is_better.value, method.lower_is_better.value)} bila "
        f"makin rendah makin baik; {cap}; {zero}. Indikator “Tidak ditargetkan” tidak dihitung.",
        "Capaian indikator kinerja unit = rata-rata capaian indikatornya.",
        f"Capaian indikator kinerja kantor = {_ACHIEVEMENT_WORDS[method.achievement]}.",
        f"Penyerapan anggaran = realisasi / pagu × 100%; kantor: "
        f"{_ABSORPTION_WORDS[method.absorption]}.",
        f"Performance = {format_number(weights.achievement)} × capaian indikator kinerja + "
        f"{format_number(weights.absorption)} × penyerapan anggaran.",
        "Perubahan antar periode = nilai periode ini − nilai periode sebelumnya yang sejenis, "
        "dalam poin persentase.",
    )
    body = "".join(f"<li>{text(item)}</li>" for item in items)
    description = (
        f'<p class="description" lang="en">{text(method.description)}</p>'
        if method.description
        else ""
    )
    return (
        f"<h3>Metode <code>{text(method.name)}</code> ({text(', '.join(periods))})</h3>"
        f"<ul>{body}</ul>{description}"
    )


def method_section(scored: ReportScore, fmt: Formats) -> str:
    """Metode Perhitungan: each method used, the periods it scored, in words; the rounding."""
    used: dict[str, tuple[ScoringMethod, list[str]]] = {}
    for period in scored.periods:
        entry = used.setdefault(period.method.name, (period.method, []))
        entry[1].append(period.period.label)
    parts = ['<section id="metode"><h2>Metode Perhitungan</h2>']
    parts += [_method(method, periods) for method, periods in used.values()]
    parts.append(
        "<p>Semua angka dihitung eksak (desimal, tanpa pembulatan antara) dari target, "
        "realisasi, pagu dan realisasi anggaran dalam berkas laporan, lalu dibulatkan sekali, "
        f"saat ditampilkan: {_ROUNDING_WORDS[fmt.rounding]}, {fmt.places} desimal. Angka yang "
        "dicetak laporan tidak dipakai dalam perhitungan; audit membandingkannya dengan hasil "
        "hitung ulang pada presisi cetaknya. Rumus lengkap beserta contohnya: "
        "<code>docs/methodology.md</code> dalam dokumentasi lakipcore.</p></section>"
    )
    return "".join(parts)
