"""The live state of an emulated Customer.io workspace: people, their events, and App API records.

People and events are modelled as objects because handlers change them; segments, campaigns,
newsletters, broadcasts, transactional templates and sent messages are held as the JSON objects the
App API returns, keyed by id. Segment membership is a list of cio_ids per segment id.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .objects import Objects

JSONObject = dict[str, Any]

#: Identify body keys that steer the call rather than describe the person; never stored.
CONTROL_KEYS = frozenset({"_update", "_timestamp", "cio_relationships"})


def unix_now() -> int:
    """The current time as whole unix seconds (the default workspace clock)."""
    return int(time.time())


@dataclass(frozen=True)
class Event:
    """One tracked event as stored on a person."""

    name: str
    type: str  # "event", "page" or "screen"
    timestamp: int
    data: JSONObject = field(default_factory=dict)
    id: str | None = None  # the sender's de-duplication id (a ULID by convention)


@dataclass
class Person:
    """A person in the workspace, reachable by ``id``, ``email`` or ``cio_<cio_id>``."""

    cio_id: str
    id: str | None = None
    email: str | None = None
    created_at: int = 0
    attributes: JSONObject = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    devices: dict[str, JSONObject] = field(default_factory=dict)
    suppressed: bool = False

    @property
    def identifiers(self) -> JSONObject:
        """``{"email", "id", "cio_id"}`` as the App API lists them: every key, null when missing (the
        App spec requires all three in ``customer_identifiers`` and ``identifiers``)."""
        return {"email": self.email, "id": self.id, "cio_id": self.cio_id}

    def apply(self, attributes: Mapping[str, Any]) -> None:
        """Merge identify attributes: null or "" removes an attribute; id and email re-key the person."""
        for name, value in attributes.items():
            if name in CONTROL_KEYS:
                continue
            if value is None or value == "":
                self.attributes.pop(name, None)
            else:
                self.attributes[name] = value
            if name == "id":
                self.id = value if isinstance(value, str) and value else None
            elif name == "email":
                self.email = value if isinstance(value, str) and value else None

    def answers_to(self, identifier: str) -> bool:
        """Whether a Track path identifier names this person (emails compare case-insensitively)."""
        if identifier.startswith("cio_"):
            return identifier[4:] == self.cio_id
        if "@" in identifier:
            return self.email is not None and self.email.casefold() == identifier.casefold()
        return self.id == identifier


@dataclass
class Workspace:
    """Everything one emulated workspace holds. Mutable: tests may inspect and seed it directly."""

    name: str = "Emulated Workspace"
    environment_id: int = 1
    people: list[Person] = field(default_factory=list)
    segments: dict[int, JSONObject] = field(default_factory=dict)
    campaigns: dict[int, JSONObject] = field(default_factory=dict)
    newsletters: dict[int, JSONObject] = field(default_factory=dict)
    broadcasts: dict[int, JSONObject] = field(default_factory=dict)
    transactional: dict[int, JSONObject] = field(default_factory=dict)
    segment_members: dict[int, list[str]] = field(default_factory=dict)  # segment id -> cio_ids
    messages: list[JSONObject] = field(default_factory=list)  # deliveries, oldest first
    triggers: dict[int, JSONObject] = field(default_factory=dict)  # broadcast trigger id -> status
    anonymous_events: dict[str, list[Event]] = field(default_factory=dict)  # by anonymous_id
    pipeline_calls: list[JSONObject] = field(default_factory=list)  # accepted Pipelines payloads
    dropped: list[JSONObject] = field(default_factory=list)  # Pipelines payloads answered 200, not kept
    #: Records served through the resource registry (``resources.Resource``), by kind, then id.
    records: dict[str, dict[Any, Any]] = field(default_factory=dict)
    #: The addresses ``/v1/info/ip_addresses`` lists (documentation range, RFC 5737).
    sending_ips: tuple[str, ...] = ("192.0.2.10", "192.0.2.11")
    #: Objects (companies...) and their relationships to people.
    objects: Objects = field(default_factory=Objects)
    messages_sent: int = 0
    billable_messages_sent: int = 0
    seen_event_ids: set[str] = field(default_factory=set)
    #: Current-surface resources (asset files and folders, design studio records) by kind, then id.
    library: dict[str, dict[int, JSONObject]] = field(default_factory=dict)
    asset_bytes: dict[int, bytes] = field(default_factory=dict)  # uploaded file contents, by asset id
    snippets: dict[str, JSONObject] = field(default_factory=dict)  # by name
    #: ESP suppressions by (category, case-folded address): {email, created, domain}.
    esp_suppressions: dict[tuple[str, str], JSONObject] = field(default_factory=dict)
    clock: Callable[[], int] = unix_now
    #: Lookup keys ("i:" id, "e:" case-folded email, "c:" cio_id) -> the first person holding them.
    _keys: dict[str, Person] = field(default_factory=dict, init=False, repr=False, compare=False)
    #: The people list and its length when ``_keys`` was built; a change means it is rebuilt.
    _indexed: tuple[int, int] = field(default=(0, -1), init=False, repr=False, compare=False)

    def find_person(self, identifier: str) -> Person | None:
        """The person a Track path identifier (id, email or ``cio_<cio_id>``) names, if any."""
        if identifier.startswith("cio_"):
            return self._lookup("c:" + identifier[4:])
        if "@" in identifier:
            return self._lookup("e:" + identifier.casefold())
        return self._lookup("i:" + identifier)

    def _lookup(self, key: str) -> Person | None:
        """An indexed lookup, as the linear scan it replaces would answer. The index is rebuilt when
        the people list changed size or a hit no longer holds the key (a person re-keyed or edited
        directly); 10,000 people made one by one took minutes with the scan."""
        if self._indexed != (id(self.people), len(self.people)):
            self._reindex()
        person = self._keys.get(key)
        if person is not None and key not in _keys_of(person):
            self._reindex()
            person = self._keys.get(key)
        return person

    def _reindex(self) -> None:
        self._keys = {}
        for person in self.people:
            self._index(person)
        self._indexed = (id(self.people), len(self.people))

    def _index(self, person: Person) -> bool:
        """Add a person's keys (keys it lost are found stale on their next hit); False when another
        person already held one of them (the first in the list keeps it, as in a scan)."""
        return all([self._keys.setdefault(key, person) is person for key in _keys_of(person)])

    def identify(self, identifier: str, attributes: Mapping[str, Any]) -> Person | None:
        """Create or update a person; None when nothing was stored.

        Nothing is stored when ``_update`` is true and the person is missing, or when a missing
        person is named by ``cio_<id>`` (a cio_id is assigned by Customer.io, never by callers).
        """
        person = self.find_person(identifier)
        if person is None:
            if attributes.get("_update") is True or identifier.startswith("cio_"):
                return None
            person = self.add_person(identifier)
        person.apply(attributes)
        if ("id" in attributes or "email" in attributes) and not self._index(person):
            self._reindex()  # a key another person held: the list order decides who keeps it
        return person

    def record_event(self, identifier: str, event: Event) -> bool:
        """Store ``event`` on the person, creating a bare person if needed; False if de-duplicated."""
        if event.id is not None and event.id in self.seen_event_ids:
            return False
        person = self.find_person(identifier)
        if person is None:
            if identifier.startswith("cio_"):
                return False
            person = self.add_person(identifier)
        if event.id is not None:
            self.seen_event_ids.add(event.id)
        person.events.append(event)
        return True

    def add_person(self, identifier: str) -> Person:
        """Create a person keyed by ``identifier`` (an email if it contains ``@``, else an id)."""
        key = "email" if "@" in identifier else "id"
        person = Person(cio_id=self._next_cio_id(), created_at=self.clock())
        person.apply({key: identifier})
        self.people.append(person)
        if self._indexed == (id(self.people), len(self.people) - 1):
            self._index(person)
            self._indexed = (id(self.people), len(self.people))
        return person

    def find_by(self, id_type: str, value: str) -> Person | None:
        """The person whose ``id``, ``email`` or ``cio_id`` (per ``id_type``) is ``value``."""
        if id_type == "cio_id":
            return self.find_person(f"cio_{value}")
        if id_type == "email":
            return self.find_person(value) if "@" in value else None
        return self._lookup("i:" + value)

    def delete_person(self, person: Person) -> None:
        """Remove ``person``, their segment memberships and their relationships."""
        self.people.remove(person)
        self.objects.forget_person(person.cio_id)
        for members in self.segment_members.values():
            if person.cio_id in members:
                members.remove(person.cio_id)

    def merge(self, primary: Person, secondary: Person) -> None:
        """Fold ``secondary`` into ``primary`` (primary's attributes win), then delete secondary."""
        for name, value in secondary.attributes.items():
            if name not in ("id", "email"):
                primary.attributes.setdefault(name, value)
        primary.events.extend(secondary.events)
        primary.devices = {**secondary.devices, **primary.devices}
        for members in self.segment_members.values():
            if secondary.cio_id in members and primary.cio_id not in members:
                members.append(primary.cio_id)
        self.delete_person(secondary)

    def segments_of(self, person: Person) -> list[JSONObject]:
        """The segments ``person`` belongs to, by segment id."""
        return [
            self.segments[segment_id]
            for segment_id, members in sorted(self.segment_members.items())
            if person.cio_id in members and segment_id in self.segments
        ]

    def members_of(self, segment_id: int) -> list[Person]:
        """The people in a segment, in the order they joined."""
        by_cio_id = {person.cio_id: person for person in self.people}
        members = self.segment_members.get(segment_id, [])
        return [by_cio_id[cio_id] for cio_id in members if cio_id in by_cio_id]

    def record_delivery(self, delivery_id: str, person: Person, recipient: str, kind: str,
                        **origin: Any) -> None:
        """Store one sent message (a broadcast's or a transactional send's) addressed to ``person``."""
        now = self.clock()
        self.messages.append({
            "id": delivery_id, "deduplicate_id": f"{delivery_id}:{now}", "customer_id": person.id or "",
            "customer_cio_id": person.cio_id, "customer_identifiers": person.identifiers,
            "recipient": recipient, "metrics": {"sent": now}, "created": now, "type": kind, "forgotten": False,
            **origin,
        })
        self.messages_sent += 1

    def messages_of(self, person: Person) -> list[JSONObject]:
        """Deliveries addressed to ``person``, oldest first."""
        return [message for message in self.messages if message.get("customer_cio_id") == person.cio_id]

    def next_id(self, records: Mapping[int, Any], floor: int = 1) -> int:
        """A fresh integer id for a keyed record collection."""
        return max([floor - 1, *records]) + 1

    def _next_cio_id(self) -> str:
        """A fresh, deterministic cio_id in the hex style Customer.io uses."""
        number = len(self.people) + 1
        while self.find_person(f"cio_{0x03000000 + number:08x}") is not None:
            number += 1
        return f"{0x03000000 + number:08x}"


def _keys_of(person: Person) -> list[str]:
    """A person's lookup keys: "c:" cio_id, "i:" id, "e:" case-folded email."""
    return [f"c:{person.cio_id}", *([f"i:{person.id}"] if person.id is not None else []),
            *([f"e:{person.email.casefold()}"] if person.email is not None else [])]
