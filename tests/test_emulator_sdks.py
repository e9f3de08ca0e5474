"""Customer.io's official Python SDKs, unchanged, against the emulator at the settings it prints.

Every method of ``customerio`` (Track ``CustomerIO``, App ``APIClient``) and of
``customerio-cdp-analytics`` (Pipelines ``Client``) is called once; each call must be accepted and
its effect visible in the workspace. The Track SDK always speaks https, so it trusts the emulator's
loopback certificate through ``REQUESTS_CA_BUNDLE``. customerio-cdp-analytics overwrites
``customerio/__init__.py``, hence the submodule imports.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from integrations.customerio.emulator import Credentials, Emulator, EmulatorServer, serve
from integrations.customerio.emulator.server import LOOPBACK_CERT

track_sdk = pytest.importorskip("customerio.track", reason="customerio (a dev dependency) is not installed")
api_sdk = pytest.importorskip("customerio.api", reason="customerio (a dev dependency) is not installed")
analytics_sdk = pytest.importorskip("customerio.analytics.client",
                                    reason="customerio-cdp-analytics (a dev dependency) is not installed")

SK_KEY = "sk_us_emulator_pipelines_key"


@pytest.fixture
def emulator() -> Emulator:
    return Emulator(credentials=Credentials(pipelines_api_key=SK_KEY))


@pytest.fixture
def server(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> Iterator[EmulatorServer]:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", LOOPBACK_CERT)
    with serve(emulator) as running:
        yield running


def track_client(server: EmulatorServer) -> Any:
    sdk = server.sdk_settings()
    creds = server_credentials(server)
    return track_sdk.CustomerIO(creds.site_id, creds.track_api_key, host=sdk["track_host"],
                                port=int(sdk["track_port"]), retries=0)


def server_credentials(server: EmulatorServer) -> Credentials:
    return server._server.emulator.credentials


def test_track_sdk_every_method_is_accepted_and_applied(server: EmulatorServer, emulator: Emulator) -> None:
    cio = track_client(server)
    workspace = emulator.workspace
    cio.identify("sdk-1", email="sdk@example.com", plan="pro")
    cio.track("sdk-1", "purchased", data={"amount": 12}, id="01J0000000000000000000000A")
    cio.track_anonymous("anon-sdk", "viewed", data={"page": "/"})
    cio.pageview("sdk-1", "/pricing", referrer="ads")
    cio.backfill("sdk-1", "signed_up", 1_735_689_600, source="import")
    cio.add_device("sdk-1", "token-1", "ios", last_used=1_735_689_600)
    person = workspace.find_person("sdk-1")
    assert person is not None and person.attributes["plan"] == "pro" and person.email == "sdk@example.com"
    assert [e.name for e in person.events] == ["purchased", "/pricing", "signed_up"]
    assert person.events[1].type == "page" and person.devices["token-1"]["platform"] == "ios"
    assert [e.name for e in workspace.anonymous_events["anon-sdk"]] == ["viewed"]
    cio.delete_device("sdk-1", "token-1")
    cio.suppress("sdk-1")
    assert person.devices == {} and person.suppressed
    cio.unsuppress("sdk-1")
    assert not person.suppressed
    cio.identify("sdk-2", email="two@example.com")
    cio.merge_customers("id", "sdk-1", "id", "sdk-2")
    assert workspace.find_person("sdk-2") is None
    cio.batch([{"type": "person", "action": "identify", "identifiers": {"id": "sdk-3"}, "attributes": {"a": 1}}])
    assert workspace.find_person("sdk-3") is not None
    cio.delete("sdk-1")
    assert workspace.find_person("sdk-1") is None


def test_app_sdk_every_send_is_accepted_and_recorded(server: EmulatorServer, emulator: Emulator) -> None:
    client = api_sdk.APIClient(emulator.credentials.app_api_key, url=server.sdk_settings()["app_url"], retries=0)
    identifiers = {"id": "user-1001"}
    requests = [
        api_sdk.SendEmailRequest(transactional_message_id=11, identifiers=identifiers, to="ada@example.com",
                                 message_data={"name": "Ada"}),
        api_sdk.SendPushRequest(transactional_message_id=11, identifiers=identifiers, title="Hi"),
        api_sdk.SendSMSRequest(transactional_message_id=11, identifiers=identifiers, to="+15555550100"),
        api_sdk.SendWhatsAppRequest(transactional_message_id=11, identifiers=identifiers, to="+15555550100"),
        api_sdk.SendInboxMessageRequest(transactional_message_id=11, identifiers=identifiers),
        api_sdk.SendInAppRequest(transactional_message_id=11, identifiers=identifiers),
    ]
    methods = [client.send_email, client.send_push, client.send_sms, client.send_whatsapp,
               client.send_inbox_message, client.send_in_app]
    before = len(emulator.workspace.messages)
    answers = [method(request) for method, request in zip(methods, requests, strict=True)]
    assert all(set(answer) == {"delivery_id", "queued_at"} for answer in answers)
    recorded = emulator.workspace.messages[before:]
    assert [m["id"] for m in recorded] == [a["delivery_id"] for a in answers]
    assert {m["transactional_message_id"] for m in recorded} == {11}


@pytest.mark.parametrize("key", [SK_KEY, "legacy-pipelines-write-key"])
def test_pipelines_sdk_every_call_is_accepted_and_applied(key: str) -> None:
    emulator = Emulator(credentials=Credentials(pipelines_api_key=key))
    errors: list[Any] = []
    with serve(emulator) as server:
        client = analytics_sdk.Client(key, host=server.sdk_settings()["pipelines_host"], sync_mode=True,
                                      max_retries=0, on_error=lambda error, batch: errors.append(error))
        client.identify("cdp-1", {"email": "cdp@example.com", "plan": "team"})
        client.track("cdp-1", "Order Completed", {"total": 30})
        client.page("cdp-1", name="Pricing", properties={"path": "/pricing"})
        client.screen("cdp-1", name="Home")
        client.group("cdp-1", "acme-cdp", {"name": "Acme CDP", "object_type_id": "1"})
        client.track(anonymous_id="anon-cdp", event="Viewed")
        client.alias("anon-cdp", "cdp-1")
        client.flush()
    workspace = emulator.workspace
    auth = {r.headers["authorization"].split()[0] for r in emulator.requests}
    assert auth == ({"Bearer"} if key.startswith("sk_") else {"Basic"})
    assert errors == [] and workspace.dropped == []
    assert {r.path for r in emulator.requests} == {"/v1/batch"} and {r.status for r in emulator.requests} == {200}
    person = workspace.find_person("cdp-1")
    assert person is not None and person.attributes["plan"] == "team"
    assert [(e.type, e.name) for e in person.events] == [
        ("event", "Order Completed"), ("page", "Pricing"), ("screen", "Home"), ("event", "Viewed")]
    group = workspace.objects.find("1", "acme-cdp")
    assert group is not None and person.cio_id in workspace.objects.people_of(group)
