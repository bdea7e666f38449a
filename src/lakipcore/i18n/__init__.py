"""Words a user sees, in Indonesian (the default) or English: gettext message catalogues.

A sentence is kept as a :class:`Message` until an output shows it: its English text (the
gettext ``msgid``, the catalogue's key) with named arguments, which are figures already written
in the report's own notation, names, or other messages. An output renders it in the reader's
language with :meth:`Message.render`. So a finding is a code plus its figures, and the sentence
is chosen where it is shown (docs/language.md).

The language of an output is, in order: the ``lang=`` argument (``--lang`` on the command
line), else the language of an enclosing ``with speaking("en"):`` block (a context variable,
so threads and tasks each keep their own), else the ``LAKIP_LANG`` environment variable, else
Indonesian. The catalogues live in
``lakipcore/i18n/locale/<lang>/LC_MESSAGES/lakipcore.po`` (and the compiled ``.mo`` that the
standard library's :mod:`gettext` reads at run time); ``python tools/messages.py`` extracts the
messages with Babel and compiles the catalogues, and CI checks that every message has both
languages and that the catalogues are up to date (``python tools/messages.py --check``).

>>> difference = Message(N_("{amount} too low"), amount="0,10")
>>> difference.render("id"), difference.render("en")
('lebih rendah 0,10', '0,10 too low')
"""

from __future__ import annotations

import contextlib
import contextvars
import difflib
import gettext
import os
import string
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Final, Literal, TypeAlias

import attrs

from lakipcore.errors import LakipTypeError, Sentence, UnknownNameError

__all__ = [
    "DEFAULT_LANGUAGE",
    "ENVIRONMENT_VARIABLE",
    "LANGUAGES",
    "M_",
    "N_",
    "T_",
    "Language",
    "Message",
    "language",
    "placeholders",
    "speaking",
    "translate",
]

Language: TypeAlias = Literal["id", "en"]
"""A language lakipcore speaks: ``"id"`` (Bahasa Indonesia) or ``"en"`` (English)."""

LANGUAGES: Final[tuple[Language, ...]] = ("id", "en")
"""The languages of the catalogues, the default first."""

DEFAULT_LANGUAGE: Final[Language] = "id"
"""Indonesian: the language of the reports and of the people who read them."""

ENVIRONMENT_VARIABLE: Final = "LAKIP_LANG"
"""The environment variable naming the language when an output is not given ``lang=``."""

DOMAIN: Final = "lakipcore"
"""The gettext domain: the catalogues' file name."""

# A language given as a locale ("id_ID.UTF-8", "en-GB") is taken by its language part.
_ALIASES: Final[Mapping[str, Language]] = MappingProxyType(
    {"id": "id", "in": "id", "ind": "id", "indonesia": "id", "en": "en", "eng": "en"}
)


def N_(msgid: str) -> str:  # noqa: N802 - the gettext convention Babel extracts by name
    """Mark ``msgid`` as a message for the catalogues, without translating it now."""
    return msgid


def T_(msgid: str) -> str:  # noqa: N802 - extracted by name, as N_
    """``msgid`` marked for the catalogues and translated now, into the language in force
    (:func:`language`): for text that is made when it is shown, such as the command line's
    help, which is built after ``--lang`` is read."""
    return translate(msgid)


def M_(msgid: str, /, **arguments: object) -> Message:  # noqa: N802 - extracted by name, as N_
    """A :class:`Message` of ``msgid`` (marked for the catalogues) whose arguments are
    written as an f-string writes them (``format(value, "")``) unless they are messages:
    ``M_("a cap must be positive, got {cap}", cap=cap)``. What errors are raised with."""
    return Message(
        msgid,
        **{
            name: value if isinstance(value, str | Message | Sentence) else format(value, "")
            for name, value in arguments.items()
        },
    )


_SPOKEN: contextvars.ContextVar[Language | None] = contextvars.ContextVar(
    "lakipcore_language", default=None
)


@contextlib.contextmanager
def speaking(lang: str | None) -> Iterator[Language]:
    """Within the block, outputs not given ``lang=`` speak ``lang`` (``None``: as outside).

    >>> with speaking("en"):
    ...     Message(N_("{amount} too high"), amount="2").render()
    '2 too high'
    """
    token = _SPOKEN.set(language(lang) if lang is not None else _SPOKEN.get())
    try:
        yield language()
    finally:
        _SPOKEN.reset(token)


def language(lang: str | None = None) -> Language:
    """The language of an output: ``lang`` when given, else that of an enclosing
    :func:`speaking` block, else ``LAKIP_LANG``, else Indonesian.

    Accepts ``"id"`` and ``"en"`` and locale names such as ``"id_ID.UTF-8"`` or ``"en-GB"``;
    anything else is an :class:`~lakipcore.errors.UnknownNameError` naming the languages (an
    empty ``LAKIP_LANG`` counts as not set).
    """
    given, field = (lang, "lang") if lang is not None else (None, ENVIRONMENT_VARIABLE)
    if given is None:
        spoken = _SPOKEN.get()
        if spoken is not None:
            return spoken
        given = os.environ.get(ENVIRONMENT_VARIABLE) or None
        if given is None:
            return DEFAULT_LANGUAGE
    if not isinstance(given, str):
        raise LakipTypeError(
            # Plain text: a message rendered in a language would ask for the language again.
            f"expected the language as a name (str), got {type(given).__name__}",
            field=field,
        )
    head = given.strip().replace("-", "_").split(".")[0].split("_")[0].casefold()
    found = _ALIASES.get(head)
    if found is None:
        close = difflib.get_close_matches(head, list(_ALIASES), n=1)
        hint = f"; did you mean {_ALIASES[close[0]]!r}?" if close else ""
        raise UnknownNameError(
            f"unknown language {given!r}; expected one of 'id' (Indonesian) or 'en' "
            f"(English){hint}",
            field=field,
        )
    return found


@cache
def _catalogue(lang: Language) -> gettext.NullTranslations:
    """The compiled catalogue of ``lang`` (English is the messages' own text)."""
    if lang == "en":
        return gettext.NullTranslations()
    path = resources.files(__package__).joinpath(f"locale/{lang}/LC_MESSAGES/{DOMAIN}.mo")
    with path.open("rb") as stream:
        return gettext.GNUTranslations(stream)


def translate(msgid: str, lang: str | None = None) -> str:
    """``msgid`` in ``lang`` (:func:`language`), its English text when the catalogue lacks it
    (CI keeps every message of the library translated)."""
    return _catalogue(language(lang)).gettext(msgid)


Argument: TypeAlias = "str | Message | Sentence"


def _arguments(value: Mapping[str, Argument]) -> tuple[tuple[str, Argument], ...]:
    # A tuple of pairs, in name order: a message is a value, hashable like the findings
    # holding it.
    return tuple(sorted(value.items()))


@attrs.frozen(init=False)
class Message:
    """A sentence before it is put into a language: an English ``msgid`` with ``{named}``
    placeholders, and the arguments that fill them (text, or messages rendered in the same
    language). Mark the ``msgid`` with :func:`N_` so that the catalogues extract it.

    ``Message.literal(text)`` wraps text that is not a message of the catalogues (a finding
    made by a check of one's own): it renders as it is in every language.
    """

    msgid: str
    arguments: tuple[tuple[str, Argument], ...] = attrs.field(converter=_arguments)
    literal_text: bool = False

    def __init__(self, msgid: str, /, **arguments: Argument) -> None:
        if not isinstance(msgid, str):
            raise LakipTypeError(
                M_("expected a message text (str), got {type}", type=type(msgid).__name__)
            )
        self.__attrs_init__(msgid, arguments)
        if not self.literal_text:
            _check_placeholders(msgid, arguments)

    @classmethod
    def literal(cls, text: str) -> Message:
        """``text`` as a message that is the same in every language."""
        message = cls.__new__(cls)
        message.__attrs_init__(text, {}, True)
        return message

    def render(self, lang: str | None = None) -> str:
        """The sentence in ``lang`` (:func:`language`: the argument, ``LAKIP_LANG``, or
        Indonesian)."""
        chosen = language(lang)
        if self.literal_text:
            return self.msgid
        values = {
            name: value if isinstance(value, str) else value.render(chosen)
            for name, value in self.arguments
        }
        return translate(self.msgid, chosen).format_map(values)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        # One short line in notebooks: the English text, clipped (render() gives it whole).
        english = self.render("en")
        return f"Message({english if len(english) <= 80 else english[:77] + '...'!r})"


def _check_placeholders(msgid: str, arguments: Mapping[str, Argument]) -> None:
    names = placeholders(msgid)
    if names != set(arguments):
        missing, extra = sorted(names - set(arguments)), sorted(set(arguments) - names)
        raise LakipTypeError(
            M_(
                "message {msgid} needs the arguments {value}; missing {missing}, "
                "unexpected {extra}",
                msgid=repr(msgid),
                value=sorted(names),
                missing=missing,
                extra=extra,
            )
        )
    for name, value in arguments.items():
        if not isinstance(value, str | Message | Sentence):
            raise LakipTypeError(
                M_(
                    "argument {name} of message {msgid} must be text or a Message, got {type}",
                    name=repr(name),
                    msgid=repr(msgid),
                    type=type(value).__name__,
                )
            )


def placeholders(text: str) -> set[str]:
    """The names of the ``{named}`` placeholders of a message text."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
