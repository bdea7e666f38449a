"""The exception hierarchy for misuse and bad input.

Every exception lakipcore raises on purpose derives from :class:`LakipError`, and also from
``ValueError`` (bad values) or ``TypeError`` (a wrong kind of object, such as a ``float`` where a
``Decimal`` is required), so callers can catch either the library's base or the builtin they
already handle.

Inconsistencies in otherwise valid data (a printed capaian that disagrees with its inputs) are
*not* exceptions: they are collected as findings by the audit.

Each error can say where the bad value came from: ``source`` (a file name) and ``field`` (a path
inside that file such as ``units[2].indicators[0].years.2019.target``). ``str(error)`` puts them
in front, in the ``file: field: message`` form that editors and CI logs understand.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

__all__ = [
    "FigureFormatError",
    "InvalidValueError",
    "LakipError",
    "LakipTypeError",
    "LakipValueError",
    "Listing",
    "MethodNotApplicableError",
    "ReportFileError",
    "Sentence",
    "UnansweredCriterionError",
    "UndefinedCapaianError",
    "UnknownNameError",
    "ZeroDenominatorError",
    "ZeroTargetError",
]


@runtime_checkable
class Sentence(Protocol):
    """What an error's message is when it is not plain text: a
    :class:`lakipcore.i18n.Message` (named here as a protocol, because the message catalogues
    sit above this module)."""

    @property
    def msgid(self) -> str:
        """The message's English key in the catalogues."""

    def render(self, lang: str | None = None) -> str:
        """The message in ``lang`` (the default language when not given)."""


class LakipError(Exception):
    """Base class of every error lakipcore raises on purpose.

    ``source`` is the file, ``field`` the path inside it, ``line`` the line where known.
    ``errors`` lists the individual errors: just this one, except for a
    :class:`ReportFileError` that collects every bad field of a file. So a caller can always
    write ``for error in caught.errors: ...``.

    The message is a :class:`lakipcore.i18n.Message` (lakipcore raises with
    ``M_("…", …)``) or plain text: :attr:`message` gives it in the default language
    (Indonesian unless ``LAKIP_LANG``, ``--lang`` or a ``speaking()`` block says otherwise),
    :meth:`message_in` in a given one, :attr:`text` as it was given.
    """

    def __init__(
        self,
        message: str | Sentence,
        *,
        field: str | None = None,
        source: str | None = None,
        line: int | None = None,
    ):
        super().__init__(message)
        self.text: str | Sentence = message
        self.field = field
        self.source = source
        self.line = line

    @property
    def message(self) -> str:
        """The message in the default language."""
        return self.message_in()

    @message.setter
    def message(self, value: str | Sentence) -> None:
        self.text = value

    def message_in(self, lang: str | None = None) -> str:
        """The message in ``lang`` (``"id"`` or ``"en"``). When the language in force is not
        one lakipcore speaks (a ``LAKIP_LANG`` of another language), the English: showing an
        error must not raise another."""
        if isinstance(self.text, str):
            return self.text
        try:
            return self.text.render(lang)
        except LakipError:
            return self.text.render("en")

    @property
    def message_id(self) -> str:
        """The message's English key in the catalogues (stable across languages; plain text
        as it is)."""
        return self.text if isinstance(self.text, str) else self.text.msgid

    @property
    def errors(self) -> tuple[LakipError, ...]:
        """The individual errors this one stands for: ``(self,)``."""
        return (self,)

    def relocated(
        self,
        *,
        field: str | None = None,
        source: str | None = None,
        line: int | None = None,
    ) -> LakipError:
        """A new error of the same class and message at the given location (this one unchanged)."""
        new = copy.copy(self)
        new.field, new.source, new.line = field, source, line
        return new

    def located(self, *, field: str | None = None, source: str | None = None) -> LakipError:
        """A new error with a location filled in where this one has none.

        ``field`` is prefixed to an existing field path, so a caller can add the outer part of
        the path (``units[2]``) to an error raised deep inside (``indicators[0].target``).
        This error is left unchanged.
        """
        new = copy.copy(self)
        if field is not None:
            new.field = field if self.field is None else f"{field}.{self.field}"
        if source is not None and self.source is None:
            new.source = source
        return new

    def to_dict(self) -> dict[str, Any]:
        """The error as JSON-ready data (``lakip schema error``; docs/json.md): its class,
        message, location and full text, and ``errors``, each individual error so (one for
        an error about one thing, every bad field for a file with several)."""
        own = self._fields()
        return {**own, "errors": [e._fields() if e is not self else own for e in self.errors]}

    def _fields(self) -> dict[str, Any]:
        return {
            "type": type(self).__name__,
            "message": self.message,
            "message_id": self.message_id,
            "source": self.source,
            "field": self.field,
            "line": self.line,
            "text": str(self),
        }

    def describe(self, lang: str | None = None) -> str:
        """The error on one line, ``file:LINE: field: message``, the message in ``lang``."""
        head = self.source
        if head and self.line is not None:
            head = f"{head}:{self.line}"
        parts = [p for p in (head, self.field) if p]
        parts.append(self.message_in(lang))
        return ": ".join(parts)

    def __str__(self) -> str:
        return self.describe()


class LakipValueError(LakipError, ValueError):
    """A value that has the right type but cannot be used."""


class LakipTypeError(LakipError, TypeError):
    """A value of the wrong type, such as a ``float`` where an exact number is required."""


class FigureFormatError(LakipValueError):
    """Text that is not a figure in the Indonesian report style, or is ambiguous."""


class InvalidValueError(LakipValueError):
    """A well-formed value the domain does not allow (a negative pagu, a duplicate code, …)."""


class UndefinedCapaianError(LakipValueError):
    """Capaian asked where its formula has no defined reading: the inverse ratio T / R of a
    negative target or realisation (docs/methodology.md, "Negative targets and realisations").
    :class:`ZeroTargetError` is the case of a zero target."""


class ZeroTargetError(UndefinedCapaianError):
    """Capaian asked of a zero target under the ``error`` zero-target policy."""


class ZeroDenominatorError(InvalidValueError):
    """An evidence rule that divides by zero: a ratio whose denominator rule gives 0, or a
    relative change from a period whose value is 0."""


class UnansweredCriterionError(LakipValueError):
    """An evaluation worksheet cannot be scored because criteria are not answered (and its
    policy does not say what they count for). ``criteria`` lists their ids."""

    def __init__(
        self,
        message: str | Sentence,
        *,
        criteria: tuple[str, ...] = (),
        field: str | None = None,
        source: str | None = None,
        line: int | None = None,
    ):
        super().__init__(message, field=field, source=source, line=line)
        self.criteria = criteria


class UnknownNameError(LakipValueError):
    """A name (method preset, enum member, table) that lakipcore does not know."""


class MethodNotApplicableError(LakipValueError):
    """A scoring method that cannot be applied to the data given.

    Example: summing pagu and realisasi for the office when a year's budgets are known only
    as printed absorption rates.
    """


class Listing:
    """Several errors, one per line (``  file:LINE: field: message``), each in the language
    it is rendered in: the message of a :class:`ReportFileError` that collects them fills its
    ``{listing}`` with this."""

    msgid = ""

    def __init__(self, errors: Sequence[LakipError]) -> None:
        self.errors = tuple(errors)

    def render(self, lang: str | None = None) -> str:
        """Each error on its own indented line, in ``lang``."""
        return "\n".join(f"  {error.describe(lang)}" for error in self.errors)


class ReportFileError(LakipValueError):
    """A report file that cannot be read: TOML syntax, a missing or unexpected field.

    When a file has several bad fields, the loader raises one ``ReportFileError`` whose
    ``errors`` holds each of them (every one with its field and line), and whose message lists
    them all.
    """

    def __init__(
        self,
        message: str | Sentence,
        *,
        field: str | None = None,
        source: str | None = None,
        line: int | None = None,
        errors: Sequence[LakipError] = (),
    ):
        super().__init__(message, field=field, source=source, line=line)
        self._collected = tuple(errors)

    @property
    def errors(self) -> tuple[LakipError, ...]:
        """Each bad field of the file, or ``(self,)`` for an error about the whole file."""
        return self._collected or (self,)
