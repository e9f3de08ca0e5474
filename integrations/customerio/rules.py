"""Rules the generated params models declare as data, checked before any request is sent.

``SpecParams`` reads class-level declarations of a model and enforces them:

- ``one_of``: the spec's ``oneOf`` alternatives, each a tuple of the keys that alternative
  requires. Exactly one alternative must be complete (``one_of_optional``: at most one, for
  specs with a default branch that needs no key, like a broadcast's default audience;
  ``one_of_combinable``: at least one, for a template whose content the call may override).
- ``max_body_bytes`` / ``max_item_bytes``: Customer.io's size limits per call and per batch
  item (Pipelines and Track v2 answer 200 and drop oversize data, so we refuse it here).
- ``recipient_fields`` / ``max_recipients``: transactional sends take at most 15 addresses
  across ``to`` and ``bcc``.

Also here: the time types. Track and App take unix seconds, Pipelines ISO-8601; a timestamp
parameter accepts either and holds the form its API expects.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any, ClassVar, Self

from pydantic import BeforeValidator, ConfigDict, WithJsonSchema, model_validator
from ulid import ULID

from bridge.params import Params
from integrations.customerio.fields import Accepts, size

#: Pipelines and Track v2: one call (or one batch item) at most 32 KB, a batch at most 500 KB.
MAX_CALL_BYTES = 32 * 1024
MAX_BATCH_BYTES = 500 * 1024
#: Transactional sends: addresses across ``to`` and ``bcc``.
MAX_RECIPIENTS = 15


class SpecParams(Params):
    """A params model with declared cross-field rules (see the module docstring)."""

    one_of: ClassVar[tuple[tuple[str, ...], ...]] = ()
    one_of_optional: ClassVar[bool] = False
    #: Alternatives that may be given together (a template plus content that overrides it).
    one_of_combinable: ClassVar[bool] = False
    max_body_bytes: ClassVar[int | None] = None
    max_item_bytes: ClassVar[tuple[str, int] | None] = None
    recipient_fields: ClassVar[tuple[str, ...]] = ()
    #: The person is `id` with an `id_type`: `email = x` / `cio_id = x` are accepted as shorthands.
    person_shorthand: ClassVar[bool] = False

    @model_validator(mode="before")
    @classmethod
    def _shorthands(cls, data: Any) -> Any:
        return person_shorthand(data) if cls.person_shorthand else data

    @model_validator(mode="after")
    def _declared_rules(self) -> Self:
        check_one_of(self)
        check_sizes(self)
        check_recipients(self)
        return self


class OpenParams(SpecParams):
    """A params model whose body takes fields beyond the declared ones, passed as given.

    For operations whose facts name only some body fields (see ``surface.py``): the declared ones
    are checked, the others are sent as the agent wrote them (the function's page says so).
    """

    model_config = ConfigDict(extra="allow", strict=True, frozen=True)
    #: The endpoint needs a body and no field of it is declared: at least one other field must be given.
    body_required: ClassVar[bool] = False

    @model_validator(mode="after")
    def _some_body(self) -> Self:
        if type(self).body_required and not self.model_extra:
            raise ValueError("this call needs a body: give the fields to send besides the path's ids")
        return self


def person_shorthand(data: Any) -> Any:
    """`email = x` means `id = x, id_type = "email"` on the wire (likewise `cio_id`), so every function
    that names a person by `id` and `id_type` also takes `email` or `cio_id` as get_person_attributes does."""
    if not isinstance(data, dict) or not any(data.get(k) is not None for k in ("email", "cio_id")):
        return data
    given = [k for k in ("id", "email", "cio_id") if data.get(k) is not None]
    if len(given) != 1:
        raise ValueError("give exactly one of `id`, `email` or `cio_id`")
    if data.get("id_type") not in (None, given[0]):
        raise ValueError(f"`id_type` must be left out (or be \"{given[0]}\") with `{given[0]}`")
    rest = {k: v for k, v in data.items() if k != given[0]}
    return {**rest, "id": data[given[0]], "id_type": given[0]}


def _given(params: Params, name: str) -> bool:
    return getattr(params, name, None) is not None


def _alternative(keys: tuple[str, ...]) -> str:
    names = [f"`{k}`" for k in keys]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def check_one_of(params: SpecParams) -> None:
    """Exactly one declared alternative complete (at most one when optional)."""
    groups = type(params).one_of
    if not groups:
        return
    chosen = [keys for keys in groups if all(_given(params, k) for k in keys)]
    choices = " or ".join(_alternative(keys) for keys in groups)
    if len(chosen) > 1 and not type(params).one_of_combinable:
        raise ValueError(f"give only one of {choices}, not several")
    if not chosen and not type(params).one_of_optional:
        raise ValueError(f"give one of {choices}")
    if not chosen:
        started = [k for keys in groups if len(keys) > 1 for k in keys if _given(params, k)]
        if started:
            raise ValueError(f"`{started[0]}` needs the rest of its group: {choices}")


def check_sizes(params: SpecParams) -> None:
    """Refuse a body, or a batch item, over Customer.io's byte limit."""
    cls = type(params)
    if cls.max_body_bytes is not None:
        total = size(params.model_dump(by_alias=True, exclude_none=True))
        if total > cls.max_body_bytes:
            raise ValueError(f"the call is {total:,} bytes as JSON; Customer.io takes at most "
                             f"{cls.max_body_bytes:,} and silently drops bigger ones")
    if cls.max_item_bytes is not None:
        field, limit = cls.max_item_bytes
        for index, item in enumerate(getattr(params, field) or []):
            if size(item) > limit:
                raise ValueError(f"`{field}[{index + 1}]` is {size(item):,} bytes as JSON; Customer.io takes at "
                                 f"most {limit:,} per item")


def check_recipients(params: SpecParams) -> None:
    """Transactional sends: at most 15 addresses across the recipient fields."""
    fields = type(params).recipient_fields
    addresses = [a for f in fields for a in str(getattr(params, f, None) or "").split(",") if a.strip()]
    if len(addresses) > MAX_RECIPIENTS:
        raise ValueError(f"{' and '.join(f'`{f}`' for f in fields)} name {len(addresses)} addresses; "
                         f"Customer.io sends to at most {MAX_RECIPIENTS}")


#: Unix seconds of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: what a datetime can hold.
_FIRST_SECOND, _LAST_SECOND = -62_135_596_800, 253_402_300_799


def _moment(value: Any) -> datetime:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError("must be unix seconds (a number) or an ISO-8601 date-time string")
    if not isinstance(value, str):
        if not _FIRST_SECOND <= value <= _LAST_SECOND:  # also NaN: no comparison holds
            raise ValueError(f"is {value:g} unix seconds, outside the dates a time can hold "
                             "(years 1 to 9999); give seconds since 1970 or an ISO-8601 date-time")
        return datetime.fromtimestamp(value, UTC)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("is not an ISO-8601 date-time like 2024-05-01T12:00:00Z") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def to_unix(value: Any) -> int:
    """Unix seconds from a number or an ISO-8601 string (no zone means UTC)."""
    return int(_moment(value).timestamp())


def to_iso(value: Any) -> str:
    """ISO-8601 UTC text with milliseconds from a number (unix seconds) or an ISO-8601 string."""
    try:
        moment = _moment(value).astimezone(UTC)
    except OverflowError:  # a year-1 or year-9999 time whose offset moves it out of the calendar
        raise ValueError("is outside the dates a time can hold (years 1 to 9999) once moved to UTC") from None
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


_TIME_FORMS = Accepts("integer (Unix seconds) or string (ISO-8601 date-time)")
_TIME_SCHEMA = WithJsonSchema({"anyOf": [{"type": "integer"}, {"type": "string", "format": "date-time"}]})
#: A time for Track and App: sent as unix seconds.
UnixTime = Annotated[int, BeforeValidator(to_unix), _TIME_FORMS, _TIME_SCHEMA]
#: A time for Pipelines: sent as ISO-8601 text.
IsoTime = Annotated[str, BeforeValidator(to_iso), _TIME_FORMS, _TIME_SCHEMA]


def typed(call_type: str) -> Callable[[Params], dict[str, Any]]:
    """A Pipelines body builder: the params plus the ``type`` its endpoint stands for, and a
    ``messageId`` (a fresh ULID unless given) that Customer.io de-duplicates on, so a retry counts once."""
    def body(params: Params) -> dict[str, Any]:
        return with_message_id({**params.model_dump(by_alias=True, exclude_none=True), "type": call_type})
    return body


def batched(params: Params) -> dict[str, Any]:
    """The Pipelines batch body: every call in it gets a ``messageId`` as single calls do."""
    body = params.model_dump(by_alias=True, exclude_none=True)
    body["batch"] = [with_message_id(item) if isinstance(item, dict) else item for item in body.get("batch", [])]
    return body


def with_message_id(call: dict[str, Any]) -> dict[str, Any]:
    """``call`` with a ``messageId``: the one given, else a new ULID."""
    return call if call.get("messageId") else {**call, "messageId": str(ULID())}


def paged(data: Any, params: Any) -> Any:
    """Paginated answers always carry ``next`` ("" on the last page), Customer.io's cursor name."""
    if isinstance(data, dict) and not data.get("next"):
        return {**data, "next": ""}
    return data
