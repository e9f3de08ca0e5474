"""What a route handler receives (``Call``), returns (``Reply``) or raises (``Rejected``)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser
from typing import Any, Literal

from .families import Family, error_body
from .workspace import JSONObject, Workspace

Region = Literal["us", "eu"]


@dataclass(frozen=True)
class Reply:
    """A successful answer: a status and a JSON body (rendered by the emulator)."""

    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


class Rejected(Exception):
    """Raised by a handler to answer with an error; rendered in the family's error envelope."""

    def __init__(
        self, status: int, detail: str, headers: dict[str, str] | None = None, pointer: str | None = None
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}
        self.pointer = pointer  # the JSON pointer App 422 errors name in ``source``

    def as_reply(self, family: Family | None, style: str | None = None) -> Reply:
        """This rejection as a reply carrying ``family``'s (or the operation's) error envelope."""
        body = error_body(family, self.status, self.detail, style, self.pointer)
        return Reply(self.status, body, self.headers)


@dataclass(frozen=True)
class FormPart:
    """One part of a multipart/form-data body."""

    content: bytes
    filename: str | None
    content_type: str


@dataclass(frozen=True)
class Call:
    """One request as a handler sees it: path parameters already percent-decoded."""

    workspace: Workspace
    region: Region
    params: dict[str, str]
    query: dict[str, list[str]]
    body: bytes
    content_type: str = ""
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names

    def form_parts(self) -> dict[str, FormPart]:
        """The parts of a multipart/form-data body by name; 415 for another content type, 400 when malformed."""
        if not self.content_type.lower().startswith("multipart/form-data") or "boundary=" not in self.content_type:
            raise Rejected(415, "this endpoint takes a multipart/form-data body")
        head = f"Content-Type: {self.content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1", "replace")
        message = BytesParser(policy=policy.HTTP).parsebytes(head + self.body)
        if not message.is_multipart():
            raise Rejected(400, "the multipart body has no parts")
        parts: dict[str, FormPart] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            if isinstance(name, str) and isinstance(payload, bytes):
                parts[name] = FormPart(payload, part.get_filename(), part.get_content_type())
        return parts

    def query_value(self, name: str) -> str | None:
        """The first value of query parameter ``name``, or None when absent."""
        values = self.query.get(name)
        return values[0] if values else None

    def json_body(self) -> Any:
        """The body parsed as JSON; None for an empty body; 400 when malformed."""
        if not self.body.strip():
            return None
        try:
            return json.loads(self.body)
        except (ValueError, UnicodeDecodeError) as error:
            # Customer.io's message for unparsable JSON is undocumented; this text is ours.
            raise Rejected(400, "request body is not valid JSON") from error

    def json_object(self) -> JSONObject:
        """The body as a JSON object; an empty body counts as ``{}``; 400 for any other JSON."""
        body = self.json_body()
        if body is None:
            return {}
        if not isinstance(body, dict):
            raise Rejected(400, "request body must be a JSON object")
        return body


def ok(body: Any = None) -> Reply:
    """A 200 reply; Customer.io answers ``{}`` when a call has nothing to return."""
    return Reply(200, {} if body is None else body)
