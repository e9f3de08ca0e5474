"""Error codes and the one exception tree of the bridge.

Every failure an agent or a host can see carries one code from the closed set
:class:`ErrorCode`. Each code is documented in ``lua_docs/errors.md`` (generated
from the descriptions below) and a test pins that the two sets are equal.

Exception tree (Python side; integrations raise these, the bridge turns them
into Lua error tables or ``RunResult.error``)::

    BridgeError                      base: has .code and a complete-sentence message
     +-- ConfigError                 host misconfiguration; never reaches Lua
     +-- CallError                   one integration call failed; becomes a Lua error table
          +-- InvalidArguments       validation_error, invalid_value
          +-- UnknownName            unknown_function, unknown_account, unknown_topic
          +-- PermissionDenied       permission_denied
          +-- MissingCredentials     missing_credentials
          +-- ApiError               unauthorized, not_found, rate_limited, api_error,
          |                          server_error, region_mismatch, outcome_unknown
          +-- RequestFailed          network_error, request_timeout, invalid_response,
                                     outcome_unknown

Messages never contain keys, auth headers or request bodies. The names differ from pydantic's
``ValidationError`` and httpx's ``TransportError``, which integrations meet beside them.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    """The closed set of error codes. The docstring of each member is its documentation."""

    # --- the snippet itself -------------------------------------------------------
    SYNTAX_ERROR = "syntax_error"
    RUNTIME_ERROR = "runtime_error"
    # --- sandbox limits -----------------------------------------------------------
    CODE_TOO_LARGE = "code_too_large"
    INSTRUCTION_LIMIT = "instruction_limit"
    TIMEOUT = "timeout"
    MEMORY_LIMIT = "memory_limit"
    OUTPUT_LIMIT = "output_limit"
    CALL_LIMIT = "call_limit"
    RESULT_TOO_LARGE = "result_too_large"
    # --- values and names ---------------------------------------------------------
    INVALID_VALUE = "invalid_value"
    VALIDATION_ERROR = "validation_error"
    UNKNOWN_FUNCTION = "unknown_function"
    UNKNOWN_ACCOUNT = "unknown_account"
    UNKNOWN_TOPIC = "unknown_topic"
    MISSING_CREDENTIALS = "missing_credentials"
    PERMISSION_DENIED = "permission_denied"
    # --- the remote API -----------------------------------------------------------
    UNAUTHORIZED = "unauthorized"
    NOT_FOUND = "not_found"
    RATE_LIMITED = "rate_limited"
    REGION_MISMATCH = "region_mismatch"
    API_ERROR = "api_error"
    SERVER_ERROR = "server_error"
    NETWORK_ERROR = "network_error"
    REQUEST_TIMEOUT = "request_timeout"
    INVALID_RESPONSE = "invalid_response"
    OUTCOME_UNKNOWN = "outcome_unknown"
    # --- the bridge itself --------------------------------------------------------
    INTERNAL_ERROR = "internal_error"
    SANDBOX_CRASHED = "sandbox_crashed"


#: What each code means and what the caller should do. Rendered into lua_docs/errors.md.
DESCRIPTIONS: dict[ErrorCode, tuple[str, str]] = {
    ErrorCode.SYNTAX_ERROR: (
        "The snippet does not compile (or is not text: binary chunks are refused).",
        "Fix the Lua syntax at the line named in the message.",
    ),
    ErrorCode.RUNTIME_ERROR: (
        "The snippet raised an error of its own: `error(...)`, indexing nil, calling a nil value, "
        "a failed `assert`, a refused sandbox feature.",
        "Read the message and line number; guard the failing expression.",
    ),
    ErrorCode.CODE_TOO_LARGE: (
        "The submitted code is longer than the `max_code_bytes` limit.",
        "Send a shorter snippet; split the work into several runs.",
    ),
    ErrorCode.INSTRUCTION_LIMIT: (
        "The snippet executed more Lua instructions than the host's `max_instructions` budget allows "
        "(counted in coroutines, handlers and loops under `pcall` too; none unless the host sets one).",
        "Look for an endless loop; do less work per run.",
    ),
    ErrorCode.TIMEOUT: (
        "The run took longer than its wall-clock deadline (`timeout_seconds`), "
        "time spent waiting for the API included.",
        "Make fewer or cheaper calls per run, or ask the host for a longer deadline.",
    ),
    ErrorCode.MEMORY_LIMIT: (
        "The snippet used more memory than `max_memory_bytes`.",
        "Build smaller tables and strings; page through large results.",
    ),
    ErrorCode.OUTPUT_LIMIT: (
        "The snippet printed more than `max_output_bytes`; the output is cut there and the run stopped.",
        "Print less: summarise, or return a value instead of printing it.",
    ),
    ErrorCode.CALL_LIMIT: (
        "The snippet made more integration calls than `max_calls` allows in one run.",
        "Make fewer calls per run (use bulk or paginated functions), or split the work over runs.",
    ),
    ErrorCode.RESULT_TOO_LARGE: (
        "The value returned by the snippet is larger than `max_result_bytes` once encoded as JSON.",
        "Return a smaller value: select the fields you need.",
    ),
    ErrorCode.INVALID_VALUE: (
        "A Lua value cannot cross to the host: a function, coroutine or userdata; a table nested "
        "too deep or containing itself; a table mixing array items and named keys, or an array with "
        "holes; a non-string map key; NaN or infinity; a string that is not valid UTF-8; too many items.",
        "Pass plain data: strings, numbers, booleans, arrays and tables with string keys. "
        "The message names the path of the offending value.",
    ),
    ErrorCode.VALIDATION_ERROR: (
        "The argument table does not match the function's parameters: an unknown key (a did-you-mean "
        "is given), a missing required key, a wrong type, a value outside a documented limit.",
        "Change the field named in `details.field` as the message says; "
        "`lua_read_doc` shows the function's parameter table.",
    ),
    ErrorCode.UNKNOWN_FUNCTION: (
        "No function of that name exists in the integration.",
        "Use one of the closest names listed in the message, or `lua_list_docs()` to browse.",
    ),
    ErrorCode.UNKNOWN_ACCOUNT: (
        "No account of that name is configured for the integration.",
        "Use one of the configured accounts listed in the message, or `default`.",
    ),
    ErrorCode.UNKNOWN_TOPIC: (
        "`lua_read_doc` was asked for a topic that does not exist.",
        "Use one of the topics listed in the message or returned by `lua_list_docs()`.",
    ),
    ErrorCode.MISSING_CREDENTIALS: (
        "The account lacks the setting this call needs (for example the App API key).",
        "Ask the host to configure the setting named in the message; other functions may still work.",
    ),
    ErrorCode.PERMISSION_DENIED: (
        "The account's policy does not allow this call: its class (read, write or destructive) or the "
        "function itself is denied, or it needs the host's approval and the host declined (or cannot be asked), "
        "or the host runs in read-only mode. Nothing was sent.",
        "Do not retry. Use another function or account, or ask the host for the change `details.remedy` names "
        "(`env`: the environment variable, `toml`: the TOML key, `cli`: the `luabridge run --allow` flag for one "
        "run); `details.setting` is the setting that refused it, `details.kind` the call's class.",
    ),
    ErrorCode.UNAUTHORIZED: (
        "The API refused the credentials (HTTP 401 or 403).",
        "Ask the host to check the account's keys and region; retrying will not help.",
    ),
    ErrorCode.NOT_FOUND: (
        "The API has no such resource (HTTP 404): a wrong id, or one in another workspace.",
        "Check the id; list the resources first to find the right one.",
    ),
    ErrorCode.RATE_LIMITED: (
        "The API throttled the call (HTTP 429) and its retries, or the bridge's own limiter found no free slot "
        "before the run's deadline (then `status` is nil and nothing was sent). `details.wait_seconds` or "
        "`details.retry_after` says how long to wait.",
        "Wait that long and try again in a later run; make fewer calls per second. `retryable` is true.",
    ),
    ErrorCode.REGION_MISMATCH: (
        "The account's data lives in another region than the host that was called.",
        "Ask the host to set the account's region as the message says (`us` or `eu`).",
    ),
    ErrorCode.API_ERROR: (
        "The API rejected the request (another HTTP 4xx); the API's own reason is in the message.",
        "Change the request as the message says.",
    ),
    ErrorCode.SERVER_ERROR: (
        "The API failed (HTTP 5xx), on every attempt the bridge made (`details.attempts`).",
        "Try again later; `retryable` is true for reads and idempotent writes.",
    ),
    ErrorCode.NETWORK_ERROR: (
        "The API could not be reached or the connection broke, on every attempt the bridge made.",
        "Try again later; if it persists, the host's network or base URL is wrong.",
    ),
    ErrorCode.REQUEST_TIMEOUT: (
        "The API did not answer within the request timeout (or the run's remaining time).",
        "Try again later, with a smaller request if it was large.",
    ),
    ErrorCode.INVALID_RESPONSE: (
        "A read got an answer that cannot be the API's: an HTML page or another content type, a body that is not "
        "JSON, a corrupt compressed body (often a proxy or captive portal in between). Writes never end in this "
        "code: such an answer is no proof that a write arrived, so they report `outcome_unknown`.",
        "Try again later (`retryable` is true); report it to the host if it persists.",
    ),
    ErrorCode.OUTCOME_UNKNOWN: (
        "A write was sent and may or may not have taken effect: the connection broke or the answer timed out "
        "after sending, the API failed (HTTP 5xx), something other than the API answered (an HTML page, a "
        "body that does not parse), or an earlier attempt may have been carried out before a later one met a "
        "429, a redirect or a 5xx (`details.last_error` names what the last attempt met). A write that is not "
        "safe to repeat was not sent again, so it happened at most once.",
        "When `retryable` is true (an idempotent write) repeat it, passing the ids in `details` (`event_id`, "
        "`message_id`) so it counts once. Otherwise do not simply call again: first check, as the message says "
        "(for a send: `list_person_messages`; for a broadcast: `list_broadcast_triggers`; otherwise read the "
        "resource back), and repeat only if it did not happen.",
    ),
    ErrorCode.INTERNAL_ERROR: (
        "The bridge failed unexpectedly (a bug). The host's log has the details; the snippet is not at fault.",
        "Report it to the host; trying another way may work.",
    ),
    ErrorCode.SANDBOX_CRASHED: (
        "The worker process that ran the snippet died (a crash or abort inside the Lua engine, or it was "
        "killed from outside) and was replaced. Calls made before that are in the run's call records; "
        "nothing else of the run is known.",
        "Check what the recorded calls did before retrying; if the same snippet crashes again, simplify it "
        "(smaller data, simpler patterns) and report it to the host.",
    ),
}


def errors_markdown() -> str:
    """lua_docs/errors.md: every code, what it means and what to do."""
    rows = [f"| `{code}` | {meaning} | {action} |" for code, (meaning, action) in DESCRIPTIONS.items()]
    return "\n".join([
        "<!-- Generated from bridge/errors.py by `python -m bridge.docgen`. Do not edit by hand. -->",
        "",
        "# Error codes",
        "",
        "Every failure has one code from this closed set. A failed integration call raises a Lua error whose "
        "value is a table `{code=, message=, operation=, account=, status=, retryable=, details=}` "
        "(`tostring(err)` gives one line; `pcall` catches it). A run that ends in an error reports the same "
        "code to the host in `RunResult.error.code`. Limit codes stop the run: `pcall` cannot catch them.",
        "",
        "| Code | Meaning | What to do |",
        "|------|---------|------------|",
        *rows,
        "",
    ])


class BridgeError(Exception):
    """Base of every error the bridge raises on purpose. ``code`` is an :class:`ErrorCode`."""

    code: ErrorCode = ErrorCode.RUNTIME_ERROR

    def __init__(self, message: str, *, code: ErrorCode | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class ConfigError(BridgeError):
    """The host configured the bridge wrongly (bad account name, bad region, bad limit)."""


def refuse_unknown_settings(given: Iterable[str], valid: Iterable[str], where: str) -> None:
    """Raise a ConfigError naming every key of ``given`` not in ``valid``, and listing the valid ones.

    The one check behind every settings table (limits, policies, accounts), so a typo reads the same
    wherever it is made: ``<where>: unknown setting(s) 'x'; the valid ones are a, b.``"""
    valid = list(valid)
    unknown = sorted(set(given) - set(valid))
    if unknown:
        raise ConfigError(f"{where}: unknown setting(s) {', '.join(map(repr, unknown))}; "
                          f"the valid ones are {', '.join(valid)}.")


class CallError(BridgeError):
    """One integration call failed. Becomes the Lua error table of that call."""

    def __init__(
        self,
        message: str,
        *,
        code: ErrorCode | None = None,
        status: int | None = None,
        retryable: bool = False,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message, code=code)
        self.status = status
        self.retryable = retryable
        self.details: dict[str, Any] = details or {}


class InvalidArguments(CallError):
    """Arguments failed validation before any request was made."""

    code = ErrorCode.VALIDATION_ERROR


class UnknownName(CallError):
    """A function, account or doc topic of that name does not exist."""

    code = ErrorCode.UNKNOWN_FUNCTION


class MissingCredentials(CallError):
    """The account lacks a setting the call needs."""

    code = ErrorCode.MISSING_CREDENTIALS


class PermissionDenied(CallError):
    """The account's policy (or the host, asked for approval) refused the call; nothing was sent."""

    code = ErrorCode.PERMISSION_DENIED


class ApiError(CallError):
    """The remote API answered with an error status."""

    code = ErrorCode.API_ERROR


class RequestFailed(CallError):
    """The request could not be completed (network, timeout, unreadable answer)."""

    code = ErrorCode.NETWORK_ERROR
