"""Converters of the fields of a worksheet design, one per field so that an error names it.

attrs types a field by its converter only when the converter is a named function, hence one
small function per field (``required_code``, ``optional_guidance``…) rather than a factory.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from lakipcore.errors import InvalidValueError, LakipTypeError
from lakipcore.figures import exact_decimal
from lakipcore.i18n import M_

__all__ = [
    "answer_value",
    "full_marks",
    "name_field",
    "optional_guidance",
    "optional_meaning",
    "optional_message",
    "optional_source",
    "optional_weight",
    "required_code",
    "required_criterion",
    "required_id",
    "required_limit",
    "required_name",
    "required_source",
    "required_text",
    "required_title",
    "required_version",
    "str_field",
    "str_fields",
    "weight_field",
]


def str_field(value: object, field: str) -> str:
    """``value`` if it is a str (empty allowed); a type error naming ``field`` otherwise."""
    if not isinstance(value, str):
        raise LakipTypeError(
            M_("{field} must be a str, got {type}", field=field, type=type(value).__name__),
            field=field,
        )
    return value


def name_field(value: object, field: str) -> str:
    """``value`` trimmed, which must not be empty: an id, a code, a name."""
    text = str_field(value, field).strip()
    if not text:
        raise InvalidValueError(M_("{field} must not be empty", field=field), field=field)
    return text


def weight_field(value: object) -> Decimal:
    """A weight as an exact Decimal above 0."""
    weight = exact_decimal(value, field="weight")
    if weight <= 0:
        raise InvalidValueError(
            M_("a weight must be above 0, got {weight}", weight=weight), field="weight"
        )
    return weight


# Named converters, one per field, so that an error names the field (attrs needs named
# functions to type them).
def required_code(value: object) -> str:
    return name_field(value, "code")


def required_criterion(value: object) -> str:
    return name_field(value, "criterion")


def required_id(value: object) -> str:
    return name_field(value, "id")


def required_limit(value: object) -> str:
    return name_field(value, "limit")


def required_name(value: object) -> str:
    return name_field(value, "name")


def required_source(value: object) -> str:
    return name_field(value, "source")


def required_text(value: object) -> str:
    return name_field(value, "text")


def required_title(value: object) -> str:
    return name_field(value, "title")


def required_version(value: object) -> str:
    return name_field(value, "version")


def optional_guidance(value: object) -> str:
    return str_field(value, "guidance")


def optional_meaning(value: object) -> str:
    return str_field(value, "meaning")


def optional_message(value: object) -> str:
    return str_field(value, "message")


def optional_source(value: object) -> str:
    return str_field(value, "source")


def answer_value(value: object) -> Decimal:
    return exact_decimal(value, field="value")


def full_marks(value: object) -> Decimal | None:
    return None if value is None else exact_decimal(value, field="full")


def optional_weight(value: object) -> Decimal | None:
    return None if value is None else weight_field(value)


def str_fields(value: Iterable[str]) -> tuple[str, ...]:
    items = tuple(value)
    for index, item in enumerate(items):
        str_field(item, f"[{index}]")
    return items
