"""``app.integrations.notes``: a notes service over HTTP (``NOTES_URL``, ``NOTES_TOKEN``, ``NOTES_POLICY_*``),
a plug-in from its own distribution. Namespaces, policy, approvals, dry runs and records are the bridge's."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from typing import Any, NamedTuple

import httpx
from pydantic import Field

from bridge.errors import ApiError, CallError, ErrorCode, RequestFailed
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
_CODES = {401: ErrorCode.UNAUTHORIZED, 403: ErrorCode.UNAUTHORIZED, 404: ErrorCode.NOT_FOUND,
          429: ErrorCode.RATE_LIMITED}
RETRIES = 2  # reads and deletes are sent again after a 429, a 5xx or a dropped connection


class Notes(Integration):
    """``app.integrations.notes``: one account (``default``) on one notes service."""

    name = "notes"

    def __init__(self, url: str, token: str, policy: Policy | None = None) -> None:
        self.url, self.token, self._policy = url.rstrip("/"), token, policy or Policy()
        self._http = httpx.Client()

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
        request = self._http.build_request(op.method, url, json=body, timeout=min(10.0, ctx.remaining()),
                                           headers={"Authorization": f"Bearer {self.token}"})
        return Prepared(function, account, op.method, url, body, request.read() or None, request)

    def send(self, prepared: Prepared, ctx: CallContext) -> Any:
        retry = prepared.method in ("GET", "DELETE")  # safe to repeat
        for attempt in range(RETRIES + 1 if retry else 1):
            ctx.attempts += 1
            try:
                response = self._http.send(prepared.request)
            except httpx.TransportError as exc:
                error: CallError = RequestFailed(f"{prepared.function}: the notes service could not be reached "
                                                  f"({type(exc).__name__}).", retryable=retry)
            else:
                ctx.status = response.status_code
                if response.status_code < 300:
                    return response.json() if response.content else {}
                error = _status_error(prepared.function, response, retry)
            if not error.retryable or attempt == RETRIES:
                break
            time.sleep(min(0.05 * 2**attempt, ctx.remaining()))
        raise error

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


def _status_error(function: str, response: httpx.Response, retry: bool) -> ApiError:
    status = response.status_code
    code = _CODES.get(status) or (ErrorCode.SERVER_ERROR if status >= 500 else ErrorCode.API_ERROR)
    return ApiError(f"{function}: the notes service answered {status}.", code=code, status=status,
                    retryable=retry and code in (ErrorCode.RATE_LIMITED, ErrorCode.SERVER_ERROR))
