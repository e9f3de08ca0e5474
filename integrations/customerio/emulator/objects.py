"""Objects (companies, accounts, ...) and their relationships to people, held as state.

Written by Track v2 (``type = "object"`` operations, and a person's ``cio_relationships``) and by
Pipelines ``group`` calls; read by the App API's object and relationship endpoints. An object is
keyed by its type id (text, "1") and its own id; relationships link it to people by cio_id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JSONObject = dict[str, Any]

#: The object types of a fresh workspace: the one Customer.io creates for companies.
DEFAULT_TYPES = ({"id": "1", "name": "Companies", "singular_name": "Company", "slug": "companies",
                  "singular_slug": "company", "icon": "building", "enabled": True},)


@dataclass
class ObjectRecord:
    """One object: its identifiers, attributes and when it was created and last changed."""

    type_id: str
    object_id: str
    cio_object_id: str
    attributes: JSONObject = field(default_factory=dict)
    created: int = 0
    updated: int = 0


@dataclass
class Objects:
    """Every object of a workspace and the people related to each (cio_id -> relationship attributes)."""

    types: list[JSONObject] = field(default_factory=lambda: [dict(t) for t in DEFAULT_TYPES])
    records: dict[tuple[str, str], ObjectRecord] = field(default_factory=dict)
    links: dict[tuple[str, str], dict[str, JSONObject]] = field(default_factory=dict)

    def identify(self, type_id: Any, object_id: Any, attributes: JSONObject, now: int) -> ObjectRecord:
        """Create or update an object; its attributes merge, a null value removes one."""
        key = (str(type_id), str(object_id))
        record = self.records.get(key)
        if record is None:
            record = ObjectRecord(key[0], key[1], f"ob{len(self.records) + 1:06x}", created=now)
            self.records[key] = record
        for name, value in attributes.items():
            if value is None:
                record.attributes.pop(name, None)
            else:
                record.attributes[name] = value
        record.updated = now
        return record

    def find(self, type_id: Any, object_id: Any, by_cio_id: bool = False) -> ObjectRecord | None:
        """The object of a type by its own id (or, ``by_cio_id``, by Customer.io's)."""
        if by_cio_id:
            return next((r for r in self.records.values() if r.type_id == str(type_id)
                         and r.cio_object_id == str(object_id)), None)
        return self.records.get((str(type_id), str(object_id)))

    def delete(self, type_id: Any, object_id: Any) -> None:
        """Remove an object and its relationships."""
        key = (str(type_id), str(object_id))
        self.records.pop(key, None)
        self.links.pop(key, None)

    def relate(self, record: ObjectRecord, cio_id: str, attributes: JSONObject | None = None) -> None:
        """Relate a person (by cio_id) to an object."""
        self.links.setdefault((record.type_id, record.object_id), {})[cio_id] = dict(attributes or {})

    def unrelate(self, type_id: Any, object_id: Any, cio_id: str) -> None:
        """Remove one person's relationship to an object."""
        self.links.get((str(type_id), str(object_id)), {}).pop(cio_id, None)

    def forget_person(self, cio_id: str) -> None:
        """Remove a deleted person from every relationship."""
        for people in self.links.values():
            people.pop(cio_id, None)

    def of_person(self, cio_id: str) -> list[ObjectRecord]:
        """The objects a person is related to, in creation order."""
        return [self.records[key] for key, people in self.links.items() if cio_id in people and key in self.records]

    def people_of(self, record: ObjectRecord) -> list[str]:
        """The cio_ids of the people related to an object."""
        return list(self.links.get((record.type_id, record.object_id), {}))
