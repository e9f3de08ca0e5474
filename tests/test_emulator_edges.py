"""HTTP edges and strictness of the emulator: JSON 405s for every unknown method, HTTPS on the same
port, the SDK-layout paths at the root, a bounded request log, and wrong requests refused as
Customer.io refuses them (the issue's probes, each with the status the spec or contract note gives)."""

from __future__ import annotations

import argparse
import base64
import json
import socket
import ssl
import threading
from typing import Any

import httpx
import pytest

from integrations.customerio.commands import run_emulator
from integrations.customerio.emulator import Emulator, serve
from integrations.customerio.emulator.emulator import REQUEST_LOG_SIZE
from integrations.customerio.emulator.server import LOOPBACK_CERT

TRACK = "Basic " + base64.b64encode(b"emulator-site:emulator-track-key").decode()
APP = "Bearer emulator-app-key"
CDP = "Basic " + base64.b64encode(b"emulator-pipelines-key:").decode()


@pytest.mark.parametrize("method", ["TRACE", "OPTIONS", "HEAD", "CONNECT", "PROPFIND"])
def test_unknown_methods_get_a_json_405_never_html(method: str) -> None:
    with serve(Emulator()) as server, httpx.Client() as http:
        response = http.request(method, server.url + "/v1/campaigns", headers={"Authorization": APP})
    assert response.status_code == 405 and response.headers["content-type"] == "application/json"
    assert response.headers["allow"] == "GET"
    if method != "HEAD":  # a HEAD answer carries no body
        assert response.json()["errors"][0]["status"] == "405"


def test_a_literal_path_answers_405_rather_than_a_looser_template() -> None:
    emulator = Emulator()
    status, headers, _ = emulator.handle("GET", "/app/v1/exports/deliveries", "", {"authorization": APP}, b"")
    assert (status, headers["Allow"]) == (405, "POST")


def test_a_malformed_request_line_gets_a_json_error() -> None:
    with serve(Emulator()) as server:
        host, port = server.url.removeprefix("http://").rsplit(":", 1)
        with socket.create_connection((host, int(port)), timeout=5) as raw:
            raw.sendall(b"NOT A REQUEST\r\n\r\n")
            answer = raw.recv(4096)
    assert b"<html" not in answer.lower() and b'"errors"' in answer


def test_the_same_port_speaks_https_for_the_track_sdk() -> None:
    with serve(Emulator()) as server:
        context = ssl.create_default_context(cafile=LOOPBACK_CERT)
        with httpx.Client(verify=context) as http:
            response = http.get(server.url.replace("http://", "https://") + "/api/v1/accounts/region",
                                headers={"Authorization": TRACK})
    assert response.status_code == 200 and response.json()["region"] == "us"


@pytest.mark.parametrize(("path", "family"), [("/api/v1/accounts/region", "track"), ("/v1/batch", "cdp"),
                                             ("/cdp/v1/batch", "cdp"), ("/v1/campaigns", "app")])
def test_root_paths_follow_the_official_sdks_layouts(path: str, family: str) -> None:
    emulator = Emulator()
    auth = {"track": TRACK, "cdp": CDP, "app": APP}[family]
    method, body = ("POST", b'{"batch": []}') if "batch" in path else ("GET", b"")
    status, _, _ = emulator.handle(method, path, "", {"authorization": auth, "content-type": "application/json",
                                                     "x-strict-mode": "1"}, body)
    assert status == 200 and emulator.requests[-1].family == family


def test_the_request_log_keeps_the_newest_requests_only() -> None:
    emulator = Emulator(request_log_size=3)
    for index in range(5):
        emulator.handle("GET", f"/app/v1/campaigns/{index}", "", {"authorization": APP}, b"")
    assert [r.path for r in emulator.requests] == [f"/app/v1/campaigns/{i}" for i in (2, 3, 4)]
    assert Emulator().requests.maxlen == REQUEST_LOG_SIZE == 1000


def test_luabridge_emulator_prints_the_sdk_settings(capsys: pytest.CaptureFixture[str]) -> None:
    args = argparse.Namespace(host="127.0.0.1", port=0, region="us", site_id=None, track_api_key=None,
                              app_api_key=None, pipelines_api_key=None)
    stop = threading.Event()
    stop.set()  # print the settings, then stop at once
    assert run_emulator(args, stop) == 0
    out = capsys.readouterr().out
    assert "export CUSTOMERIO_APP_URL=" in out and 'CustomerIO(site_id, api_key, host="127.0.0.1", port=' in out
    assert "APIClient(app_api_key, url=\"http://127.0.0.1:" in out and 'analytics.host = "http://127.0.0.1:' in out
    assert f"REQUESTS_CA_BUNDLE={LOOPBACK_CERT}" in out


def test_gzip_bodies_are_read() -> None:
    import gzip

    emulator = Emulator()
    body = gzip.compress(json.dumps({"batch": [{"type": "identify", "userId": "gz-1"}]}).encode())
    headers = {"authorization": CDP, "content-type": "application/json", "content-encoding": "gzip",
               "x-strict-mode": "1"}
    assert emulator.handle("POST", "/v1/batch", "", headers, body)[0] == 200
    assert emulator.workspace.find_person("gz-1") is not None


SEND = {"transactional_message_id": 11, "to": "a@example.com", "identifiers": {"id": "user-1001"}}
#: (method, path, body, status): wrong requests and how Customer.io answers them.
WRONG: list[tuple[str, str, Any, int]] = [
    ("PUT", "/track/api/v1/customers/u1", {"created_at": "yesterday"}, 400),
    ("PUT", "/track/api/v1/customers/u1", {"_update": "yes"}, 400),
    ("POST", "/track/api/v2/entity", {"type": "person", "action": "identify",
                                      "identifiers": {"id": "a", "email": "a@example.com"}}, 400),
    ("POST", "/app/v1/send/email", {**SEND, "message_data": {"x": "a" * 1_100_000}}, 413),
    ("POST", "/app/v1/send/email", {**SEND, "attachments": {"a.txt": "QUFB" * 600_000}}, 413),
    ("POST", "/app/v1/customers", {"filter": {"attribute": {"field": "plan", "operator": "like", "value": "x"}}}, 400),
    ("POST", "/app/v1/customers/attributes", {"ids": []}, 400),
    ("POST", "/app/v1/exports/customers", None, 400),
    ("POST", "/app/v1/collections", None, 400),
    ("POST", "/track/unsubscribe/RPILAgABcRhIBqSp7kiPekGBIeVh", None, 400),
    ("POST", "/app/v1/reporting_webhooks", {"name": "x", "endpoint": "https://a.example/h", "events": ["nope"]}, 400),
    ("POST", "/app/v1/esp/suppression/weird/a@example.com", {}, 400),
    ("POST", "/track/api/v1/forms/f1/submit", {"data": {"email": 5}}, 400),
    ("POST", "/cdp/group", {"type": "group", "userId": "u", "groupId": "g", "traits": [1, 2]}, 400),
]
QUERIES = [("/app/v1/segments/1/membership", "limit=30001"), ("/app/v1/messages", "limit=100000"),
           ("/app/v1/campaigns/42/metrics", "version=3")]


@pytest.mark.parametrize(("method", "path", "body", "status"), WRONG)
def test_wrong_requests_are_refused(method: str, path: str, body: Any, status: int) -> None:
    emulator = Emulator()
    auth = {"track": TRACK, "app": APP, "cdp": CDP}[path.split("/")[1]]
    raw = b"null" if body is None else json.dumps(body).encode()
    headers = {"authorization": auth, "content-type": "application/json", "x-strict-mode": "1"}
    answer = emulator.handle(method, path, "", headers, raw)
    assert answer[0] == status, answer[2][:300]
    assert emulator.processed.total() == 0


@pytest.mark.parametrize(("path", "query"), QUERIES)
def test_out_of_range_parameters_are_refused(path: str, query: str) -> None:
    assert Emulator().handle("GET", path, query, {"authorization": APP}, b"")[0] == 400


def test_text_plain_bodies_are_refused() -> None:
    headers = {"authorization": TRACK, "content-type": "text/plain"}
    assert Emulator().handle("PUT", "/track/api/v1/customers/u1", "", headers, b'{"plan": "x"}')[0] == 400
