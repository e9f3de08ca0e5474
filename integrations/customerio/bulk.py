"""``send_bulk``: many identify and track operations in as few Track v2 batch requests as fit.

Items look like the arguments of ``track_event`` (``type`` omitted or ``"event"``) or of
``identify_customer`` (``type = "identify"``). Each becomes one Track v2 person operation; they
are packed in order into ``send_entity_batch`` calls of at most ``MAX_REQUEST_BYTES`` each (no
item may exceed ``MAX_ITEM_BYTES``). Customer.io answers 207 with ``errors[{batch_index, reason,
field, message}]`` when some operations of a batch fail; those come back as ``failed`` entries
holding the caller's 1-based item index.

Track v2 needs the account's Track credentials (site_id, track_api_key); a Pipelines-only
account uses ``send_pipelines_batch`` (one request, the same limits) instead.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import AliasChoices, Field, model_validator

from bridge.errors import CallError, InvalidArguments
from bridge.params import Params
from integrations.customerio.accounts import Family
from integrations.customerio.client import Caller
from integrations.customerio.fields import (
    Attributes,
    AttributeValue,
    EventData,
    EventName,
    Identifier,
    compact_json,
)
from integrations.customerio.generated import SEND_ENTITY_BATCH, SendEntityBatch
from integrations.customerio.naming import EVENTS
from integrations.customerio.operations import Example, Kind, Operation
from integrations.customerio.rules import MAX_CALL_BYTES, UnixTime

#: The batches send_bulk builds hold only identify operations (PUT-like) and events carrying a
#: ULID that Customer.io de-duplicates, so sending one twice is harmless: retries are safe.
_IDEMPOTENT_BATCH = dataclasses.replace(SEND_ENTITY_BATCH, idempotent=True)

#: "500 KB" per request, read as 500,000 bytes: the stricter reading, so either one accepts it.
MAX_REQUEST_BYTES = 500_000
MAX_ITEM_BYTES = MAX_CALL_BYTES
MAX_ITEMS = 50_000
_ENVELOPE = len('{"batch":[]}')


class BulkEvent(Params):
    """An event, as ``track_event`` takes it."""

    type: Literal["event"] = Field("event", description='"event" (the default)')
    id: Identifier = Field(description="The customer's identifier")
    name: EventName = Field(description="The event name")
    data: EventData | None = Field(None, description="Event data")
    timestamp: UnixTime | None = Field(None, description="When it happened (default: now)")
    event_id: Identifier | None = Field(None, description="De-duplication key; a fresh ULID when omitted")


class BulkIdentify(Params):
    """A customer profile update, as ``identify_customer`` takes it."""

    type: Literal["identify"] = Field(description='"identify"')
    id: Identifier = Field(description="The customer's identifier")
    email: AttributeValue | None = Field(None, description="Email address")
    name: AttributeValue | None = Field(None, description="Full name")
    attributes: Attributes | None = Field(None, description="Other attributes")


BulkItem = Annotated[BulkEvent | BulkIdentify, Field(discriminator="type")]


class SendBulk(Params):
    operations: list[BulkItem] = Field(
        min_length=1, max_length=MAX_ITEMS, validation_alias=AliasChoices("operations", "events"),
        description='The items, in order: track_event-style tables (`id`, `name`, `data`, `timestamp`; `type` '
        'omitted or "event") or identify_customer-style ones (`type = "identify"`, `id`, `email`, `name`, '
        f"`attributes`). At most {MAX_ITEMS:,}. Also accepted as `events`")

    @model_validator(mode="before")
    @classmethod
    def _events_by_default(cls, data: Any) -> Any:
        """Items without a ``type`` are events (the track_event shape)."""
        if not isinstance(data, dict):
            return data
        key = "operations" if "operations" in data else "events"
        items = data.get(key)
        if not isinstance(items, list):
            return data
        return {**data, key: [{"type": "event", **i} if isinstance(i, dict) and "type" not in i else i
                              for i in items]}


def wire_item(item: BulkEvent | BulkIdentify, fresh_id: str) -> dict[str, Any]:
    """The Track v2 person operation of one item; ``fresh_id`` is an event's id when it has none."""
    base: dict[str, Any] = {"type": "person", "identifiers": {"id": item.id}}
    if isinstance(item, BulkEvent):
        extra = {"timestamp": item.timestamp, "attributes": item.data}
        return {**base, "action": "event", "name": item.name, "id": item.event_id or fresh_id,
                **{k: v for k, v in extra.items() if v is not None}}
    named = {k: v for k, v in (("email", item.email), ("name", item.name)) if v is not None}
    return {**base, "action": "identify", "attributes": {**(item.attributes or {}), **named}}


def packed(items: list[bytes]) -> Iterator[tuple[int, bytes, int]]:
    """(offset, JSON body, count): consecutive encoded items, each body within MAX_REQUEST_BYTES."""
    start, total = 0, _ENVELOPE
    for index, item in enumerate(items):
        cost = len(item)
        if cost > MAX_ITEM_BYTES:
            raise InvalidArguments(f"send_bulk: `operations[{index + 1}]` is {cost:,} bytes as a Track v2 operation; "
                                  f"Customer.io takes at most {MAX_ITEM_BYTES:,} per operation.",
                                  details={"field": f"operations[{index + 1}]"})
        comma = 1 if index > start else 0
        if total + comma + cost > MAX_REQUEST_BYTES:
            yield start, _batch(items[start:index]), index - start
            start, total, comma = index, _ENVELOPE, 0
        total += comma + cost
    if start < len(items):
        yield start, _batch(items[start:]), len(items) - start


def _batch(items: list[bytes]) -> bytes:
    """The Track v2 batch body of encoded items (each item is encoded once, to size and to send)."""
    return b'{"batch":[' + b",".join(items) + b"]}"


def send_bulk(caller: Caller, params: SendBulk) -> dict[str, Any]:
    """Send the items in packed batches; map each 207 error back to the caller's item index."""
    fresh = ulids(len(params.operations))
    items = [compact_json(wire_item(item, fresh[n])) for n, item in enumerate(params.operations)]
    chunks = list(packed(items))  # sizes are all checked before the first request
    failed: list[dict[str, Any]] = []
    requests = 0
    for offset, body, count in chunks:
        try:
            # Built from validated items whose sizes packed() checked: no second validation pass. The
            # parameters are a placeholder (what a dry run shows is send_bulk's own arguments).
            answer = caller.call(_IDEMPOTENT_BATCH, SendEntityBatch.model_construct(batch=[]), encoded=body)
        except CallError as error:
            if requests == 0:
                raise
            failed += [{"index": i + 1, "reason": str(error.code), "message": str(error)}
                       for i in range(offset, len(items))]
            break
        requests += 1
        failed += _failures(answer, offset, count)
    return {"sent": len(items) - len(failed), "requests": requests, "failed": failed}


_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
#: Two Crockford base32 characters for each 10-bit value.
_PAIRS = [a + b for a in _CROCKFORD for b in _CROCKFORD]


def ulids(count: int) -> list[str]:
    """``count`` fresh ULIDs made at once, from one clock reading and one read of random bytes
    (a ULID library built several objects per id: a sixth of a 10,000-event send_bulk)."""
    stamp = (time.time_ns() // 1_000_000) << 80
    noise = os.urandom(10 * count)
    values = (stamp | int.from_bytes(noise[at:at + 10], "big") for at in range(0, 10 * count, 10))
    return ["".join([_PAIRS[(value >> shift) & 1023] for shift in range(120, -1, -10)]) for value in values]


def _failures(answer: Any, offset: int, count: int) -> list[dict[str, Any]]:
    errors = answer.get("errors") if isinstance(answer, dict) else None
    out = []
    for error in errors if isinstance(errors, list) else []:
        at = error.get("batch_index") if isinstance(error, dict) else None
        if isinstance(at, int) and 0 <= at < count:
            out.append({"index": offset + at + 1, "reason": error.get("reason") or "",
                        "field": error.get("field") or "", "message": error.get("message") or ""})
    return out


SEND_BULK = Operation(
    name="send_bulk",
    family=Family.TRACK, method="POST", path="/api/v2/batch", params=SendBulk, kind=Kind.WRITE, area=EVENTS,
    perform=send_bulk,
    summary="Send many events and profile updates at once, packed into as few batch requests as fit.",
    description="Each item is a track_event-style table (`type` omitted or \"event\") or an identify_customer-"
    "style one (`type = \"identify\"`). They go through the Track v2 batch endpoint in order, packed into "
    f"requests of at most {MAX_REQUEST_BYTES:,} bytes (each item at most {MAX_ITEM_BYTES:,} bytes as JSON): "
    "10,000 small events take 4 requests. An invalid item fails the whole call before anything is sent. "
    "Items Customer.io refuses are listed in `failed` with their index; the others are applied. If a request "
    "fails after earlier ones were sent, its items and all later ones are listed in `failed` with the error's "
    "code as `reason`. Needs Track credentials; a Pipelines-only account uses `send_pipelines_batch`.",
    returns="`sent` (items accepted), `requests` (HTTP requests made) and `failed`: an array of "
    "`{index=, reason=, field=, message=}`, `index` being the item's position in `operations`.",
    examples=(Example("Track events and update profiles in bulk", '''local ops = {}
for i = 1, 100 do
  ops[#ops + 1] = { id = "user-" .. i, name = "purchase", data = { amount = i } }
end
ops[#ops + 1] = { type = "identify", id = "user-1", email = "user1@example.com", attributes = { plan = "pro" } }

local result = app.integrations.customerio.send_bulk({ operations = ops })
print(result.sent .. " sent in " .. result.requests .. " request(s)")
for _, f in ipairs(result.failed) do
  print("item " .. f.index .. " failed: " .. f.message)
end'''),),
)
