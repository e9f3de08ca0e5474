"""Every way an HTTP exchange can fail, mapped to one bridge error code: the only place that does it.

``retryable`` on the errors made here is decided here too, from the retry rule's view of the
attempt (bridge.http.retry): what was not sent, a 429, or anything on a request that is safe to
repeat.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import httpx

from bridge.errors import ApiError, CallError, ErrorCode, RequestFailed
from bridge.http.retry import Failure

if TYPE_CHECKING:
    from bridge.http.client import HttpRequest, Service

_STATUS_CODES = {401: ErrorCode.UNAUTHORIZED, 403: ErrorCode.UNAUTHORIZED, 404: ErrorCode.NOT_FOUND,
                 429: ErrorCode.RATE_LIMITED}


def transport_error(name: str, request: HttpRequest, exc: httpx.TransportError, failure: Failure) -> RequestFailed:
    """A failed exchange with no answer: request_timeout or network_error."""
    retryable = failure is Failure.NOT_SENT or request.idempotent
    if isinstance(exc, httpx.TimeoutException):
        return RequestFailed(f"{request.operation}: {name} did not answer in time.", code=ErrorCode.REQUEST_TIMEOUT,
                              retryable=retryable)
    return RequestFailed(f"{request.operation}: could not reach {name} ({type(exc).__name__}).",
                          code=ErrorCode.NETWORK_ERROR, retryable=retryable)


def unsendable(request: HttpRequest, exc: Exception) -> RequestFailed:
    """A request httpx refuses to make at all (bad scheme, bad header): nothing was sent."""
    return RequestFailed(f"{request.operation}: the request could not be made ({type(exc).__name__}); the "
                          "account's base URL may be wrong.", code=ErrorCode.NETWORK_ERROR)


def no_time_left(request: HttpRequest) -> RequestFailed:
    """The run's deadline came before the request could be sent."""
    return RequestFailed(f"{request.operation}: no time is left in this run for the request.",
                          code=ErrorCode.REQUEST_TIMEOUT)


def unknown(name: str, request: HttpRequest, status: int | None) -> CallError:
    """``outcome_unknown``: a write that is not safe to repeat was sent and no clear answer came back."""
    what = (f"{name} answered {status} after receiving it" if status is not None
            else "the connection failed after it was sent")
    message = (f"{request.operation}: {what}, so whether it took effect is unknown. It was not sent again, so it "
               f"happened at most once; before calling it again, {request.check}.")
    kind = ApiError if status is not None else RequestFailed
    return kind(message, code=ErrorCode.OUTCOME_UNKNOWN, status=status, retryable=False)


def unknown_after(name: str, request: HttpRequest, last: CallError) -> CallError:
    """``outcome_unknown`` for a write an earlier attempt may have carried out, whose last attempt got ``last``."""
    keys = ", ".join(f"`{k}` {v!r}" if isinstance(v, str) else f"`{k}`" for k, v in request.keys.items())
    again = (f"repeating it with the same {keys} (in `details`) is safe" if keys
             else "repeating it is safe (it is idempotent)" if request.idempotent
             else f"before calling it again, {request.check}")
    message = (f"{request.operation}: an earlier attempt may have been carried out (its answer was lost), and the "
               f"last one ended in {last.code}; so whether it took effect is unknown. {again[0].upper()}{again[1:]}.")
    return CallError(message, code=ErrorCode.OUTCOME_UNKNOWN, status=last.status, retryable=request.idempotent,
                     details={"last_error": str(last.code)})


def status_error(service: Service, request: HttpRequest, response: httpx.Response) -> CallError:
    """Map an error status to a CallError with the API's own reason in the message."""
    status, reason = response.status_code, service.reason(response, request.secrets)
    own = service.status_error(request, response, reason)
    if own is not None:
        return own
    code = _STATUS_CODES.get(status) or (ErrorCode.SERVER_ERROR if status >= 500 else ErrorCode.API_ERROR)
    retryable = code is ErrorCode.RATE_LIMITED or (code is ErrorCode.SERVER_ERROR and request.idempotent)
    text = f"{request.operation}: {service.name} answered {status}" + (f": {reason}" if reason else ".")
    details = {"retry_after": response.headers["Retry-After"]} if "Retry-After" in response.headers else {}
    return ApiError(text, code=code, status=status, retryable=retryable, details=details)


def parse_json(name: str, request: HttpRequest, response: httpx.Response) -> Any:
    """The JSON of a successful answer ({} when empty), or INVALID_RESPONSE: a body that does not parse,
    or one declared as something else (an HTML page from a proxy or captive portal)."""
    if not response.content.strip():
        return {}
    kind = response.headers.get("Content-Type", "application/json").lower()
    if "json" not in kind and not kind.startswith("text/plain"):
        raise _invalid(name, request, response.status_code, f"a {kind.split(';')[0]} page, not JSON")
    try:
        return response.json()
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        raise _invalid(name, request, response.status_code, "a body that is not JSON") from None


def undecodable(name: str, request: HttpRequest, status: int) -> RequestFailed:
    """An answer whose compressed body is corrupt (httpx.DecodingError)."""
    return _invalid(name, request, status, "a compressed body that does not decode")


def _invalid(name: str, request: HttpRequest, status: int, what: str) -> RequestFailed:
    return RequestFailed(f"{request.operation}: {name} (or something between us and it) answered {status} with "
                          f"{what}; for a write, whether it arrived is unknown.", code=ErrorCode.INVALID_RESPONSE,
                          status=status, retryable=request.idempotent)


def json_body(response: httpx.Response) -> Any:
    """An error answer's JSON, or None when it has none (for an integration's error-body parser)."""
    try:
        return response.json()
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        return None
