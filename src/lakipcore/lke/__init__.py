"""The SAKIP evaluation (*evaluasi AKIP*): score an LKE worksheet exactly, audit its logic, and
show what it takes to reach the next predikat (docs/evaluation.md).

The package is a slice of its own, with the same layers as the report's: the design and the
worksheet as data (:mod:`~lakipcore.lke.design`, :mod:`~lakipcore.lke.worksheet`), their files
(:mod:`~lakipcore.lke.design_file`, :mod:`~lakipcore.lke.worksheet_file`, the shipped designs
in :mod:`~lakipcore.lke.designs`), exact scoring (:mod:`~lakipcore.lke.scoring`), the audit and
the gap analysis (:mod:`~lakipcore.lke.audit`, :mod:`~lakipcore.lke.gap`), the one pass
(:func:`evaluate`) and the outputs that read its result (:mod:`~lakipcore.lke.render`).

>>> from lakipcore import lke
>>> evaluation = lke.evaluate(lke.example_worksheet())
>>> evaluation.score.predikat, str(evaluation.score.rounded(evaluation.score.total))
('BB', '74.73')
>>> evaluation.score.official
False

A computed predikat is a simulation (*nilai usulan*): the official result is the evaluator's.
"""

from __future__ import annotations

from lakipcore.lke.audit import audit_worksheet
from lakipcore.lke.design import (
    Component,
    Criterion,
    Design,
    LogicRule,
    Part,
    RuleKind,
    UnansweredPolicy,
)
from lakipcore.lke.design_file import load_design, loads_design
from lakipcore.lke.designs import DESIGN_NAMES, designs, get_design
from lakipcore.lke.evaluation import (
    Evaluation,
    LayerComparison,
    compare_layers,
    evaluate,
    evaluate_many,
)
from lakipcore.lke.gap import NextPredikat, Step, next_predikat, policy_effects, step_gains
from lakipcore.lke.render import evaluation_text, evaluation_to_dict
from lakipcore.lke.scale import Answer, AnswerScale
from lakipcore.lke.scoring import EvaluationScore, score_worksheet
from lakipcore.lke.worksheet import PrintedEvaluation, PrintedScore, Response, Worksheet
from lakipcore.lke.worksheet_file import (
    EXAMPLE_WORKSHEETS,
    example_worksheet,
    load_worksheet,
    loads_worksheet,
)

__all__ = [
    "DESIGN_NAMES",
    "EXAMPLE_WORKSHEETS",
    "Answer",
    "AnswerScale",
    "Component",
    "Criterion",
    "Design",
    "Evaluation",
    "EvaluationScore",
    "LayerComparison",
    "LogicRule",
    "NextPredikat",
    "Part",
    "PrintedEvaluation",
    "PrintedScore",
    "Response",
    "RuleKind",
    "Step",
    "UnansweredPolicy",
    "Worksheet",
    "audit_worksheet",
    "compare_layers",
    "designs",
    "evaluate",
    "evaluate_many",
    "evaluation_text",
    "evaluation_to_dict",
    "example_worksheet",
    "get_design",
    "load_design",
    "load_worksheet",
    "loads_design",
    "loads_worksheet",
    "next_predikat",
    "policy_effects",
    "score_worksheet",
    "step_gains",
]
