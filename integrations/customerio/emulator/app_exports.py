"""Exports and imports as state machines.

An export starts ``pending`` and is ``done`` from the first read after it (its ``total`` counts the
people or deliveries it covers); ``/download`` of a pending export is a 400 (ours: Customer.io's
answer is undocumented). An import moves one state per read, ``preprocessing`` -> ``preprocessed``
-> ``validating`` -> ``validated`` -> ``importing`` -> ``imported``; its data file is not fetched
(the emulator has no network), so it imports no rows. Suppressions are kept per type and address.
"""

from __future__ import annotations

from .app_people import matches
from .resources import Resource, create
from .wire import Call, Rejected, Reply, ok
from .workspace import JSONObject

EXPORTS = Resource("exports", "export_id", item="export", items="exports", template="app.getExport")
IMPORTS = Resource("imports", "import_id", item="import", items="imports", template="app.getImport")
IMPORT_STATES = ("preprocessing", "preprocessed", "validating", "validated", "importing", "imported")
DOWNLOAD_HOST = "https://exports.customerio.emulator"


def export_people(call: Call) -> Reply:
    """``POST /v1/exports/customers``: export the people a filter matches."""
    audience = call.json_object().get("filters")
    total = sum(1 for person in call.workspace.people if matches(call.workspace, person, audience))
    return ok({"export": _new_export(call, "customers", total, "people matching a filter")})


def export_deliveries(call: Call) -> Reply:
    """``POST /v1/exports/deliveries``: export the deliveries of a campaign, newsletter or action."""
    body = call.json_object()
    keys = [key for key in ("newsletter_id", "campaign_id", "action_id") if key in body]
    total = sum(1 for m in call.workspace.messages if all(m.get(key) == body[key] for key in keys))
    return ok({"export": _new_export(call, "deliveries", total, f"deliveries by {', '.join(keys) or 'all'}")})


def list_exports(call: Call) -> Reply:
    """``GET /v1/exports``: every export, each advanced as a read advances it."""
    return ok({"exports": [_advance_export(record) for record in EXPORTS.records(call.workspace).values()]})


def get_export(call: Call) -> Reply:
    """``GET /v1/exports/{export_id}``: one export (pending on creation, done from then on)."""
    return ok({"export": _advance_export(EXPORTS.find(call))})


def download_export(call: Call) -> Reply:
    """``GET /v1/exports/{export_id}/download``: a download URL once the export is done."""
    record = EXPORTS.find(call)
    if record["status"] != "done":
        raise Rejected(400, f"export {record['id']} is not done yet")  # ours
    record["downloads"] = record.get("downloads", 0) + 1
    return ok({"url": f"{DOWNLOAD_HOST}/{record['id']}.csv"})


def start_import(call: Call) -> Reply:
    """``POST /v1/imports``: queue an import of a CSV file (state ``preprocessing``)."""
    fields = dict(call.json_object()["import"])
    fields.update(state=IMPORT_STATES[0], rows_imported=0, rows_to_import=0, error="")
    record = create(IMPORTS, call.workspace, fields)
    for name in ("error_download_url", "error_export_id", "warning_download_url", "warning_export_id"):
        record.pop(name, None)
    return ok({"import": record})


def get_import(call: Call) -> Reply:
    """``GET /v1/imports/{import_id}``: the import, one state further on each read."""
    record = IMPORTS.find(call)
    position = IMPORT_STATES.index(record["state"]) if record["state"] in IMPORT_STATES else len(IMPORT_STATES) - 1
    record["state"] = IMPORT_STATES[min(position + 1, len(IMPORT_STATES) - 1)]
    record["updated_at"] = call.workspace.clock()
    return ok({"import": record})


def _new_export(call: Call, kind: str, total: int, description: str) -> JSONObject:
    return create(EXPORTS, call.workspace, {"type": kind, "total": total, "status": "pending", "failed": False,
                                            "downloads": 0, "description": description})


def _advance_export(record: JSONObject) -> JSONObject:
    shown = dict(record)
    record["status"] = "done"  # the next read finds it done
    return shown


HANDLERS = {
    "app.exportPeopleData": export_people,
    "app.exportDeliveriesData": export_deliveries,
    "app.listExports": list_exports,
    "app.getExport": get_export,
    "app.downloadExport": download_export,
    "app.import": start_import,
    "app.getImport": get_import,
}
