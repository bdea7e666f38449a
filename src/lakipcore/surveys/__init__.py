"""Survey scales, conversions, grade tables and threshold rules.

Kemenkumham's self-surveys report IPK on skala 15, IKM on skala 20 and Integritas on skala 100;
PermenPAN-RB 14/2017 reports a unit's IKM on 25–100. This package converts between the scales
exactly (:func:`convert`), forms composites (:func:`composite_mean`, :func:`mean_of_scores`),
grades scores with tables held as validated data (:class:`GradeTable`), and applies the WBK and
Peduli HAM thresholds (:func:`wbk_candidacy`, :func:`peduli_ham`). See ``docs/surveys.md``.
"""

from lakipcore.surveys.grades import (
    GRADE_TABLES,
    Band,
    BandDefect,
    BandDefectKind,
    GapReading,
    GradeTable,
    get_grade_table,
)
from lakipcore.surveys.rules import (
    Criterion,
    PeduliHamResult,
    WbkCandidacy,
    peduli_ham,
    wbk_candidacy,
)
from lakipcore.surveys.scales import (
    SCALES,
    Scale,
    composite_mean,
    convert,
    get_scale,
    ikm_from_elements,
    mean_of_scores,
)

__all__ = [
    "GRADE_TABLES",
    "SCALES",
    "Band",
    "BandDefect",
    "BandDefectKind",
    "Criterion",
    "GapReading",
    "GradeTable",
    "PeduliHamResult",
    "Scale",
    "WbkCandidacy",
    "composite_mean",
    "convert",
    "get_grade_table",
    "get_scale",
    "ikm_from_elements",
    "mean_of_scores",
    "peduli_ham",
    "wbk_candidacy",
]
