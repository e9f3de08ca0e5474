"""What each parameter means, in our words: the text of every parameter row of the docs.

The spec generator asks :func:`describe` for each field it declares; curated declarations
write theirs beside their fields. Lookup order: the operation's own entry (``BY_OPERATION``),
then the resource's (``BY_RESOURCE``, the resource being what the path is about), then the
name's (``COMMON``). ``{noun}`` in a text is the resource ("segment", "broadcast"...).
A name with no entry gets a placeholder that the docs lint (tests/test_docs_lint.py) refuses,
so a new operation cannot ship with a description that only repeats its name.
"""

from __future__ import annotations

import re

#: Path collection -> the noun of one item, as the docs say it.
NOUNS = {
    "customers": "person", "segments": "segment", "campaigns": "campaign", "broadcasts": "broadcast",
    "newsletters": "newsletter", "transactional": "transactional message", "reporting_webhooks": "reporting webhook",
    "collections": "collection", "sender_identities": "sender identity", "snippets": "snippet",
    "exports": "export", "imports": "import", "messages": "message", "objects": "object",
    "object_types": "object type", "activities": "activity", "esp": "email suppression", "forms": "form",
    "subscription_topics": "subscription topic", "workspaces": "workspace", "send": "message",
    **{call: "Pipelines call" for call in ("identify", "track", "page", "screen", "group", "alias", "batch")},
}

#: Which list function gives the ids of a resource.
LISTED_BY = {
    "segment": "list_segments", "campaign": "list_campaigns", "broadcast": "list_broadcasts",
    "newsletter": "list_newsletters", "transactional message": "list_transactional_messages",
    "reporting webhook": "list_reporting_webhooks", "collection": "list_collections",
    "sender identity": "list_sender_identities", "export": "list_exports", "import": "create_import",
    "message": "list_messages", "object type": "list_object_types",
}

#: Times take Unix seconds or ISO-8601 text; the type column says so, the text need not.
TIME = ""

COMMON: dict[str, str] = {
    # --- identifiers of things --------------------------------------------------------------
    "campaign_id": "Which campaign: its number, as `list_campaigns` returns it.",
    "broadcast_id": "Which broadcast (an API-triggered campaign): its number, as `list_broadcasts` returns it.",
    "newsletter_id": "Which newsletter: its number, as `list_newsletters` returns it.",
    "segment_id": "Which segment: its number, as `list_segments` returns it.",
    "action_id": "Which step (action) of the workflow: its number, as the list of actions returns it.",
    "content_id": "Which content variant: its number, as the list of contents returns it.",
    "transactional_id": "Which transactional message template: its number, as `list_transactional_messages` "
                        "returns it.",
    "transactional_message_id": "The transactional message template to send, by its number or its trigger "
                                "name. Leave it out to send content given entirely in this call.",
    "trigger_id": "Which trigger of the broadcast: the `id` that `trigger_broadcast` returned.",
    "test_group_id": "Which A/B test group of the newsletter, as `list_newsletter_test_groups` returns it.",
    "collection_id": "Which collection: its number, as `list_collections` returns it.",
    "sender_id": "Which sender identity: its number, as `list_sender_identities` returns it.",
    "webhook_id": "Which reporting webhook: its number, as `list_reporting_webhooks` returns it.",
    "export_id": "Which export: its number, as `list_exports` or the export call returned it.",
    "import_id": "Which import: its number, as `create_import` returned it.",
    "message_id": "Which message (delivery): its id, as `list_messages` or a send call returned it.",
    "delivery_id": "The delivery the report is about: the id Customer.io put in the message it sent.",
    "form_id": "Your own name for the form; Customer.io creates the form the first time it sees it.",
    "snippet_name": "The snippet to delete, by its name (`list_snippets` lists them).",
    "object_type_id": "The object type, by its number as `list_object_types` returns it (1 is often companies). "
                      "Digits as text are accepted too.",
    "object_id": "The object's own identifier within its type, such as a company's id in your system.",
    "cio_object_id": "Customer.io's own id of the object, instead of `object_type_id` and `object_id` (only for "
                     "objects that exist).",
    "device_id": "The device's token, as the push service (APNs or FCM) issued it; not the person's id.",
    "customer_id": "Only activity of this person, by their id.",
    "email_address": "The email address the suppression list entry is about.",
    "suppression_type": 'Which suppression list: "bounces", "blocks", "spam_reports" or "invalid_emails".',
    # --- people -------------------------------------------------------------------------------
    "email": "An email address. Customer.io finds the people with exactly this address.",
    "cio_id": "Customer.io's own id of the person (as in `identifiers.cio_id`).",
    "id_type": 'What `id` holds: "id" (your id for the person, the default), "email" or "cio_id".',
    "identifiers": "Who receives the message: a table with exactly one of `id`, `email` or `cio_id`.",
    "ids": "The people, by their ids (at most 100 per call).",
    "user_id": "Your id of the person the call is about.",
    "anonymous_id": "The id of a visitor not identified yet (a cookie or device id); later tied to `user_id`.",
    "previous_id": "The id the person had before: usually their anonymous id.",
    "group_id": "The object (group) to relate the person to, by its id within its type; name the type in "
                "`traits.object_type_id`.",
    "traits": "Attributes to set, as a table of name = value.",
    "properties": "Details of the event, as a table of name = value.",
    "primary": "The person who remains after the merge: a table with one of `id`, `email` or `cio_id`.",
    "secondary": "The person merged into the primary one and then deleted: a table with one of `id`, `email` or "
                 "`cio_id`.",
    "attributes": "Attributes to set, as a table of name = value. Setting `unsubscribed = true` unsubscribes "
                  "the person from all marketing email.",
    "device": "The device: a table with `token` (from the push service), `platform` (\"ios\" or \"android\") "
              "and optional `last_used` and `attributes`.",
    # --- paging and periods -------------------------------------------------------------------
    "start": "The page cursor: the `next` value of the previous page, to get the page after it.",
    "limit": "How many results to return per page.",
    "offset": "How many entries to skip before the first one returned.",
    "sort": 'The order of the list by creation time: "asc" (oldest first) or "desc".',
    "period": "The length of each reporting interval: hours, days, weeks or months.",
    "steps": "How many intervals of `period` to report, counting back from now.",
    "res": "The length of each reporting interval of the answer.",
    "tz": "The time zone the intervals are counted in, such as Europe/Paris (default UTC).",
    "version": 'The metrics format: "2" (the default) or the older "1".',
    "unique": "true to count each person's clicks once, false to count every click.",
    "start_ts": "Only messages created at or after this time.",
    "end_ts": "Only messages created before this time.",
    "end_time": "The end of the reporting window.",
    "metric": "Only messages that reached this stage (sent, opened, clicked, bounced...).",
    "state": "Only messages in this sending state.",
    "drafts": "true to list only drafts (messages not yet sent), false for sent messages only.",
    "type": "Only this channel of message: email, push, webhook, SMS (twilio), Slack or in-app.",
    "deleted": "true to include activity of people who were deleted since.",
    "body:type": "The channel of this step or content (email, push, webhook, SMS as twilio, Slack or in-app), as "
                 "Customer.io returns it.",
    # --- message content ---------------------------------------------------------------------
    "to": "The recipient's address: an email address (or several, comma-separated; at most 15 with `bcc`), a "
          "phone number for SMS, or a device token for push.",
    "bcc": "Addresses that get a blind copy, comma-separated.",
    "fake_bcc": "true to send the blind copies as separate messages rather than with a Bcc header.",
    "reply_to": "The address that replies go to.",
    "reply_to_id": "The sender identity replies go to, by its number (`list_sender_identities`).",
    "from_address": "The sender, such as \"Acme <hello@acme.example>\"; the address must belong to a verified "
                    "sender identity.",
    "from_id": "The sender identity, by its number (`list_sender_identities`), instead of `from_address`.",
    "subject": "The subject line of the email.",
    "body": "The HTML content of the message; Liquid such as {{customer.first_name}} is filled in.",
    "body_amp": "An AMP for email version of the content, for mail clients that show it.",
    "body_plain": "A plain-text version of the content, instead of the one derived from the HTML.",
    "preheader": "The preview text mail clients show beside the subject.",
    "preheader_text": "The preview text mail clients show beside the subject.",
    "headers": "Extra email headers, as a table of header name = value.",
    "attachments": "Files to attach: a table of file name = content encoded in base64.",
    "layout": "The HTML layout around the content, by its name in the workspace.",
    "language": "A language code such as fr or pt-BR, choosing that translation of the message.",
    "language_field": "The language of this version, as a language code such as fr.",
    "message_data": "Values the template's Liquid reads as {{trigger.<name>}}, as a table of name = value.",
    "send_at": "When to send, instead of now (at most 90 days ahead).",
    "disable_message_retention": "true to keep no copy of the message's content after it is sent.",
    "send_to_unsubscribed": "true to send even to a person who unsubscribed (for receipts and other "
                            "messages they must get).",
    "queue_draft": "true to keep the message as a draft in Customer.io instead of sending it.",
    "disable_css_preprocessing": "true to send the HTML as it is, without inlining its CSS.",
    "tracked": "false to turn off open and click tracking for this message.",
    "title": "The title line of the push notification.",
    "message": "The text of the push notification.",
    "image_url": "The address of an image shown with the notification.",
    "link": "The deep link or web address opened when the notification is tapped.",
    "sound": 'The sound to play: "default" or "none" (iOS).',
    "custom_data": "Extra data delivered to the app with the notification, as a table.",
    "custom_device": "A device to send to that is not stored on the person: a table with `token` and "
                     "`platform`.",
    "custom_payload": "The complete push payload per platform (`ios`, `android`), replacing the template's.",
    "recipient": "Who the message goes to, usually Liquid such as {{customer.email}}.",
    "deduplicate_id": "Read-only: the version stamp Customer.io returns; leave it out when changing content.",
    "created": "Read-only: when it was created (Unix seconds), as Customer.io returns it; leave it out.",
    "updated": "Read-only: when it was last changed (Unix seconds), as Customer.io returns it; leave it out.",
    "sending_state": 'Whether the step sends: "automatic", "draft" or "off".',
    "method": "The HTTP method of a webhook step, such as POST.",
    "parent_action_id": "Read-only: the step this one belongs to; leave it out.",
    "campaign_id_field": "Read-only: the campaign the step belongs to; leave it out.",
    "broadcast_id_field": "Read-only: the broadcast the step belongs to; leave it out.",
    "newsletter_id_field": "Read-only: the newsletter the content belongs to; leave it out.",
    # --- Pipelines (Segment-style) calls --------------------------------------------------------
    "integrations": "Which destinations of your Pipelines workspace receive the call, as a table of "
                    "destination name = true or false.",
    "context": "Facts about where the call comes from (ip, userAgent, app, device...), as a table.",
    "received_at": "When Customer.io received the call (set by the server when left out).",
    "sent_at": "When your system sent the call.",
    "original_timestamp": "When the call was made on the device, before any clock correction.",
    "timestamp": "When it happened (default: now).",
    "event": "The event's name, such as \"Order Completed\".",
    "batch": "The calls to send together, each a table like the single call's parameters plus its `type`.",
    # --- forms, snippets, webhooks, collections, exports ------------------------------------------
    "data": "The submitted fields, as a table of field name = value.",
    "value": "The snippet's content, the text Liquid inserts where {% snippet name %} appears.",
    "updated_at": "Read-only: when the snippet last changed, as Customer.io returns it; leave it out.",
    "endpoint": "The https address Customer.io posts the events to.",
    "disabled": "true to stop sending events to the webhook without deleting it.",
    "full_resolution": "true to report every event, false to report only the first open and click of each "
                       "message.",
    "with_content": "true to include the message's content in each event.",
    "events": "The message events the webhook reports, such as email_opened or sms_delivered.",
    "url": "The https address of a JSON file whose rows replace the collection's data.",
    "filters": "Which people to export: a filter like `search_people`'s (see its page).",
    "filter": "Which items match: a table such as { attribute = { field = \"plan\", operator = \"eq\", value = "
              "\"pro\" } }; combine with `and`, `or` and `not` (see the filter section of this page).",
    "import_settings": "What to import: a table with `name`, `data_file_url` (a CSV at an https address), "
                       "`type` (people, events, objects or relationships) and `identifier`.",
    "segment": "The new segment: a table with `name` (required), `description` and `tags`.",
    "reason": "Why the message bounced or was dropped, as the mail server said.",
    "href": "For clicks: the address of the link that was clicked.",
    "emails": "The recipients by email address (each must be a person already, unless "
              "`email_add_duplicates`/`email_ignore_missing` say otherwise).",
    "email_add_duplicates": "true to send to every person with an address when several people share it.",
    "email_ignore_missing": "true to skip addresses of no person instead of failing the trigger.",
    "id_ignore_missing": "true to skip ids of no person instead of failing the trigger.",
    "per_user_data": "The recipients, each with its own data: a list of { id = ..., data = {...} } (or "
                     "`email` instead of `id`).",
    "data_file_url": "The https address of a JSON file listing the recipients and their data.",
    "recipients": "Who receives the broadcast: a filter of people like `search_people`'s, instead of its "
                  "own segment.",
    "cio_relationships": "Objects to relate the person to: a list of { identifiers = { object_type_id = \"1\", "
                         "object_id = \"acme\" }, relationship_attributes = {...} }.",
    "action": 'What to do: "identify" (create or update), "delete", "event", "add_relationships", '
              '"delete_relationships", "add_device", "delete_device", "merge", "suppress", "unsuppress"...',
}

#: (resource noun, name) -> text, where the same name means different things per resource.
BY_RESOURCE: dict[tuple[str, str], str] = {
    ("Pipelines call", "message_id"): "The call's de-duplication id: a fresh ULID when left out. Customer.io "
                                      "counts a call once per id, so a retried call never counts twice.",
    ("object", "id_type"): 'What `object_id` holds: "object_id" (your id, the default) or "cio_object_id" '
                           '(Customer.io\'s).',
    ("reporting webhook", "name"): "A name for the webhook, shown in the workspace settings.",
    ("collection", "name"): "The collection's name; Liquid reads its rows as {{collection.<name>}}.",
    ("collection", "data"): "The rows of the collection: a list of tables of column = value.",
    ("snippet", "name"): "The snippet's name, by which templates include it.",
    ("activity", "name"): "Only activity with this name (an event's name, for events).",
    ("activity", "type"): "Only activity of this kind, such as event, attribute_change or sent_email.",
    ("person", "type"): "Only activity of this kind, such as event, attribute_change or sent_email.",
    ("person", "name"): "Only activity with this name (an event's name, for events).",
    ("campaign", "name"): "The step's name, as the workflow shows it.",
    ("broadcast", "name"): "The step's name, as the workflow shows it.",
    ("newsletter", "name"): "The content variant's name.",
    ("transactional message", "name"): "The content variant's name.",
    ("campaign", "url"): "For a webhook step: the address it calls.",
    ("broadcast", "url"): "For a webhook step: the address it calls.",
    ("campaign", "type"): "Only this channel of message: email, push, webhook, SMS (twilio), Slack or in-app.",
    ("transactional message", "type"): 'The channel of this content: "email" or "push".',
}

#: (operation, name) -> text, for what is specific to one function.
BY_OPERATION: dict[tuple[str, str], str] = {
    ("track_anonymous_event", "name"): "The event's name, such as \"viewed_pricing\".",
    ("track_anonymous_event", "type"): '"event" (default), "page" for a page view or "screen" for a screen view.',
    ("track_anonymous_event", "data"): "Details of the event, as a table of name = value.",
    ("track_anonymous_event", "id"): "The event's de-duplication id (a ULID); a retry with the same id counts "
                                     "once.",
    ("create_import", "import_settings.name"): "A name for the import, shown in the workspace.",
    ("create_import", "import_settings.type"): 'What the file holds: "people", "event", "object" or "relationship".',
    ("create_import", "import_settings.identifier"): 'What identifies people in the file: "id" or "email".',
    ("create_import", "import_settings.data_to_process"): 'Which rows to apply: "all", "only_new" or '
                                                          '"only_existing" people.',
    ("create_import", "import_settings.description"): "A note about the import.",
    ("create_import", "import_settings.data_file_url"): "The https address of the CSV file to import.",
    ("create_segment", "segment.name"): "The segment's name.",
    ("create_segment", "segment.description"): "What the segment is for.",
    ("identify_customer", "created_at"): "When the person was created in your system.",
    ("identify_customer", "update_only"): "true to only update an existing person, never create one.",
    ("identify_customer", "unsubscribed"): "true unsubscribes the person from all marketing email.",
    ("identify_customer", "cio_subscription_preferences"): "The person's subscription topic choices: "
                                                           "{ topics = { topic_1 = true, ... } }.",
    ("identify_customer", "cio_relationships.relationships"): "The objects to relate the person to.",
    ("identify_customer", "cio_subscription_preferences.topics"): "Topic id = true (subscribed) or false.",
    ("send_push", "custom_payload.ios"): "The complete iOS (APNs) payload.",
    ("send_push", "custom_payload.android"): "The complete Android (FCM) payload.",
    ("track_event", "identifier"): "The person, by your id for them, their email, or cio_ and their cio_id.",
    ("track_event", "type"): '"event" (default), "page" for a page view or "screen" for a screen view.',
    ("unsubscribe_delivery", "unsubscribe"): "false takes a previous unsubscribe back; true (the default) "
                                             "unsubscribes.",
    ("add_device", "device.id"): "The device token the push service (APNs or FCM) issued; not the person's id.",
    ("track_page_view", "name"): "The page's name or address.",
    ("track_screen_view", "name"): "The screen's name in the app.",
    ("report_delivery_metric", "timestamp"): "When the event happened (default: now).",
    ("report_delivery_metric", "metric"): "What happened to the message: delivered, opened, clicked, bounced...",
    ("report_delivery_metric", "recipient"): "The address the message went to.",
    ("report_push_metric", "event"): 'What happened to the notification: "delivered", "opened" or "converted".',
    ("report_push_metric", "device_id"): "The token of the device that reported it.",
    ("send_entity_operation", "type"): 'What the operation is about: "person", "object" or "delivery".',
    ("send_entity_operation", "identifiers"): "Who or what: for a person one of `id`, `email` or `cio_id`; for "
                                              "an object `object_type_id` and `object_id`.",
    ("send_entity_operation", "attributes"): "Attributes to set on the person or object, as a table of name = "
                                             "value (`unsubscribed = true` unsubscribes a person).",
    ("send_entity_operation", "cio_relationships"): "For a person: the objects to relate them to, a list of "
                                                    "{ identifiers = { object_type_id = \"1\", object_id = \"acme\" }, "
                                                    "relationship_attributes = {...} }. For an object: the people, a "
                                                    "list of { identifiers = { id = \"user-1001\" } }.",
    ("send_entity_operation", "id"): "For events: the event's de-duplication id (a ULID).",
    ("send_entity_operation", "name"): 'For "event", "screen" and "page": the event, screen or page name.',
    ("send_entity_batch", "batch"): "The operations, each a table like `send_entity_operation`'s parameters "
                                    "(at most 500 KB in all, 32 KB each).",
    ("send_pipelines_batch", "batch"): "The calls, each a table with `type` (identify, track, page, screen, "
                                       "group or alias) and that call's fields (`userId`, `event`, `traits`...).",
    ("get_people_attributes", "ids"): "The people, by their ids (at most 100).",
    ("find_people_by_email", "email"): "The email address to look up; every person with exactly this address "
                                       "is returned.",
    ("submit_form", "data"): "The submitted fields, as a table of field name = value; `email` or `id` "
                             "identifies the person.",
    ("trigger_broadcast", "data"): "Values every recipient's message reads as {{trigger.<name>}}, as a table.",
    ("trigger_broadcast", "ids"): "The recipients by their ids, instead of the broadcast's own segment.",
    ("save_snippet", "name"): "The snippet's name, by which templates include it.",
    ("export_deliveries", "attributes"): "Person attributes to add as columns of the export, by name.",
    ("export_deliveries", "type"): "Only deliveries of this channel.",
    ("list_messages", "type"): "Only messages of this channel.",
    ("search_objects", "object_type_id"): "Which type of object to search, by its number as `list_object_types` "
                                          "returns it. Digits as text are accepted too.",
    ("list_activities", "id_type"): 'What `customer_id` holds: "id" (the default), "email" or "cio_id".',
    ("update_collection_contents", "collection_id"): "Which collection: its number, as `list_collections` "
                                                     "returns it.",
    ("get_campaign_action_metrics", "start"): "The start of the reporting window, in Unix seconds.",
    ("get_campaign_journey_metrics", "start"): "The start of the reporting window, in Unix seconds.",
    ("get_campaign_metrics", "start"): "The start of the reporting window (metrics version 2), in Unix seconds.",
    ("get_campaign_metrics", "end_time"): "The end of the reporting window (metrics version 2).",
    ("get_campaign_metrics", "period"): "Metrics version 1: the length of each interval (hours, days, weeks or "
                                        "months).",
    ("get_campaign_metrics", "steps"): "Metrics version 1: how many intervals of `period` to report, counting "
                                       "back from now.",
    ("get_campaign_metrics", "res"): "Metrics version 2: the length of each interval of the answer.",
    ("get_campaign_metrics", "tz"): "Metrics version 2: the time zone the intervals are counted in, such as "
                                    "Europe/Paris.",
    ("get_campaign_metrics", "type"): "Only messages of this channel.",
}

#: Fields of nested tables (identifiers, devices...), by their own name.
NESTED: dict[str, str] = {
    "id": "The person's id.",
    "email": "The person's email address.",
    "cio_id": "Customer.io's own id of the person.",
    "phone": "The person's phone number.",
    "token": "The device token the push service issued.",
    "platform": '"ios" or "android".',
    "last_used": "When the device was last used.",
}

#: What a path `id` (or the one id a path ends with) is, per resource.
PATH_ID = "Which {noun}: its id, as `{lister}` returns it."
PERSON_ID = ("The person, by your id for them (or their email or cio_id as `id_type` says; `email = ...` or "
             "`cio_id = ...` in place of `id` works too).")


def noun(path: str) -> str:
    """The resource a path is about: the last collection before a placeholder, else the first."""
    parts = [p for p in path.split("/") if p and p not in ("v1", "api", "v2")]
    named = [p for i, p in enumerate(parts) if i + 1 < len(parts) and parts[i + 1].startswith("{")]
    for part in [*named[:1], *parts]:
        if part in NOUNS:
            return NOUNS[part]
    return ""


def describe(operation: str, path: str, name: str, *, in_path: bool = False, has_id_type: bool = False,
             where: str = "query") -> str:
    """The description of parameter ``name`` of ``operation`` (declared at ``path``; ``where`` it is sent:
    path, query or body, for names whose sense differs: a query `type` filters, a body `type` sets)."""
    resource = noun(path)
    text = (BY_OPERATION.get((operation, name)) or COMMON.get(f"{where}:{name}") or BY_RESOURCE.get((resource, name))
            or COMMON.get(name))
    if text is None and "." in name:
        leaf = name.rsplit(".", 1)[1]
        return NESTED.get(leaf) or describe(operation, path, leaf, where=where)
    if text is None and name == "id":
        text = _id_text(resource, in_path, has_id_type)
    text = text or placeholder(name)
    return text.replace("{noun}", resource or "item")


def _id_text(resource: str, in_path: bool, has_id_type: bool) -> str:
    if resource == "person":
        return PERSON_ID if has_id_type else "The person, by your id for them."
    if not in_path:
        return f"Read-only: the {resource or 'item'}'s id as Customer.io returns it; leave it out."
    lister = LISTED_BY.get(resource, f"list_{resource.replace(' ', '_')}s")
    return PATH_ID.format(noun=resource or "item", lister=lister)


def placeholder(name: str) -> str:
    """What an undescribed parameter gets: its name in words (the docs lint fails on it)."""
    return re.sub(r"_+", " ", name).strip().capitalize() + "."


FILTER_GRAMMAR = '''A filter is one condition table, or `and` / `or` / `not` around others:

- `{ attribute = { field = "plan", operator = "eq", value = "pro" } }`: people whose attribute `plan` is
  `"pro"`; `operator = "exists"` (no `value`) matches everyone who has the attribute at all.
- `{ segment = { id = 1 } }`: the people in segment 1 (`list_segments` gives the ids).
- `{ ["and"] = { cond1, cond2, ... } }` and `{ ["or"] = { ... } }`: all / any of the conditions
  (`and`, `or` and `not` are Lua keywords, so write them as `["and"]`, `["or"]`, `["not"]`).
- `{ ["not"] = cond }`: everyone the condition does not match.

Only `eq` and `exists` are operators; compare other ways (greater than, contains) with a segment.
An answer holds one page: `identifiers` (each with `id`, `email` and `cio_id`) and `next`; pass `next` as
`start` for the following page, or let `app.each` walk them (`lua_read_doc("integrations.customerio.paging")`).

```lua
local pro = app.integrations.customerio.search_people({
  filter = { attribute = { field = "plan", operator = "eq", value = "pro" } },
})
for _, person in ipairs(pro.identifiers) do print(person.id, person.email) end

local active_not_trial = app.integrations.customerio.search_people({
  filter = { ["and"] = {
    { segment = { id = 1 } },
    { ["not"] = { attribute = { field = "plan", operator = "eq", value = "trial" } } },
  } },
  limit = 50,
})
return #active_not_trial.identifiers
```'''

OBJECT_FILTER_GRAMMAR = '''A filter is one condition table, or `and` / `or` / `not` around others (write them
`["and"]`, `["or"]`, `["not"]`: they are Lua keywords). An object condition is
`{ object_attribute = { field = "plan", operator = "eq", value = "enterprise", type_id = "1" } }`
(`operator = "exists"` takes no `value`); `type_id` is the object type, as in `object_type_id`.

```lua
local found = app.integrations.customerio.search_objects({
  object_type_id = 1,
  filter = { ["and"] = {
    { object_attribute = { field = "plan", operator = "exists", type_id = "1" } },
  } },
})
return found.identifiers
```'''

RESERVED = '''Some attribute names mean something to Customer.io: `email` (where email goes), `created_at` (Unix
seconds), `unsubscribed` (true stops all marketing email to the person: the way to unsubscribe someone
without deleting them), `cio_subscription_preferences` (topic choices), `timezone` and `language`.'''

ENTITY_OBJECTS = '''Objects (companies, accounts...) are created and changed with `type = "object"`: `identifiers`
names the object type (`object_type_id`, from `list_object_types`) and the object's own id (`object_id`).
`add_relationships` / `delete_relationships` relate people to it; read them back with
`get_object_attributes`, `list_object_relationships` and `list_person_relationships`.

```lua
local cio = app.integrations.customerio
cio.send_entity_operation({ type = "object", action = "identify",
  identifiers = { object_type_id = 1, object_id = "globex" }, attributes = { name = "Globex" } })
cio.send_entity_operation({ type = "object", action = "add_relationships",
  identifiers = { object_type_id = 1, object_id = "globex" },
  cio_relationships = { { identifiers = { id = "user-1001" } } } })
return cio.list_object_relationships({ object_type_id = 1, object_id = "globex" }).cio_relationships
```'''

#: Operation -> extra text of its page, between the summary and the parameters.
DETAILS: dict[str, str] = {
    "send_entity_operation": ENTITY_OBJECTS,
    "search_people": FILTER_GRAMMAR,
    "export_customers": "`filters` takes the same grammar as `search_people`'s `filter` (see its page).",
    "search_objects": OBJECT_FILTER_GRAMMAR,
    "identify_customer": RESERVED,
    "create_or_update_customer": RESERVED,
    "suppress_customer": "This deletes the person. To stop emails but keep the person, set the attribute "
                         "`unsubscribed = true` with `identify_customer` instead.",
    "suppress_person": "This deletes the person. To stop emails but keep the person, set the attribute "
                       "`unsubscribed = true` with `identify_customer` instead.",
}

#: Operation -> the tasks it is the way to do, in a user's words: `lua_search_docs` ranks a page first
#: when a query holds every word of one of them ("unsubscribe person from all email").
TASKS: dict[str, tuple[str, ...]] = {
    "identify_customer": ("unsubscribe person", "unsubscribe email", "unsubscribe customer", "opt out",
                          "stop marketing email", "update person attributes", "create person", "set attribute"),
    "suppress_person": ("erase person", "gdpr delete", "forget person", "right to be forgotten"),
    "search_people": ("find people by attribute", "find people where", "filter people", "search people"),
    "find_people_by_email": ("find person by email", "look up email"),
    "send_email": ("send transactional email", "send email template", "send receipt"),
    "trigger_broadcast": ("trigger broadcast", "send broadcast to list", "send campaign to people"),
    "get_broadcast_trigger": ("check trigger", "broadcast trigger status"),
    "send_entity_operation": ("create company", "create object", "relate person company", "add relationship",
                              "link person object", "delete object"),
    "group_user": ("relate person company pipelines", "group user"),
    "list_segment_members": ("page through segment", "people in segment", "segment members"),
    "send_bulk": ("bulk events", "many events", "batch events", "import events"),
    "get_campaign_metrics": ("campaign metrics", "read metrics", "campaign performance"),
    "unsubscribe_delivery": ("unsubscribe from delivery", "unsubscribe link"),
}


def _fields(names: str) -> str:
    parts = [f"`{n}`" for n in names.split()]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def one(key: str, names: str) -> str:
    """Returns text of an answer holding one record: ``{ key = { ... } }``."""
    return f"A table with `{key}` (a table with {_fields(names)})."


def many(key: str, names: str, extra: str = "") -> str:
    """Returns text of an answer holding a list: ``{ key = { {...}, ... } }``."""
    return f"A table with `{key}` (an array of tables, each with {_fields(names)}){extra}."


FOLDER = "id name created_at updated_at"
ASSET = "id name url content_type size parent_folder_id created_at updated_at"
COMPONENT = "id name tag content created_at updated_at"
DESIGN_EMAIL = "id name subject parent_folder_id translations created_at updated_at"
TRANSLATION = "language subject updated_at"
NEWSLETTER = "id name type state tags content_ids recipient_segment_ids created updated"
SENT = "A table with `delivery_id` (the message's id, for list_messages and metrics) and `queued_at` (Unix seconds)."

#: Operation -> what it returns, where the specs give no answer schema (the current surface).
RETURNS: dict[str, str] = {
    "create_asset_folder": one("folder", FOLDER), "get_asset_folder": one("folder", FOLDER),
    "update_asset_folder": one("folder", FOLDER), "create_design_folder": one("folder", FOLDER),
    "get_design_folder": one("folder", FOLDER), "update_design_folder": one("folder", FOLDER),
    "get_asset": one("asset", ASSET), "update_asset": one("asset", ASSET),
    "create_design_component": one("component", COMPONENT), "get_design_component": one("component", COMPONENT),
    "update_design_component": one("component", COMPONENT),
    "create_design_email": one("email", DESIGN_EMAIL), "get_design_email": one("email", DESIGN_EMAIL),
    "update_design_email": one("email", DESIGN_EMAIL),
    "create_design_email_translation": one("translation", TRANSLATION),
    "get_design_email_translation": one("translation", TRANSLATION),
    "update_design_email_translation": one("translation", TRANSLATION),
    "create_newsletter": one("newsletter", NEWSLETTER),
    "schedule_newsletter": one("newsletter", NEWSLETTER + " schedule"),
    "send_newsletter": one("newsletter", NEWSLETTER + " sent_at"),
    "create_newsletter_translation": one("content", "language subject updated"),
    "create_newsletter_test_translation": one("content", "language updated"),
    "create_newsletter_test_group": one("test_group", "id name newsletter_id"),
    "create_snippet": one("snippet", "name value updated_at"),
    "list_subscription_channels": many("channels", "id name identifier"),
    "list_domain_email_suppressions": many("suppressions", "email created", " and `category`"),
    "get_subscription_center_token": "A table with `token`, the signed token of the person's subscription center.",
    "list_asset_folders": many("folders", FOLDER), "list_design_folders": many("folders", FOLDER),
    "list_assets": many("assets", ASSET), "list_design_components": many("components", COMPONENT),
    "list_design_email_translations": many("translations", TRANSLATION),
    "list_design_emails": many("emails", DESIGN_EMAIL),
    "send_inbox_message": SENT, "send_in_app_message": SENT, "send_whatsapp": SENT,
}
