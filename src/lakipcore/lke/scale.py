"""Answer scales of a worksheet design: the answers a criterion takes and what each earns.

A scale lists its answers from the best down with strictly falling values (AA … E = 100 … 0;
Y/T; A–E); an answer earns the share value / full marks of its criterion's weight, exactly.
A scale may read a percentage of evidence into an answer through a grade table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from lakipcore.errors import InvalidValueError, LakipTypeError, UnknownNameError
from lakipcore.i18n import M_
from lakipcore.lke.fields import (
    answer_value,
    full_marks,
    optional_meaning,
    optional_source,
    required_code,
    required_name,
)
from lakipcore.surveys.grades import GradeTable

if TYPE_CHECKING:
    from lakipcore.model.origin import Origin

__all__ = ["Answer", "AnswerScale", "folded"]


def _answers(value: Iterable[Answer]) -> tuple[Answer, ...]:
    return tuple(value)


def folded(code: str) -> str:
    """An answer code as it is matched: trimmed and upper-cased (a hand-kept sheet types
    ``bb`` or ``y``)."""
    return code.strip().upper()


@attrs.frozen
class Answer:
    """One answer of a scale: its ``code`` (``"BB"``), its ``value`` (80) and what it means."""

    code: str = attrs.field(converter=required_code)
    value: Decimal = attrs.field(converter=answer_value)
    meaning: str = attrs.field(default="", converter=optional_meaning)

    def __attrs_post_init__(self) -> None:
        if self.value < 0:
            raise InvalidValueError(
                M_("answer {code} has a value below 0", code=repr(self.code)), field="value"
            )


@attrs.frozen
class AnswerScale:
    """The answers a criterion takes, listed from the best down with strictly falling values.

    ``full`` is the value that earns a criterion its whole weight (the best answer's value
    unless given; never below it, so that no answer earns more than the weight). ``evidence``
    reads a percentage (of elements met, of targets agreed) into an answer: a
    :class:`~lakipcore.surveys.GradeTable` whose band letters are answer codes; the audit
    checks an answer against the percentage recorded beside it.
    """

    name: str = attrs.field(converter=required_name)
    answers: tuple[Answer, ...] = attrs.field(converter=_answers)
    full: Decimal | None = attrs.field(default=None, converter=full_marks)
    source: str = attrs.field(default="", converter=optional_source, kw_only=True)
    evidence: GradeTable | None = attrs.field(default=None, kw_only=True)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    _index: Mapping[str, int] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not self.answers:
            raise InvalidValueError(
                M_("answer scale {name} has no answers", name=repr(self.name)), field="answers"
            )
        index: dict[str, int] = {}
        for position, answer in enumerate(self.answers):
            if not isinstance(answer, Answer):
                raise LakipTypeError(
                    M_("expected an Answer, got {type}", type=type(answer).__name__),
                    field=f"answers[{position}]",
                )
            if folded(answer.code) in index:
                raise InvalidValueError(
                    M_(
                        "answer scale {name} lists answer {code} twice",
                        name=repr(self.name),
                        code=repr(answer.code),
                    ),
                    field=f"answers[{position}]",
                )
            if position and not answer.value < self.answers[position - 1].value:
                raise InvalidValueError(
                    M_(
                        "answer scale {name} must list its answers from the best down with "
                        "falling values: {code} ({value}) follows {previous} ({above})",
                        name=repr(self.name),
                        code=answer.code,
                        value=answer.value,
                        previous=self.answers[position - 1].code,
                        above=self.answers[position - 1].value,
                    ),
                    field=f"answers[{position}].value",
                )
            index[folded(answer.code)] = position
        given = self.full is not None
        if self.full is None:
            object.__setattr__(self, "full", self.answers[0].value)
        assert self.full is not None
        # The effective full marks divide every share: a scale whose best answer is worth 0
        # (and no ``full`` given) would divide by zero when scored.
        if self.full <= 0:
            raise InvalidValueError(
                M_("a scale's full marks must be above 0, got {full}", full=self.full),
                field="full" if given else "answers[0].value",
            )
        # An answer earns value / full of its criterion's weight: full marks below the best
        # answer's value would let a criterion earn more than its weight.
        if self.full < self.answers[0].value:
            raise InvalidValueError(
                M_(
                    "scale {name}: full marks {full} are below the value of its best answer "
                    "{code} ({value}), which would earn more than the criterion's weight",
                    name=repr(self.name),
                    full=self.full,
                    code=self.answers[0].code,
                    value=self.answers[0].value,
                ),
                field="full",
            )
        object.__setattr__(self, "_index", MappingProxyType(index))
        if self.evidence is not None:
            for band in self.evidence.bands:
                if folded(band.letter) not in index:
                    raise UnknownNameError(
                        M_(
                            "evidence band {band} of scale {name} names no answer of the scale; "
                            "answers: {known}",
                            band=str(band),
                            name=repr(self.name),
                            known=self.codes_text,
                        ),
                        field="evidence",
                    )

    @property
    def codes(self) -> tuple[str, ...]:
        """The answer codes, best first."""
        return tuple(answer.code for answer in self.answers)

    @property
    def codes_text(self) -> str:
        """The answer codes for a message: ``AA, A, BB, …``."""
        return ", ".join(self.codes)

    def find(self, code: str) -> Answer | None:
        """The answer with ``code`` (trimmed, any case), or ``None``."""
        position = self._index.get(folded(code))
        return None if position is None else self.answers[position]

    def answer(self, code: str) -> Answer:
        """The answer with ``code``; :class:`~lakipcore.UnknownNameError` listing the scale's
        answers otherwise."""
        found = self.find(code)
        if found is None:
            raise UnknownNameError(
                M_(
                    "{code} is not an answer of scale {name}; answers: {known}",
                    code=repr(code),
                    name=repr(self.name),
                    known=self.codes_text,
                ),
                field="answer",
            )
        return found

    def share(self, answer: Answer) -> Fraction:
        """The share of a criterion's weight that ``answer`` earns: value / full, exactly."""
        assert self.full is not None  # set when built
        return Fraction(answer.value) / Fraction(self.full)

    def above(self, answer: Answer) -> tuple[Answer, ...]:
        """The answers better than ``answer``, the next one up first."""
        position = self._index[folded(answer.code)]
        return tuple(reversed(self.answers[:position]))
