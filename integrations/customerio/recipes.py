"""The topic ``recipes.customerio``: the most common tasks as short, runnable snippets.

Each recipe is one task in business terms, a sentence on the way to do it, and Lua that does it
against the emulated workspace (tests/test_recipes.py runs every one, and checks what it returns).
"""

from __future__ import annotations

from dataclasses import dataclass

from integrations.customerio.docs import BANNER


@dataclass(frozen=True)
class Recipe:
    """One task: its title, how to go about it, and a snippet that does it."""

    title: str
    how: str
    code: str


CIO = "local cio = app.integrations.customerio\n"

RECIPES = (
    Recipe("Find people by an attribute",
           "`search_people` with an `attribute` filter; each hit has `id`, `email` and `cio_id`.", CIO + '''
local found = cio.search_people({
  filter = { attribute = { field = "plan", operator = "eq", value = "pro" } },
})
for _, person in ipairs(found.identifiers) do print(person.id, person.email) end
return #found.identifiers'''),
    Recipe("Look a person up by email and read their attributes",
           "`get_person_attributes` takes `email` (or `id`, or `cio_id`) directly.", CIO + '''
local person = cio.get_person_attributes({ email = "ada@example.com" }).customer
print(person.id, person.attributes.plan)
return person.attributes.first_name'''),
    Recipe("Page through everyone in a segment",
           "`app.each` walks the pages; name the array with `items` (a page also has `ids`).", CIO + '''
local emails = {}
for person in app.each(cio.list_segment_members, { segment_id = 5, limit = 2 }, { items = "identifiers" }) do
  emails[#emails + 1] = person.email
end
return emails'''),
    Recipe("Count the people in a segment", "`get_segment_customer_count` (`id` or `segment_id`).", CIO + '''
return cio.get_segment_customer_count({ segment_id = 1 }).count'''),
    Recipe("Create or update a person", "`identify_customer`: attributes not mentioned keep their values.", CIO + '''
cio.identify_customer({ id = "user-2001", email = "kim@example.com", attributes = { plan = "trial" } })
return cio.get_person_attributes({ id = "user-2001" }).customer.attributes.plan'''),
    Recipe("Track an event for a person",
           "`track_event`; the event gets a de-duplication id, so a retried call counts once.", CIO + '''
local result = cio.track_event({ id = "user-1001", name = "order_completed", data = { total = 42.5 } })
return result.event_id ~= nil'''),
    Recipe("Send many events (or identifies) at once",
           "`send_bulk` batches them into as few requests as Customer.io allows; `failed` lists refusals.", CIO + '''
local operations = {}
for i = 1, 100 do
  operations[i] = { id = "user-1001", name = "page_viewed", data = { n = i } }
end
operations[#operations + 1] = { type = "identify", id = "user-2002", email = "lee@example.com" }
local result = cio.send_bulk({ operations = operations })
return { sent = result.sent, failed = #result.failed }'''),
    Recipe("Unsubscribe someone from all marketing email (and keep them)",
           "Set the reserved attribute `unsubscribed = true`. Suppressing (`suppress_person`) deletes the "
           "person instead: use that only for erasure requests.", CIO + '''
cio.identify_customer({ id = "user-1002", attributes = { unsubscribed = true } })
return cio.get_person_attributes({ id = "user-1002" }).customer.unsubscribed'''),
    Recipe("Add people to a manual segment",
           "`add_customers_to_segment` (manual segments only; `id_type` says what the ids are).", CIO + '''
local result = cio.add_customers_to_segment({ segment_id = 4, ids = { "ada@example.com" }, id_type = "email" })
return result.customer_count'''),
    Recipe("Create a company and relate a person to it",
           "Track v2: identify the object, then relate the person with `add_relationships`. Both are writes.",
           CIO + '''
cio.send_entity_operation({ type = "object", action = "identify",
  identifiers = { object_type_id = 1, object_id = "globex" }, attributes = { name = "Globex", plan = "pro" } })
cio.send_entity_operation({ type = "person", action = "add_relationships", identifiers = { id = "user-1002" },
  cio_relationships = { { identifiers = { object_type_id = 1, object_id = "globex" } } } })
local related = cio.list_person_relationships({ id = "user-1002" }).cio_relationships
return related[1].identifiers.object_id'''),
    Recipe("Relate a person to a company through Pipelines",
           "`group_user`: `group_id` is the object's id, `traits.object_type_id` its type.", CIO + '''
cio.group_user({ user_id = "user-1001", group_id = "initech", traits = { object_type_id = "1", name = "Initech" } })
return cio.get_object_attributes({ object_type_id = 1, object_id = "initech" }).object.attributes.name'''),
    Recipe("Read a company and the people related to it",
           "`get_object_attributes` and `list_object_relationships` (objects by type and id).", CIO + '''
local company = cio.get_object_attributes({ object_type_id = 1, object_id = "acme" }).object
local people = cio.list_object_relationships({ object_type_id = 1, object_id = "acme" }).cio_relationships
return { name = company.attributes.name, people = #people }'''),
    Recipe("Send a transactional email with data",
           "`send_email` with the template's id and `message_data` (read in the template as {{trigger.*}}); "
           "`subject`, `body` and `from_address` override the template's. A destructive call: the host must "
           "approve it or allow it (`luabridge run --allow send_email`).", CIO + '''
local sent = cio.send_email({
  transactional_message_id = 11, to = "ada@example.com", identifiers = { id = "user-1001" },
  message_data = { order_id = "A-17", total = "42.50" }, subject = "Your order A-17",
})
return sent.delivery_id ~= nil'''),
    Recipe("Trigger a broadcast for a list of people",
           "`trigger_broadcast` with `ids` (or `emails`) and shared `data`; keep the returned `id`.", CIO + '''
local trigger = cio.trigger_broadcast({ broadcast_id = 61, ids = { "user-1001", "user-1002" },
  data = { headline = "Spring sale" } })
return trigger.id'''),
    Recipe("Check how a broadcast trigger went",
           "`get_broadcast_trigger` for its status, `list_broadcast_trigger_errors` for the recipients it "
           "could not use.", CIO + '''
local trigger = cio.trigger_broadcast({ broadcast_id = 61, emails = { "ada@example.com" } })
local status = cio.get_broadcast_trigger({ broadcast_id = 61, trigger_id = trigger.id })
local errors = cio.list_broadcast_trigger_errors({ broadcast_id = 61, trigger_id = trigger.id }).errors
return { processed = status.processed_at ~= nil, errors = #errors }'''),
    Recipe("Read a campaign's metrics",
           "`get_campaign_metrics`: `metric.series.<name>` is an array of counts, one per interval.", CIO + '''
local series = cio.get_campaign_metrics({ campaign_id = 42, res = "days" }).metric.series
local sent = 0
for _, n in ipairs(series.sent) do sent = sent + n end
return sent'''),
    Recipe("List the messages sent to a person",
           "`list_person_messages` (one page; `start` = the previous `next` for more).", CIO + '''
local messages = cio.list_person_messages({ id = "user-1001", limit = 10 }).messages
for _, m in ipairs(messages) do print(m.id, m.type, m.recipient) end
return #messages'''),
    Recipe("Merge two profiles of the same person",
           "`merge_customers`: the secondary is folded into the primary and deleted (destructive).", CIO + '''
cio.merge_customers({ primary = { id = "user-1001" }, secondary = { email = "linus@example.org" } })
return #cio.find_people_by_email({ email = "linus@example.org" }).results'''),
    Recipe("Delete a person for an erasure request",
           "`suppress_person` deletes them and blocks the identifier from coming back (destructive).", CIO + '''
local result = cio.suppress_person({ identifier = "user-1002" })
return result.success'''),
    Recipe("Preview a write without sending it, and handle refusals",
           "In a dry run writes return the planned request; `pcall` catches any call's error table.", CIO + '''
if app.dry_run then
  local plan = cio.identify_customer({ id = "user-1001", attributes = { plan = "pro" } })
  print(plan.method, plan.url)
end
local ok, err = pcall(cio.get_campaign, { id = 999999 })
return ok or err.code'''),
    Recipe("Check which account and workspace the credentials reach",
           "`get_current_user` proves the keys and names the region and workspaces.", CIO + '''
local me = cio.get_current_user({})
return { account = me.account, region = me.region }'''),
)


def page(recipes: tuple[Recipe, ...] = RECIPES) -> str:
    """The markdown of ``recipes.customerio``."""
    lines = [BANNER, "", "# Customer.io — recipes for common tasks", "",
             "Each recipe is a complete snippet: paste it into a run as it is. Functions are described in full "
             "by `lua_read_doc(\"integrations.customerio.<function>\")`; errors by `lua_read_doc(\"errors\")`.", ""]
    lines += [f"<!-- tasks: {'; '.join(r.title.split(' (')[0] for r in recipes)} -->", ""]
    lines += [f"{i}. [{r.title}](#{_anchor(r.title)})" for i, r in enumerate(recipes, 1)]
    for recipe in recipes:
        lines += ["", f"## {recipe.title}", "", recipe.how, "", "```lua", recipe.code.strip(), "```"]
    return "\n".join(lines) + "\n"


def _anchor(title: str) -> str:
    return "-".join("".join(c for c in title.lower() if c.isalnum() or c == " ").split())
