"""Customer.io for lua-agent-bridge: ``app.integrations.customerio`` in the sandbox.

    from bridge import Runtime
    from integrations.customerio import Account, CustomerIO

    runtime = Runtime([CustomerIO([Account(site_id="...", track_api_key="...", app_api_key="...")])])
"""

from integrations.customerio.accounts import Account, Family, Region
from integrations.customerio.integration import CustomerIO
from integrations.customerio.operations import Example, Kind, Operation

__all__ = ["Account", "CustomerIO", "Example", "Family", "Kind", "Operation", "Region"]
