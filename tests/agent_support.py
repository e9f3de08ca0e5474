"""Shared by the policy, dry-run and audit tests: an emulated Customer.io with a destructive function.

The seed declarations have no destructive function, so the tests declare one: ``erase_customer``
(a PUT to the Track API's customer path, which the emulator answers by creating the person, so a
sent call is visible in the workspace).
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from bridge import Runtime
from bridge.params import Params
from bridge.policy import Policy
from integrations.customerio import CustomerIO, Family, Kind, Operation
from integrations.customerio.curated import OPERATIONS


class EraseCustomer(Params):
    id: str = Field(description="The customer to erase")


ERASE_CUSTOMER = Operation(
    name="erase_customer", family=Family.TRACK, method="PUT", path="/api/v1/customers/{id}",
    params=EraseCustomer, kind=Kind.DESTRUCTIVE, summary="Test-only destructive call.",
)


def customerio(policy: Policy | dict[str, Policy] | None = None) -> CustomerIO:
    """The emulated accounts (default, production, staging) with erase_customer added."""
    cio = CustomerIO.emulated()  # the policy may name erase_customer, which only the second one knows
    return CustomerIO(list(cio.accounts.values()), transport=cio._client.http.given,
                      operations=[*OPERATIONS, ERASE_CUSTOMER], emulators=cio.emulators, policy=policy)


def runtime(policy: Policy | dict[str, Policy] | None = None, **options: Any) -> tuple[Runtime, CustomerIO]:
    cio = customerio(policy)
    return Runtime([cio], **options), cio


def person_exists(cio: CustomerIO, identifier: str, account: str = "default") -> bool:
    return cio.emulators[account].workspace.find_person(identifier) is not None
