"""Every write the emulator accepts shows in the matching read; every delete makes the read a 404.

One test per write operation (or per resource, for create/update/delete families). Requests go
through the in-process transport against a fresh sample workspace; ``WRITES`` lists the write
operations these tests cover, and the last test checks that list against the route table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import httpx
import pytest

from integrations.customerio.emulator import ROUTES, Emulator

APP = {"Authorization": "Bearer emulator-app-key"}
TRACK = ("emulator-site", "emulator-track-key")
CDP = {"Authorization": "Basic ZW11bGF0b3ItcGlwZWxpbmVzLWtleTo=", "X-Strict-Mode": "1"}
COVERED: set[str] = set()
T = TypeVar("T")


@pytest.fixture
def emulator() -> Emulator:
    return Emulator()


@pytest.fixture
def http(emulator: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(transport=emulator.transport(), base_url="http://emulator") as client:
        yield client


def covers(*names: str) -> Callable[[T], T]:
    """Mark a test as the round trip of the write operations ``names`` (collected at import)."""
    COVERED.update(names)
    return lambda test: test


def app(http: httpx.Client, method: str, path: str, body: Any = None, **params: Any) -> httpx.Response:
    return http.request(method, "/app" + path, headers=APP, json=body, params=params or None)


def ok(response: httpx.Response) -> Any:
    request = response.request
    assert response.is_success, f"{request.method} {request.url}: {response.status_code} {response.text}"
    return response.json() if response.content else None


@covers("app.createWebhook", "app.updateWebhook", "app.deleteWebhook")
def test_reporting_webhook_create_update_delete(http: httpx.Client) -> None:
    sent = {"name": "to the lake", "endpoint": "https://lake.example/hook", "events": ["email_opened"],
            "disabled": True, "full_resolution": False, "with_content": True}
    created = ok(app(http, "POST", "/v1/reporting_webhooks", sent))
    assert {k: created[k] for k in sent} == sent
    assert ok(app(http, "GET", f"/v1/reporting_webhooks/{created['id']}")) == created
    changed = ok(app(http, "PUT", f"/v1/reporting_webhooks/{created['id']}", {**sent, "events": ["email_sent"]}))
    assert changed["events"] == ["email_sent"]
    listed = ok(app(http, "GET", "/v1/reporting_webhooks"))["reporting_webhooks"]
    assert changed in listed
    ok(app(http, "DELETE", f"/v1/reporting_webhooks/{created['id']}"))
    assert app(http, "GET", f"/v1/reporting_webhooks/{created['id']}").status_code == 404


@covers("app.addCollection", "app.updateCollection", "app.updateCollectionContents", "app.deleteCollection")
def test_collection_create_update_contents_delete(http: httpx.Client) -> None:
    rows = [{"city": "Oslo", "temp": 3}]
    created = ok(app(http, "POST", "/v1/collections", {"name": "weather", "data": rows}))["collection"]
    path = f"/v1/collections/{created['id']}"
    assert (created["rows"], created["schema"]) == (1, ["city", "temp"])
    assert ok(app(http, "GET", path + "/content")) == {"data": rows}
    assert ok(app(http, "PUT", path, {"name": "weather today"}))["collection"]["name"] == "weather today"
    replaced = {"city": "Rome", "temp": 17}  # the spec's content body is one JSON object
    assert ok(app(http, "PUT", path + "/content", replaced))["collection"]["rows"] == 1
    assert ok(app(http, "GET", path + "/content")) == replaced
    assert ok(app(http, "GET", path))["collection"]["name"] == "weather today"
    ok(app(http, "DELETE", path))
    assert app(http, "GET", path).status_code == 404


@covers("app.updateSnippets", "app.deleteSnippet")
def test_snippet_put_and_delete(http: httpx.Client) -> None:
    ok(app(http, "PUT", "/v1/snippets", {"name": "sign_off", "value": "Cheers, Acme"}))
    snippets = {s["name"]: s["value"] for s in ok(app(http, "GET", "/v1/snippets"))["snippets"]}
    assert snippets["sign_off"] == "Cheers, Acme"
    ok(app(http, "DELETE", "/v1/snippets/sign_off"))
    assert "sign_off" not in {s["name"] for s in ok(app(http, "GET", "/v1/snippets"))["snippets"]}
    assert app(http, "DELETE", "/v1/snippets/sign_off").status_code == 404


@covers("app.updateCampaignAction", "app.updateCampaignActionTranslation", "app.updateBroadcastAction",
        "app.updateBroadcastActionLanguage")
@pytest.mark.parametrize(("owner", "content"), [("campaigns/42", "actions/101"), ("broadcasts/61", "actions/101")])
def test_action_and_translation_updates(http: httpx.Client, owner: str, content: str) -> None:
    path = f"/v1/{owner}/{content}"
    updated = ok(app(http, "PUT", path, {"subject": "New subject", "body": "<p>new</p>"}))["action"]
    owner_key, owner_id = owner.split("/")[0].rstrip("s") + "_id", int(owner.split("/")[1])
    assert (updated["subject"], updated[owner_key], updated["id"]) == ("New subject", owner_id, 101)
    assert ok(app(http, "GET", path))["action"]["subject"] == "New subject"
    assert app(http, "GET", path + "/language/de").status_code == 404
    ok(app(http, "PUT", path + "/language/de", {"subject": "Neuer Betreff"}))
    assert ok(app(http, "GET", path + "/language/de"))["action"]["subject"] == "Neuer Betreff"
    assert ok(app(http, "GET", path))["action"]["subject"] == "New subject"


@covers("app.updateNewsletterVariant", "app.updateNewsletterVariantTranslation", "app.updateNewsletterTestTranslation")
def test_newsletter_variant_and_translations(http: httpx.Client) -> None:
    ok(app(http, "PUT", "/v1/newsletters/7/contents/310", {"subject": "Variant B"}))
    contents = ok(app(http, "GET", "/v1/newsletters/7/contents"))["contents"]
    assert [(c["id"], c["newsletter_id"]) for c in contents] == [(307, 7), (310, 7)]
    assert contents[1]["subject"] == "Variant B"
    ok(app(http, "PUT", "/v1/newsletters/7/language/es", {"subject": "Novedades"}))
    assert ok(app(http, "GET", "/v1/newsletters/7/language/es"))["content"]["subject"] == "Novedades"
    ok(app(http, "PUT", "/v1/newsletters/7/test_group/B/language/es", {"subject": "B en español"}))
    assert ok(app(http, "GET", "/v1/newsletters/7/test_group/B/language/es"))["content"]["subject"] == "B en español"
    assert app(http, "GET", "/v1/newsletters/7/contents/999").status_code == 404


@covers("app.updateTransactional", "app.updateTransactionalVariant")
def test_transactional_content_and_translation(http: httpx.Client) -> None:
    ok(app(http, "PUT", "/v1/transactional/11/content/307", {"subject": "Reset your password"}))
    assert ok(app(http, "GET", "/v1/transactional/11/contents"))["contents"][0]["subject"] == "Reset your password"
    ok(app(http, "PUT", "/v1/transactional/11/language/it", {"subject": "Reimposta la password"}))
    assert ok(app(http, "GET", "/v1/transactional/11/language/it"))["content"][0]["subject"] == "Reimposta la password"


@covers("app.deletetNewsletters")
def test_newsletter_delete(http: httpx.Client) -> None:
    ok(app(http, "DELETE", "/v1/newsletters/9"))
    assert app(http, "GET", "/v1/newsletters/9").status_code == 404


@covers("app.createManSegment", "app.deleteManSegment", "track.add_to_segment", "track.remove_from_segment")
def test_manual_segment_create_members_delete(http: httpx.Client) -> None:
    segment = ok(app(http, "POST", "/v1/segments", {"segment": {"name": "Beta testers"}}))["segment"]
    path = f"/track/api/v1/segments/{segment['id']}"
    ok(http.post(path + "/add_customers", json={"ids": ["user-1001", "nobody"]}, auth=TRACK))
    members = ok(app(http, "GET", f"/v1/segments/{segment['id']}/membership"))
    assert members["ids"] == ["user-1001"]
    assert ok(app(http, "GET", f"/v1/segments/{segment['id']}/customer_count"))["count"] == 1
    ok(http.post(path + "/remove_customers", json={"ids": ["user-1001"]}, auth=TRACK))
    assert ok(app(http, "GET", f"/v1/segments/{segment['id']}/customer_count"))["count"] == 0
    ok(app(http, "DELETE", f"/v1/segments/{segment['id']}"))
    assert app(http, "GET", f"/v1/segments/{segment['id']}").status_code == 404


@covers("app.exportPeopleData", "app.exportDeliveriesData")
def test_exports_are_a_state_machine(http: httpx.Client) -> None:
    export = ok(app(http, "POST", "/v1/exports/customers", {"filters": {"segment": {"id": 1}}}))["export"]
    assert (export["status"], export["total"]) == ("pending", 2)
    assert app(http, "GET", f"/v1/exports/{export['id']}/download").status_code == 400
    assert ok(app(http, "GET", f"/v1/exports/{export['id']}"))["export"]["status"] == "pending"
    assert ok(app(http, "GET", f"/v1/exports/{export['id']}"))["export"]["status"] == "done"
    assert ok(app(http, "GET", f"/v1/exports/{export['id']}/download"))["url"].endswith(".csv")
    deliveries = ok(app(http, "POST", "/v1/exports/deliveries", {"campaign_id": 42}))["export"]
    assert (deliveries["type"], deliveries["total"]) == ("deliveries", 2)
    assert deliveries["id"] in {e["id"] for e in ok(app(http, "GET", "/v1/exports"))["exports"]}
    assert app(http, "GET", "/v1/exports/999").status_code == 404


@covers("app.import")
def test_imports_move_one_state_per_read(http: httpx.Client) -> None:
    body = {"import": {"name": "fair", "data_file_url": "https://acme.example/people.csv", "type": "people",
                       "identifier": "email"}}
    started = ok(app(http, "POST", "/v1/imports", body))["import"]
    assert (started["state"], started["name"]) == ("preprocessing", "fair")
    states = [ok(app(http, "GET", f"/v1/imports/{started['id']}"))["import"]["state"] for _ in range(6)]
    assert states == ["preprocessed", "validating", "validated", "importing", "imported", "imported"]


@covers("app.postSuppression", "app.deleteSuppression")
def test_suppressions_add_read_remove(http: httpx.Client) -> None:
    ok(app(http, "POST", "/v1/esp/suppression/spam_reports/grace@example.com"))
    assert [s["email"] for s in ok(app(http, "GET", "/v1/esp/suppression/spam_reports"))["suppressions"]] == [
        "grace@example.com"]
    assert ok(app(http, "GET", "/v1/esp/search_suppression/grace@example.com"))["suppressions"]
    assert app(http, "DELETE", "/v1/esp/suppression/spam_reports/grace@example.com").status_code == 204
    assert ok(app(http, "GET", "/v1/esp/search_suppression/grace@example.com"))["suppressions"] == []


@covers("app.sendEmail", "app.sendPush", "app.sendSMS", "app.sendInApp", "app.sendInboxMessage", "app.sendWhatsApp",
        "app.triggerBroadcast")
def test_sends_and_broadcast_triggers_are_recorded_and_counted(http: httpx.Client) -> None:
    sent = ok(app(http, "POST", "/v1/send/email", {"transactional_message_id": 11, "identifiers": {"id": "user-1002"},
                                                   "to": "grace+trial@example.com"}))
    message = ok(app(http, "GET", f"/v1/messages/{sent['delivery_id']}"))["message"]
    assert message["customer_identifiers"] == {"email": "grace+trial@example.com", "id": "user-1002",
                                               "cio_id": "03000002"}
    for channel, extra in (("push", {}), ("sms", {"to": "+15555550100"}), ("in_app", {}), ("inbox_message", {}),
                           ("whatsapp", {"to": "+15555550100"})):
        ok(app(http, "POST", f"/v1/send/{channel}", {"transactional_message_id": 11,
                                                     "identifiers": {"id": "user-1002"}, **extra}))
    assert len(ok(app(http, "GET", "/v1/transactional/11/messages"))["messages"]) == 6
    series = ok(app(http, "GET", "/v1/transactional/11/metrics", period="days", steps=2))["metric"]["series"]
    assert sum(series["sent"]) == 6 and len(series["sent"]) == 2
    trigger = ok(app(http, "POST", "/v1/campaigns/61/triggers", {"ids": ["user-1003", "ghost"]}))["id"]
    errors = ok(app(http, "GET", f"/v1/campaigns/61/triggers/{trigger}/errors"))["errors"]
    assert errors == ["no person with id ghost"]
    today = ok(app(http, "GET", "/v1/broadcasts/61/metrics", period="days", steps=1))["metric"]["series"]
    assert sum(today["sent"]) == 1


def test_metrics_honour_the_window(http: httpx.Client) -> None:
    window = {"version": "2", "res": "daily", "start": 1_735_689_600, "end": 1_735_689_600 + 10 * 86_400}
    series = ok(app(http, "GET", "/v1/campaigns/42/metrics", **window))["metric"]["series"]
    assert len(series["sent"]) == 10 and series["sent"][2] == 1 and series["sent"][9] == 1
    assert sum(series["opened"]) == 1 and sum(series["delivered"]) == 2
    months = ok(app(http, "GET", "/v1/newsletters/7/metrics", period="months", steps=3))["metric"]["series"]
    assert len(months["sent"]) == 3


@covers("track.identify", "track.track", "track.delete", "track.add_device", "track.delete_device", "track.suppress",
        "track.unsuppress", "track.merge", "track.trackAnonymous")
def test_track_people_writes_show_in_app_reads(http: httpx.Client) -> None:
    ok(http.put("/track/api/v1/customers/rt-1", json={"email": "rt@example.com", "plan": "gold"}, auth=TRACK))
    attributes = ok(app(http, "GET", "/v1/customers/rt-1/attributes"))["customer"]
    assert attributes["attributes"]["plan"] == "gold"
    ok(http.post("/track/api/v1/customers/rt-1/events", json={"name": "opened_app", "data": {"v": 2}}, auth=TRACK))
    activities = ok(app(http, "GET", "/v1/customers/rt-1/activities"))["activities"]
    assert (activities[0]["type"], activities[0]["name"], activities[0]["data"]) == ("event", "opened_app", {"v": 2})
    ok(http.put("/track/api/v1/customers/rt-1/devices", json={"device": {"id": "d1", "platform": "android"}},
                auth=TRACK))
    assert [d["id"] for d in ok(app(http, "GET", "/v1/customers/rt-1/attributes"))["customer"]["devices"]] == ["d1"]
    ok(http.delete("/track/api/v1/customers/rt-1/devices/d1", auth=TRACK))
    assert ok(app(http, "GET", "/v1/customers/rt-1/attributes"))["customer"]["devices"] == []
    ok(http.post("/track/api/v1/customers/rt-1/suppress", auth=TRACK))
    assert app(http, "GET", "/v1/customers/rt-1/attributes").status_code == 404
    ok(http.post("/track/api/v1/customers/rt-1/unsuppress", auth=TRACK))
    assert ok(app(http, "GET", "/v1/customers/rt-1/attributes"))["customer"]["id"] == "rt-1"
    ok(http.put("/track/api/v1/customers/rt-2", json={"nickname": "two"}, auth=TRACK))
    ok(http.post("/track/api/v1/merge_customers", json={"primary": {"id": "rt-1"}, "secondary": {"id": "rt-2"}},
                 auth=TRACK))
    assert app(http, "GET", "/v1/customers/rt-2/attributes").status_code == 404
    assert ok(app(http, "GET", "/v1/customers/rt-1/attributes"))["customer"]["attributes"]["nickname"] == "two"
    ok(http.delete("/track/api/v1/customers/rt-1", auth=TRACK))
    assert app(http, "GET", "/v1/customers/rt-1/attributes").status_code == 404
    ok(http.post("/track/api/v1/events", json={"name": "landing", "anonymous_id": "a-1"}, auth=TRACK))
    assert ok(app(http, "GET", "/v1/activities", type="event", name="landing"))["activities"] == []  # anonymous


@covers("track.entity", "track.batch", "cdp.group")
def test_relationships_and_objects(http: httpx.Client) -> None:
    entity = {"type": "object", "action": "identify", "identifiers": {"object_type_id": "1", "object_id": "initech"},
              "attributes": {"name": "Initech"}, "cio_relationships": [{"identifiers": {"id": "user-1002"}}]}
    ok(http.post("/track/api/v2/entity", json=entity, auth=TRACK))
    attrs = ok(app(http, "GET", "/v1/objects/1/initech/attributes"))["object"]
    assert attrs["attributes"] == {"name": "Initech"}
    related = ok(app(http, "GET", "/v1/objects/1/initech/relationships"))["cio_relationships"]
    assert [r["identifiers"]["id"] for r in related] == ["user-1002"]
    people = ok(app(http, "GET", "/v1/customers/user-1002/relationships"))["cio_relationships"]
    assert "initech" in {r["identifiers"]["object_id"] for r in people}
    found = ok(app(http, "POST", "/v1/objects", {"object_type_id": "1", "filter": {"and": [{"object_attribute": {
        "field": "name", "operator": "eq", "value": "Initech", "type_id": "1"}}]}}))
    assert found["ids"] == ["initech"]
    delete = {"type": "object", "action": "delete", "identifiers": {"object_type_id": "1", "object_id": "initech"}}
    ok(http.post("/track/api/v2/batch", json={"batch": [delete]}, auth=TRACK))
    assert app(http, "GET", "/v1/objects/1/initech/attributes").status_code == 404
    group = {"type": "group", "userId": "user-1003", "groupId": "hooli", "traits": {"name": "Hooli"}}
    ok(http.post("/cdp/group", json=group, headers=CDP))
    assert ok(app(http, "GET", "/v1/objects/1/hooli/attributes"))["object"]["attributes"] == {"name": "Hooli"}


@covers("cdp.identify", "cdp.track", "cdp.page", "cdp.screen", "cdp.alias", "cdp.batch")
def test_pipelines_calls_land_on_people(http: httpx.Client, emulator: Emulator) -> None:
    calls = [("identify", {"userId": "p-1", "traits": {"email": "p1@example.com"}}),
             ("track", {"userId": "p-1", "event": "Bought"}), ("page", {"userId": "p-1", "name": "Docs"}),
             ("screen", {"anonymousId": "anon-9", "name": "Home"}),
             ("alias", {"previousId": "anon-9", "userId": "p-1"})]
    for kind, body in calls:  # the spec requires each call's type, even on its own endpoint
        ok(http.post(f"/cdp/{kind}", json={**body, "type": kind}, headers=CDP))
    ok(http.post("/cdp/batch", json={"batch": [{"type": "track", "userId": "p-1", "event": "Renewed"}]}, headers=CDP))
    activities = ok(app(http, "GET", "/v1/customers/p-1/activities", limit=10))["activities"]
    assert sorted(a["type"] for a in activities) == ["event", "event", "page", "screen"]
    assert ok(app(http, "GET", "/v1/customers", email="p1@example.com"))["results"][0]["id"] == "p-1"


@covers("track.metrics", "track.pushMetrics", "track.unsubscribe", "track.submitForm")
def test_delivery_reports_change_the_delivery(http: httpx.Client) -> None:
    delivery = "RPILAgABcRhIBqSp7kiPekGBIeVj"
    report = {"delivery_id": delivery, "metric": "converted", "timestamp": 1_736_467_300}
    ok(http.post("/track/api/v1/metrics", json=report))
    assert ok(app(http, "GET", f"/v1/messages/{delivery}"))["message"]["metrics"]["converted"] == 1_736_467_300
    ok(http.post("/track/api/v1/push/events", json={"delivery_id": delivery, "event": "opened",
                                                    "device_id": "tok", "timestamp": 1_736_467_400}))
    assert ok(app(http, "GET", f"/v1/messages/{delivery}"))["message"]["metrics"]["opened"] == 1_736_467_400
    ok(http.post(f"/track/unsubscribe/{delivery}", json={"unsubscribe": True}))
    assert ok(app(http, "GET", "/v1/customers/user-1002/attributes"))["customer"]["unsubscribed"] is True
    assert http.post("/track/api/v1/forms/contact/submit", json={"data": {"email": "f@example.com"}},
                     auth=TRACK).status_code == 204


def test_every_write_operation_has_a_round_trip() -> None:
    writes = {r.operation.name for r in ROUTES if r.operation is not None and r.method != "GET"}
    reads_by_post = {"app.getPeopleFilter", "app.getPeopleById", "app.getObjectsFilter"}
    assert writes - reads_by_post - COVERED == set(), "write operations without a round-trip test"
