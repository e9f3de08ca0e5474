"""The live state of an emulated Customer.io workspace: people, their events, and App API records.

People and events are modelled as objects because handlers change them; segments, campaigns and
newsletters are held as the JSON objects the App API returns, keyed by id, because for now they
are only read back.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

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
    messages_sent: int = 0
    billable_messages_sent: int = 0
    seen_event_ids: set[str] = field(default_factory=set)
    clock: Callable[[], int] = unix_now

    def find_person(self, identifier: str) -> Person | None:
        """The person a Track path identifier (id, email or ``cio_<cio_id>``) names, if any."""
        return next((person for person in self.people if person.answers_to(identifier)), None)

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
        return person

    def _next_cio_id(self) -> str:
        """A fresh, deterministic cio_id in the hex style Customer.io uses."""
        taken = {person.cio_id for person in self.people}
        number = len(self.people) + 1
        while f"{0x03000000 + number:08x}" in taken:
            number += 1
        return f"{0x03000000 + number:08x}"
