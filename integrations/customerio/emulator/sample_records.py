"""The "Acme Demo" workspace's records beyond people and messages: webhooks, collections, sender
identities, topics, exports, imports, translations.

Constant like the rest of the sample (fixed early-2025 times); built into fresh records each time.
"""

from __future__ import annotations

from . import app_content, app_exports, app_records
from .resources import create
from .workspace import Workspace

_DAY = 86_400
_T0 = 1_735_689_600  # 2025-01-01T00:00:00Z


def add_records(workspace: Workspace) -> None:
    """Fill ``workspace.records`` (and content records) with the demo's records."""
    clock, workspace.clock = workspace.clock, lambda: _T0 + 20 * _DAY
    try:
        _webhooks(workspace)
        _collections(workspace)
        _senders(workspace)
        _topics(workspace)
        _exports(workspace)
        _translations(workspace)
    finally:
        workspace.clock = clock


def _webhooks(workspace: Workspace) -> None:
    create(app_records.WEBHOOKS, workspace, {
        "name": "Delivery events to the data warehouse", "endpoint": "https://hooks.acme.example/customerio",
        "events": ["email_sent", "email_delivered", "email_opened", "email_clicked", "email_bounced"],
        "disabled": False, "full_resolution": True, "with_content": False})


def _collections(workspace: Workspace) -> None:
    rows = [{"sku": "FLW-01", "name": "Tulips", "price": 12}, {"sku": "FLW-02", "name": "Roses", "price": 18}]
    record = create(app_records.COLLECTIONS, workspace, {"name": "spring catalogue"})
    app_records.set_content(record, {"data": rows}, workspace.clock())


def _senders(workspace: Workspace) -> None:
    for name, email in (("Acme Team", "team@acme.example"), ("Acme Billing", "billing@acme.example")):
        create(app_records.SENDERS, workspace, {
            "name": name, "email": email, "address": f"{name} <{email}>", "auto_generated": False,
            "template_type": "email"})


def _topics(workspace: Workspace) -> None:
    store = app_records.TOPICS.records(workspace)
    for topic_id, name, default in ((1, "Product Updates", True), (2, "Promotions", False)):
        store[topic_id] = {"id": topic_id, "identifier": f"topic_{topic_id}", "name": name,
                           "description": f"{name} from Acme.", "subscribed_by_default": default}


def _exports(workspace: Workspace) -> None:
    record = create(app_exports.EXPORTS, workspace, {
        "type": "customers", "status": "done", "failed": False, "downloads": 1, "total": 3,
        "description": "Everyone who signed up"})
    record["user_email"] = "ops@acme.example"
    create(app_exports.IMPORTS, workspace, {
        "name": "Spring leads", "description": "Leads from the spring fair", "type": "people",
        "identifier": "email", "data_to_process": "all", "people_to_process": "all", "state": "imported",
        "rows_imported": 120, "rows_to_import": 120, "error": "", "object_type_id": "1"})
    for name in ("error_download_url", "error_export_id", "warning_download_url", "warning_export_id"):
        app_exports.IMPORTS.records(workspace)[1].pop(name, None)


def _translations(workspace: Workspace) -> None:
    """French translations of the welcome email, the flash sale and the password reset (the newsletters'
    language versions and test groups are on their records, see ``sample``)."""
    store = app_content.contents(workspace)
    for owner, owner_id, content_id, fields in (
        (app_content.CAMPAIGN, 42, 101, {"subject": "Bienvenue chez Acme", "body": "<p>Bonjour !</p>"}),
        (app_content.BROADCAST, 61, 101, {"subject": "Vente flash de 48 heures", "body": "<p>Vite !</p>"}),
        (app_content.TRANSACTIONAL, 11, 307, {"subject": "Réinitialiser le mot de passe", "body": "<p>Lien</p>"}),
    ):
        base = app_content.make_content(owner, workspace, owner_id, content_id, "fr")
        base.update(fields)
        store[(owner.kind, owner_id, content_id, "fr")] = base
    #: Each transactional template's content (variant) ids.
    workspace.records["transactional_contents"] = {11: [307], 12: [312]}
