"""App API resources of the current surface beyond our spec snapshot: the asset library and the design studio.

Each is a ``Resource``: a collection of records with integer ids under one path, with list, create,
get, update and delete (``/v1/assets/files``, ``/v1/design_studio/emails``, ...). Design studio emails
also hold language versions (``/v1/design_studio/emails/{id}/languages/{language}``). Our specs do not
describe these endpoints, so their request rules are those the facts give (required fields) and the
types our declarations state; answers wrap one record as ``{"<singular>": {...}}`` and a list as
``{"<plural>": [...]}`` like the other App API resources.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .families import Family
from .wire import Call, Rejected, Reply, ok
from .workspace import JSONObject, Workspace

Handler = Callable[[Call], Reply]

#: Largest asset file accepted (bytes); Customer.io's own limit is not published, this one is ours.
MAX_ASSET_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Resource:
    """A record collection under ``path``: its JSON keys and the fields a create must carry."""

    kind: str  # the key of its store in ``Workspace.library``
    path: str
    one: str
    many: str
    required: tuple[str, ...] = ()
    text_fields: tuple[str, ...] = ("name",)

    def store(self, workspace: Workspace) -> dict[int, JSONObject]:
        """The records, by id."""
        return workspace.library.setdefault(self.kind, {})

    def record(self, call: Call) -> JSONObject:
        """The record the path's ``{id}`` names, or 404."""
        raw = call.params.get("id", "")
        found = self.store(call.workspace).get(int(raw)) if raw.isdigit() else None
        if found is None:
            raise Rejected(404, f"{self.one.replace('_', ' ')} {raw} not found")
        return found


ASSET_FILES = Resource("assets", "/v1/assets/files", "asset", "assets")
ASSET_FOLDERS = Resource("asset_folders", "/v1/assets/folders", "folder", "folders", ("name",))
COMPONENTS = Resource("components", "/v1/design_studio/components", "component", "components",
                      ("name", "tag", "content"), ("name", "tag", "content"))
EMAILS = Resource("design_emails", "/v1/design_studio/emails", "email", "emails", ("name",))
FOLDERS = Resource("design_folders", "/v1/design_studio/folders", "folder", "folders", ("name",))


def _checked(resource: Resource, body: JSONObject, creating: bool) -> JSONObject:
    """The body's fields after the declared checks: required present, text fields strings."""
    for name in resource.required if creating else ():
        if body.get(name) in (None, ""):
            raise Rejected(400, f"{name} is required")
    for name in resource.text_fields:
        if name in body and not isinstance(body[name], str):
            raise Rejected(400, f"{name} must be a string")
    for name in ("id", "created_at", "updated_at"):
        if name in body:
            raise Rejected(400, f"{name} is read-only")
    return body


def lister(resource: Resource) -> Handler:
    """``GET <path>``: the records, filtered by ``parent_folder_id`` and paged by ``page``/``limit``."""
    def handle(call: Call) -> Reply:
        records = list(resource.store(call.workspace).values())
        folder = call.query_value("parent_folder_id")
        if folder is not None:
            records = [r for r in records if str(r.get("parent_folder_id")) == folder]
        page, limit = _int_query(call, "page", 1), _int_query(call, "limit", 50)
        return ok({resource.many: records[(page - 1) * limit : page * limit]})
    return handle


def creator(resource: Resource) -> Handler:
    """``POST <path>``: a new record from the body."""
    def handle(call: Call) -> Reply:
        body = _checked(resource, call.json_object(), creating=True)
        return ok({resource.one: _insert(resource, call.workspace, body)})
    return handle


def getter(resource: Resource) -> Handler:
    """``GET <path>/{id}``: one record, or 404."""
    return lambda call: ok({resource.one: resource.record(call)})


def updater(resource: Resource) -> Handler:
    """``PUT <path>/{id}``: the record with the body's fields changed."""
    def handle(call: Call) -> Reply:
        record = resource.record(call)
        body = _checked(resource, call.json_object(), creating=False)
        if not body:
            raise Rejected(400, "request body must change at least one field")
        record.update(body, updated_at=call.workspace.clock())
        return ok({resource.one: record})
    return handle


def deleter(resource: Resource) -> Handler:
    """``DELETE <path>/{id}``: the record is gone (204); later reads answer 404."""
    def handle(call: Call) -> Reply:
        del resource.store(call.workspace)[resource.record(call)["id"]]
        return Reply(204, None)
    return handle


def _insert(resource: Resource, workspace: Workspace, fields: JSONObject) -> JSONObject:
    store = resource.store(workspace)
    now = workspace.clock()
    record = {**fields, "id": workspace.next_id(store), "created_at": now, "updated_at": now}
    store[record["id"]] = record
    return record


def _int_query(call: Call, name: str, default: int) -> int:
    raw = call.query_value(name)
    if raw is None or raw == "":
        return default
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
        raise Rejected(400, f"{name} must be a positive integer")
    return int(raw)


# --- asset uploads (multipart) ---------------------------------------------------------------------

def upload_asset(call: Call) -> Reply:
    """``POST /v1/assets/files`` (multipart/form-data): the ``file`` part becomes a library file."""
    parts = call.form_parts()
    upload = parts.get("file")
    if upload is None or upload.filename is None:
        raise Rejected(400, "file is required (a multipart part named file, with a filename)")
    if len(upload.content) > MAX_ASSET_BYTES:
        raise Rejected(413, f"file is larger than {MAX_ASSET_BYTES} bytes")
    fields: JSONObject = {"name": upload.filename, "content_type": upload.content_type, "size": len(upload.content),
                          "url": f"https://assets.example.com/{upload.filename}"}
    folder = parts.get("parent_folder_id")
    if folder is not None:
        fields["parent_folder_id"] = int(folder.content) if folder.content.isdigit() else folder.content.decode()
    record = _insert(ASSET_FILES, call.workspace, fields)
    call.workspace.asset_bytes[record["id"]] = upload.content
    return ok({ASSET_FILES.one: record})


# --- design studio email language versions -------------------------------------------------------------

def _translations(call: Call) -> dict[str, JSONObject]:
    email = EMAILS.record(call)
    held: dict[str, JSONObject] = email.setdefault("translations", {})
    return held


def _translation(call: Call) -> JSONObject:
    language = call.params["language"]
    found = _translations(call).get(language)
    if found is None:
        raise Rejected(404, f"language {language} not found for email {call.params['id']}")
    return found


def list_translations(call: Call) -> Reply:
    """``GET /v1/design_studio/emails/{id}/languages``: the email's language versions."""
    return ok({"translations": list(_translations(call).values())})


def create_translation(call: Call) -> Reply:
    """``POST /v1/design_studio/emails/{id}/languages``: a new language version (409 when it exists)."""
    body = call.json_object()
    language = body.get("language")
    if not isinstance(language, str) or not language:
        raise Rejected(400, "language is required")
    held = _translations(call)
    if language in held:
        raise Rejected(409, f"language {language} already exists for email {call.params['id']}")
    held[language] = {**body, "updated_at": call.workspace.clock()}
    return ok({"translation": held[language]})


def get_translation(call: Call) -> Reply:
    """``GET /v1/design_studio/emails/{id}/languages/{language}``."""
    return ok({"translation": _translation(call)})


def update_translation(call: Call) -> Reply:
    """``PUT /v1/design_studio/emails/{id}/languages/{language}``: the version with the body's fields changed."""
    found = _translation(call)
    body = call.json_object()
    if "language" in body and body["language"] != found["language"]:
        raise Rejected(400, "language cannot be changed; create a new language version instead")
    found.update(body, updated_at=call.workspace.clock())
    return ok({"translation": found})


def delete_translation(call: Call) -> Reply:
    """``DELETE /v1/design_studio/emails/{id}/languages/{language}`` (204)."""
    del _translations(call)[_translation(call)["language"]]
    return Reply(204, None)


def routes() -> list[tuple[Family, str, str, Handler]]:
    """(family, method, path template, handler) of every operation this module serves."""
    table: list[tuple[Family, str, str, Handler]] = []
    for resource in (ASSET_FILES, ASSET_FOLDERS, COMPONENTS, EMAILS, FOLDERS):
        collection = "/v1/assets" if resource is ASSET_FILES else resource.path
        table += [(Family.APP, "GET", collection, lister(resource)),
                  (Family.APP, "GET", resource.path + "/{id}", getter(resource)),
                  (Family.APP, "PUT", resource.path + "/{id}", updater(resource)),
                  (Family.APP, "DELETE", resource.path + "/{id}", deleter(resource))]
        if resource is not ASSET_FILES:
            table.append((Family.APP, "POST", resource.path, creator(resource)))
    table.append((Family.APP, "POST", ASSET_FILES.path, upload_asset))
    languages = EMAILS.path + "/{id}/languages"
    table += [(Family.APP, "GET", languages, list_translations), (Family.APP, "POST", languages, create_translation),
              (Family.APP, "GET", languages + "/{language}", get_translation),
              (Family.APP, "PUT", languages + "/{language}", update_translation),
              (Family.APP, "DELETE", languages + "/{language}", delete_translation)]
    return table


def sample_library() -> dict[str, dict[int, JSONObject]]:
    """The sample workspace's asset library and design studio: one record of each kind, id 1."""
    created = 1_717_200_000
    stamp = {"id": 1, "created_at": created, "updated_at": created}
    return {
        ASSET_FOLDERS.kind: {1: {**stamp, "name": "Brand"}},
        ASSET_FILES.kind: {1: {**stamp, "name": "logo.png", "content_type": "image/png", "size": 2048,
                               "parent_folder_id": 1, "url": "https://assets.example.com/logo.png"}},
        FOLDERS.kind: {1: {**stamp, "name": "Newsletters"}},
        COMPONENTS.kind: {1: {**stamp, "name": "Footer", "tag": "acme-footer",
                              "content": "<p>Acme Inc, 1 Main St.</p>"}},
        EMAILS.kind: {1: {**stamp, "name": "Welcome email", "parent_folder_id": 1, "subject": "Welcome to Acme",
                          "translations": {"fr": {"language": "fr", "subject": "Bienvenue chez Acme",
                                                  "updated_at": created}}}},
    }
