"""``app.integrations.notes``: a notes service over HTTP (``NOTES_URL``, ``NOTES_TOKEN``, ``NOTES_POLICY_*``),
a plug-in from its own distribution. Namespaces, policy, approvals, dry runs and records are the bridge's."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any, NamedTuple

import httpx
from pydantic import Field

from bridge.http import HttpClient, HttpRequest, Service, Timeouts
from bridge.integration import CallContext, Integration, Prepared
from bridge.params import Params, validate
from bridge.policy import Policy, policies_from_env


class NoteId(Params):
    id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$", description="The note's id")


class NewNote(Params):
    title: str = Field(min_length=1, max_length=200, description="The note's title")
    text: str = Field("", max_length=10_000, description="The note's text")


#: One declared function: its request and its class of call.
class Op(NamedTuple):
    name: str
    method: str
    path: str
    params: type[Params]
    kind: str
    summary: str


OPERATIONS = {op.name: op for op in (
    Op("list_notes", "GET", "/notes", Params, "read", "List every note: `{notes = {{id=, title=}, ...}}`."),
    Op("get_note", "GET", "/notes/{id}", NoteId, "read", "One note by id: `{id=, title=, text=}`."),
    Op("create_note", "POST", "/notes", NewNote, "write", "Create a note; returns it with its new `id`."),
    Op("delete_note", "DELETE", "/notes/{id}", NoteId, "destructive", "Delete a note for good."),
)}
#: Retries, deadlines, failure codes and outcomes are the bridge's (bridge.http); reads and deletes are
#: safe to repeat, so they are retried after a 5xx or a dropped connection, creates only when never sent.
TIMEOUTS = Timeouts(connect=5.0, read=10.0, write=10.0, pool=5.0)


class Notes(Integration):
    """``app.integrations.notes``: one account (``default``) on one notes service."""

    name = "notes"

    def __init__(self, url: str, token: str, policy: Policy | None = None) -> None:
        self.url, self.token, self._policy = url.rstrip("/"), token, policy or Policy()
        self._http = HttpClient(Service("the notes service"))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Notes:
        env = os.environ if environ is None else environ
        common, own = policies_from_env(env, "NOTES_")
        return cls(env.get("NOTES_URL", "http://127.0.0.1:8700"), env.get("NOTES_TOKEN", ""),
                   Policy().updated(common).updated(own.get("default", {})))

    def account_names(self) -> tuple[str, ...]:
        return ("default",)

    def resolve_account(self, name: str) -> str | None:
        return "default" if name == "default" else None

    def function_names(self) -> tuple[str, ...]:
        return tuple(OPERATIONS)

    def resolve_function(self, name: str) -> str | None:
        return name if name in OPERATIONS else None

    def function_kind(self, function: str) -> str:
        return OPERATIONS[function].kind

    def policy(self, account: str) -> Policy:
        return self._policy

    def secrets(self) -> tuple[str, ...]:
        return (self.token,) if self.token else ()

    def prepare(self, function: str, account: str, args: Any, ctx: CallContext) -> Prepared:
        op = OPERATIONS[function]
        params = validate(op.params, args, function)
        url = self.url + op.path.format(**{k: getattr(params, k) for k in ("id",) if "{id}" in op.path})
        body = params.model_dump() if op.method == "POST" else None
        content = b"" if body is None else json.dumps(body).encode()
        headers = {"Host": httpx.URL(url).netloc.decode("ascii"), "Accept": "application/json",
                   "Authorization": f"Bearer {self.token}", "Content-Length": str(len(content))}
        if body is not None:
            headers["Content-Type"] = "application/json"
        request = HttpRequest(function, op.method, url, None, headers, content, TIMEOUTS, body=body,
                              idempotent=op.method in ("GET", "DELETE"), read=op.kind == "read",
                              secrets=self.secrets())
        return Prepared(function, account, op.method, url, body, content or None, request)

    def send(self, prepared: Prepared, ctx: CallContext) -> Any:
        return self._http.send(prepared.request, ctx)

    def close(self) -> None:
        self._http.close()

    @classmethod
    def doc_pages(cls) -> dict[str, str]:
        rows = "\n".join(f"| `{op.name}` | {op.kind} | {op.summary} |" for op in OPERATIONS.values())
        pages = {"integrations.notes": "# notes\n\nA notes service: list, read, create and delete notes.\n\n"
                 f"| function | class | what it does |\n|---|---|---|\n{rows}\n"}
        for op in OPERATIONS.values():
            fields = "\n".join(f"- `{n}`: {f.description}" for n, f in op.params.model_fields.items())
            pages[f"integrations.notes.{op.name}"] = (f"# notes.{op.name}\n\n{op.summary}\n\n"
                                                      f"{op.kind}; `{op.method} {op.path}`\n\n{fields}\n")
        return pages

