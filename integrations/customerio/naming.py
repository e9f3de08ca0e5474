"""Hand-written inputs of the spec generator: our names, summaries, areas and kinds.

The specs give paths, fields, types and limits; everything an agent reads in prose is ours
and lives here. Keys are ``<spec>:<operationId>`` with spec ``track``, ``cdp`` or ``app``.
``python -m integrations.customerio.specgen`` turns these and the specs into ``generated.py``.
"""

from __future__ import annotations

from typing import Any

PEOPLE = "people"
EVENTS = "events"
SEGMENTS = "segments"
CAMPAIGNS = "campaigns and broadcasts"
NEWSLETTERS = "newsletters"
MESSAGES = "messages and transactional"
OBJECTS = "objects"
WORKSPACE = "workspace and settings"
DESIGN = "design studio and assets"

#: The areas of the index page, in the order they are listed.
AREAS = (PEOPLE, EVENTS, SEGMENTS, CAMPAIGNS, NEWSLETTERS, MESSAGES, OBJECTS, DESIGN, WORKSPACE)

#: key -> (Lua name, area, one-line summary).
NAMES: dict[str, tuple[str, str, str]] = {
    # --- Track API -----------------------------------------------------------------------
    "track:getRegion": ("get_region", WORKSPACE, "Find the region and workspace of the Track credentials."),
    "track:identify": ("identify_customer", PEOPLE, "Create or update a person and their attributes."),
    "track:delete": ("delete_customer", PEOPLE, "Delete a person's profile (a later call may create it again)."),
    "track:add_device": ("add_device", PEOPLE, "Add or update a mobile device (push token) of a person."),
    "track:delete_device": ("delete_device", PEOPLE, "Remove a mobile device from a person."),
    "track:suppress": ("suppress_customer", PEOPLE, "Delete a person and block their identifier from coming back."),
    "track:unsuppress": ("unsuppress_customer", PEOPLE, "Lift the suppression of an identifier."),
    "track:unsubscribe": ("unsubscribe_delivery", MESSAGES,
                          "Unsubscribe the person a delivery was sent to, as its unsubscribe link does."),
    "track:track": ("track_event", EVENTS, "Track an event for a person."),
    "track:trackAnonymous": ("track_anonymous_event", EVENTS,
                             "Track an event for a visitor not yet identified (by anonymous id)."),
    "track:submitForm": ("submit_form", EVENTS, "Submit a form's fields, as a web form would."),
    "track:merge": ("merge_customers", PEOPLE, "Merge a secondary person into a primary one (irreversible)."),
    "track:metrics": ("report_delivery_metric", MESSAGES,
                      "Report what happened to a delivery (opened, clicked, bounced...)."),
    "track:pushMetrics": ("report_push_metric", MESSAGES, "Report a push notification event (older form)."),
    "track:add_to_segment": ("add_customers_to_segment", SEGMENTS, "Add people to a manual segment."),
    "track:remove_from_segment": ("remove_customers_from_segment", SEGMENTS,
                                  "Remove people from a manual segment."),
    "track:entity": ("send_entity_operation", PEOPLE,
                     "Send one person, object or delivery operation (Track v2)."),
    "track:batch": ("send_entity_batch", PEOPLE, "Send many person, object and delivery operations at once."),
    # --- Pipelines (Data Pipelines / CDP) -----------------------------------------------------
    "cdp:identify": ("identify_user", PEOPLE, "Identify a person and their traits through Data Pipelines."),
    "cdp:track": ("track_user_event", EVENTS, "Track an event through Data Pipelines."),
    "cdp:page": ("track_page_view", EVENTS, "Record a web page view through Data Pipelines."),
    "cdp:screen": ("track_screen_view", EVENTS, "Record a mobile screen view through Data Pipelines."),
    "cdp:group": ("group_user", OBJECTS, "Put a person in a group (an object) through Data Pipelines."),
    "cdp:alias": ("alias_user", PEOPLE, "Link a previous id of a person to their current one."),
    "cdp:batch": ("send_pipelines_batch", EVENTS, "Send many Data Pipelines calls in one request."),
    # --- App API: sending ---------------------------------------------------------------------
    "app:triggerBroadcast": ("trigger_broadcast", CAMPAIGNS, "Send an API-triggered broadcast now."),
    "app:sendEmail": ("send_email", MESSAGES, "Send a transactional email."),
    "app:sendPush": ("send_push", MESSAGES, "Send a transactional push notification."),
    "app:sendSMS": ("send_sms", MESSAGES, "Send a transactional SMS."),
    # --- campaigns ------------------------------------------------------------------------------
    "app:listCampaigns": ("list_campaigns", CAMPAIGNS, "List the campaigns of the workspace."),
    "app:getCampaigns": ("get_campaign", CAMPAIGNS, "Get one campaign."),
    "app:campaignMetrics": ("get_campaign_metrics", CAMPAIGNS, "Get a campaign's delivery metrics over time."),
    "app:campaignLinkMetrics": ("get_campaign_link_metrics", CAMPAIGNS, "Get click counts per link of a campaign."),
    "app:listCampaignActions": ("list_campaign_actions", CAMPAIGNS, "List the actions (steps) of a campaign."),
    "app:getCampaignMessages": ("list_campaign_messages", CAMPAIGNS, "List the messages a campaign sent."),
    "app:getCampaignAction": ("get_campaign_action", CAMPAIGNS, "Get one action of a campaign."),
    "app:updateCampaignAction": ("update_campaign_action", CAMPAIGNS, "Change the content of a campaign action."),
    "app:getCampaignActionTranslation": ("get_campaign_action_translation", CAMPAIGNS,
                                         "Get one language version of a campaign action."),
    "app:updateCampaignActionTranslation": ("update_campaign_action_translation", CAMPAIGNS,
                                            "Change one language version of a campaign action."),
    "app:campaignActionMetrics": ("get_campaign_action_metrics", CAMPAIGNS, "Get the metrics of a campaign action."),
    "app:campaignActionLinks": ("get_campaign_action_link_metrics", CAMPAIGNS,
                                "Get click counts per link of a campaign action."),
    "app:campaignJourneyMetrics": ("get_campaign_journey_metrics", CAMPAIGNS,
                                   "Get how people moved through a campaign's journey."),
    # --- broadcasts -----------------------------------------------------------------------------
    "app:broadcastErrors": ("list_broadcast_trigger_errors", CAMPAIGNS,
                            "List the errors of one broadcast trigger."),
    "app:listBroadcasts": ("list_broadcasts", CAMPAIGNS, "List the API-triggered broadcasts."),
    "app:getBroadcast": ("get_broadcast", CAMPAIGNS, "Get one broadcast."),
    "app:broadcastStatus": ("get_broadcast_trigger", CAMPAIGNS, "Get the status of one broadcast trigger."),
    "app:broadcastMetrics": ("get_broadcast_metrics", CAMPAIGNS, "Get a broadcast's delivery metrics over time."),
    "app:broadcastLinks": ("get_broadcast_link_metrics", CAMPAIGNS, "Get click counts per link of a broadcast."),
    "app:broadcastActions": ("list_broadcast_actions", CAMPAIGNS, "List the actions (messages) of a broadcast."),
    "app:broadcastMessages": ("list_broadcast_messages", CAMPAIGNS, "List the messages a broadcast sent."),
    "app:getBroadcastAction": ("get_broadcast_action", CAMPAIGNS, "Get one action of a broadcast."),
    "app:updateBroadcastAction": ("update_broadcast_action", CAMPAIGNS, "Change the content of a broadcast action."),
    "app:getBroadcastActionLanguage": ("get_broadcast_action_translation", CAMPAIGNS,
                                       "Get one language version of a broadcast action."),
    "app:updateBroadcastActionLanguage": ("update_broadcast_action_translation", CAMPAIGNS,
                                          "Change one language version of a broadcast action."),
    "app:broadcastActionMetrics": ("get_broadcast_action_metrics", CAMPAIGNS,
                                   "Get the metrics of a broadcast action."),
    "app:broadcastActionLinks": ("get_broadcast_action_link_metrics", CAMPAIGNS,
                                 "Get click counts per link of a broadcast action."),
    "app:listBroadcastTriggers": ("list_broadcast_triggers", CAMPAIGNS, "List the times a broadcast was triggered."),
    # --- email suppressions (ESP) ------------------------------------------------------------------
    "app:getSuppression": ("get_email_suppression", PEOPLE,
                           "Find out whether the email provider suppresses an address, and why."),
    "app:getSuppressionByType": ("list_email_suppressions", PEOPLE,
                                 "List addresses the email provider suppresses for one reason."),
    "app:deleteSuppression": ("remove_email_suppression", PEOPLE,
                              "Take an address off the email provider's suppression list."),
    "app:postSuppression": ("add_email_suppression", PEOPLE,
                            "Put an address on the email provider's suppression list."),
    # --- exports, imports, info ------------------------------------------------------------------
    "app:listExports": ("list_exports", WORKSPACE, "List the data exports of the workspace."),
    "app:getExport": ("get_export", WORKSPACE, "Get the status of one export."),
    "app:downloadExport": ("get_export_download_url", WORKSPACE, "Get a short-lived download link of an export."),
    "app:exportPeopleData": ("export_customers", WORKSPACE, "Start an export of the people matching a filter."),
    "app:exportDeliveriesData": ("export_deliveries", WORKSPACE, "Start an export of message deliveries."),
    "app:import": ("create_import", WORKSPACE, "Start a CSV import of people, events, objects or relationships."),
    "app:getImport": ("get_import", WORKSPACE, "Get the status of one import."),
    "app:getCioAllowlist": ("list_ip_addresses", WORKSPACE, "List the IP addresses Customer.io sends from."),
    # --- messages -----------------------------------------------------------------------------
    "app:listMessages": ("list_messages", MESSAGES, "List messages sent from the workspace."),
    "app:getMessage": ("get_message", MESSAGES, "Get one message (delivery) and its metrics."),
    "app:getArchivedMessage": ("get_archived_message", MESSAGES,
                               "Get the archived content of a sent message (100 calls a day)."),
    # --- newsletters ---------------------------------------------------------------------------
    "app:listNewsletters": ("list_newsletters", NEWSLETTERS, "List the newsletters of the workspace."),
    "app:getNewsletters": ("get_newsletter", NEWSLETTERS, "Get one newsletter."),
    "app:deletetNewsletters": ("delete_newsletter", NEWSLETTERS, "Delete a newsletter."),
    "app:getNewsletterMetrics": ("get_newsletter_metrics", NEWSLETTERS, "Get a newsletter's delivery metrics."),
    "app:getNewsletterLinks": ("get_newsletter_link_metrics", NEWSLETTERS,
                               "Get click counts per link of a newsletter."),
    "app:listNewsletterVariants": ("list_newsletter_contents", NEWSLETTERS,
                                   "List the content variants (languages, A/B tests) of a newsletter."),
    "app:getNewsletterMsgMeta": ("list_newsletter_messages", NEWSLETTERS, "List the messages a newsletter sent."),
    "app:getNewsletterVariant": ("get_newsletter_content", NEWSLETTERS, "Get one content variant of a newsletter."),
    "app:updateNewsletterVariant": ("update_newsletter_content", NEWSLETTERS,
                                    "Change one content variant of a newsletter."),
    "app:getNewsletterVariantTranslation": ("get_newsletter_translation", NEWSLETTERS,
                                            "Get one language version of a newsletter."),
    "app:updateNewsletterVariantTranslation": ("update_newsletter_translation", NEWSLETTERS,
                                               "Change one language version of a newsletter."),
    "app:getNewsletterTestGroups": ("list_newsletter_test_groups", NEWSLETTERS,
                                    "List the A/B test groups of a newsletter."),
    "app:getNewsletterVariantTranslationTest": ("get_newsletter_test_translation", NEWSLETTERS,
                                                "Get one language version of a newsletter test group."),
    "app:updateNewsletterTestTranslation": ("update_newsletter_test_translation", NEWSLETTERS,
                                            "Change one language version of a newsletter test group."),
    "app:getVariantMetrics": ("get_newsletter_content_metrics", NEWSLETTERS,
                              "Get the metrics of one newsletter content variant."),
    "app:getVariantLinks": ("get_newsletter_content_link_metrics", NEWSLETTERS,
                            "Get click counts per link of one newsletter content variant."),
    # --- objects ---------------------------------------------------------------------------------
    "app:getObjectTypes": ("list_object_types", OBJECTS, "List the object types (companies, accounts...)."),
    "app:getObjectsFilter": ("search_objects", OBJECTS, "Find objects of a type matching a filter."),
    "app:getObjectRelationships": ("list_object_relationships", OBJECTS, "List the people related to an object."),
    "app:getObjectAttributes": ("get_object_attributes", OBJECTS, "Get the attributes of an object."),
    # --- reporting webhooks -------------------------------------------------------------------------
    "app:createWebhook": ("create_reporting_webhook", WORKSPACE, "Create a webhook that reports message events."),
    "app:listWebhooks": ("list_reporting_webhooks", WORKSPACE, "List the reporting webhooks."),
    "app:getWebhook": ("get_reporting_webhook", WORKSPACE, "Get one reporting webhook."),
    "app:updateWebhook": ("update_reporting_webhook", WORKSPACE, "Change a reporting webhook."),
    "app:deleteWebhook": ("delete_reporting_webhook", WORKSPACE, "Delete a reporting webhook."),
    # --- segments ---------------------------------------------------------------------------------
    "app:createManSegment": ("create_segment", SEGMENTS, "Create a manual segment (add people with "
                             "add_customers_to_segment)."),
    "app:listSegments": ("list_segments", SEGMENTS, "List the segments of the workspace."),
    "app:getSegment": ("get_segment", SEGMENTS, "Get one segment."),
    "app:deleteManSegment": ("delete_segment", SEGMENTS, "Delete a manual segment."),
    "app:getSegmentDependencies": ("get_segment_usage", SEGMENTS,
                                   "List the campaigns and newsletters that use a segment."),
    "app:getSegmentCount": ("get_segment_customer_count", SEGMENTS, "Count the people in a segment."),
    "app:getSegmentMembership": ("list_segment_members", SEGMENTS, "List the people in a segment."),
    # --- sender identities, snippets, topics ------------------------------------------------------------
    "app:listSenders": ("list_sender_identities", WORKSPACE, "List the sender identities (from addresses)."),
    "app:getSender": ("get_sender_identity", WORKSPACE, "Get one sender identity."),
    "app:getSenderUsage": ("get_sender_identity_usage", WORKSPACE,
                           "List the campaigns and messages that use a sender identity."),
    "app:listSnippets": ("list_snippets", WORKSPACE, "List the reusable content snippets."),
    "app:updateSnippets": ("save_snippet", WORKSPACE, "Create or change a reusable content snippet."),
    "app:deleteSnippet": ("delete_snippet", WORKSPACE, "Delete a content snippet."),
    "app:getTopics": ("list_subscription_topics", WORKSPACE, "List the subscription topics people can opt into."),
    # --- transactional -------------------------------------------------------------------------------
    "app:listTransactional": ("list_transactional_messages", MESSAGES, "List the transactional message templates."),
    "app:getTransactional": ("get_transactional_message", MESSAGES, "Get one transactional message template."),
    "app:listTransactionalVariants": ("list_transactional_contents", MESSAGES,
                                      "List the content variants of a transactional message."),
    "app:updateTransactional": ("update_transactional_content", MESSAGES,
                                "Change one content variant of a transactional message."),
    "app:getTransactionalVariant": ("get_transactional_translation", MESSAGES,
                                    "Get one language version of a transactional message."),
    "app:updateTransactionalVariant": ("update_transactional_translation", MESSAGES,
                                       "Change one language version of a transactional message."),
    "app:transactionalMetrics": ("get_transactional_metrics", MESSAGES,
                                 "Get a transactional message's delivery metrics."),
    "app:transactionalLinks": ("get_transactional_link_metrics", MESSAGES,
                               "Get click counts per link of a transactional message."),
    "app:transactionalMessages": ("list_transactional_deliveries", MESSAGES,
                                  "List the messages sent from a transactional template."),
    # --- workspaces, collections ----------------------------------------------------------------------
    "app:listWorkspaces": ("list_workspaces", WORKSPACE, "List the workspaces the App API key can see."),
    "app:addCollection": ("create_collection", WORKSPACE, "Create a collection (a data table for messages)."),
    "app:getCollections": ("list_collections", WORKSPACE, "List the collections."),
    "app:getCollection": ("get_collection", WORKSPACE, "Get one collection's description."),
    "app:deleteCollection": ("delete_collection", WORKSPACE, "Delete a collection."),
    "app:updateCollection": ("update_collection", WORKSPACE, "Rename a collection or replace its data."),
    "app:getCollectionContents": ("get_collection_contents", WORKSPACE, "Get the rows of a collection."),
    "app:updateCollectionContents": ("update_collection_contents", WORKSPACE, "Replace the rows of a collection."),
    # --- people (App API) -------------------------------------------------------------------------------
    "app:getPeopleEmail": ("find_people_by_email", PEOPLE, "Find the people with an email address."),
    "app:getPeopleFilter": ("search_people", PEOPLE, "Find people matching a filter (segments, attributes)."),
    "app:getPersonAttributes": ("get_person_attributes", PEOPLE, "Get a person's attributes and devices."),
    "app:getPersonRelationships": ("list_person_relationships", PEOPLE, "List the objects a person relates to."),
    "app:getPeopleById": ("get_people_attributes", PEOPLE, "Get the attributes of up to 100 people at once."),
    "app:getPersonSegments": ("list_person_segments", PEOPLE, "List the segments a person belongs to."),
    "app:getPersonMessages": ("list_person_messages", PEOPLE, "List the messages sent to a person."),
    "app:getPersonActivities": ("list_person_activities", PEOPLE, "List a person's recent activity."),
    "app:getPersonSubscriptionPreferences": ("get_person_subscription_preferences", PEOPLE,
                                             "Get a person's subscription topic choices."),
    "app:listActivities": ("list_activities", PEOPLE, "List recent activity across the workspace."),
}

#: Writes that cannot be taken back, or that reach people: policy treats them as destructive.
DESTRUCTIVE = frozenset({
    "suppress_customer", "unsubscribe_delivery", "merge_customers", "send_entity_operation", "send_entity_batch",
    "trigger_broadcast", "send_email", "send_push", "send_sms", "add_email_suppression",
})

#: Operations whose spec alternatives may be combined: a template plus the content that overrides it.
COMBINABLE = frozenset({"send_email", "send_push", "send_sms"})

#: POST operations that only read (searches with a filter body).
READS = frozenset({"search_people", "search_objects", "get_people_attributes"})

#: Lua names for wire names that are not good Lua (or Python) names, by wire name.
RENAMES = {"from": "from_address", "schema": "columns", "_timestamp": "timestamp", "_update": "update_only",
           "end": "end_time", "import": "import_settings"}

#: Sample values by field name, taken from the sample workspace where it has them.
SAMPLES: dict[str, Any] = {
    "id": "user-1001", "email": "ada@example.com", "cio_id": "03000001", "customer_id": "user-1001",
    "campaign_id": 42, "segment_id": 1, "newsletter_id": 7, "broadcast_id": 61, "action_id": 101,
    "trigger_id": 1, "content_id": 307, "test_group_id": "A", "language": "fr", "transactional_id": 11,
    "transactional_message_id": 11, "message_id": "RPILAgABcRhIBqSp7kiPekGBIeVh",
    "delivery_id": "RPILAgABcRhIBqSp7kiPekGBIeVh",
    "export_id": 1, "import_id": 1, "webhook_id": 1, "sender_id": 1, "collection_id": 1,
    "object_type_id": "1", "object_id": "acme", "snippet_name": "footer", "form_id": "contact",
    "device_id": "device-token-1", "email_address": "ada@example.com", "suppression_type": "bounces",
    "name": "signed_up", "user_id": "user-1001", "anonymous_id": "anon-42", "previous_id": "anon-42",
    "group_id": "acme", "event": "signed_up", "version": "2", "ids": ["user-1001", "user-1002"],
    "to": "ada@example.com", "identifiers": {"id": "user-1001"}, "metric": "opened",
    "url": "https://example.com/",
    "endpoint": "https://example.com/hooks/customerio", "value": "Thanks for reading.",
    "data_file_url": "https://example.com/audience.json", "emails": ["ada@example.com"],
}

#: Example params where the samples above do not make a call the spec accepts.
EXAMPLES: dict[str, dict[str, Any]] = {
    "add_device": {"device": {"id": "fcm-token-3f9a", "platform": "android"}},
    "submit_form": {"data": {"email": "ada@example.com", "message": "Please call me back."}},
    "merge_customers": {"primary": {"id": "user-1001"}, "secondary": {"id": "user-1002"}},
    "report_delivery_metric": {"metric": "spammed"},
    "send_pipelines_batch": {"batch": [{"type": "track", "userId": "user-1001", "event": "Order Completed"},
                                       {"type": "identify", "userId": "user-1001", "traits": {"plan": "pro"}}]},
    "send_entity_operation": {"type": "person", "action": "identify", "identifiers": {"id": "user-1001"},
                              "attributes": {"plan": "premium"}},
    "send_entity_batch": {"batch": [{"type": "person", "action": "event", "identifiers": {"id": "user-1001"},
                                     "name": "signed_up"}]},
    "track_user_event": {"user_id": "user-1001", "properties": {"plan": "premium"}},
    "group_user": {"user_id": "user-1001", "group_id": "acme", "traits": {"object_type_id": "1"}},
    "send_push": {"to": "all"},
    "update_campaign_action": {"body": "<p>Hello {{customer.first_name}}</p>", "subject": "Hello",
                               "type": "email"},
    "export_customers": {"filters": {"segment": {"id": 1}}},
    "create_import": {"import_settings": {"name": "Spring signups", "data_file_url": "https://example.com/people.csv",
                                          "type": "people", "identifier": "id"}},
    "search_objects": {"filter": {"and": [{"object_attribute": {"field": "plan", "operator": "eq",
                                                                "value": "premium", "type_id": "1"}}]}},
    "search_people": {"filter": {"segment": {"id": 1}}},
    "update_collection": {"url": "https://example.com/products.json"},
    # Segment 4 is the sample workspace's manual segment; only manual ones take changes.
    "add_customers_to_segment": {"segment_id": 4},
    "remove_customers_from_segment": {"segment_id": 4},
    "trigger_broadcast": {"recipients": None, "ids": ["user-1001", "user-1002"], "data": {"headline": "Spring sale"}},
}
for _name in ("update_campaign_action_translation", "update_broadcast_action", "update_broadcast_action_translation"):
    EXAMPLES[_name] = EXAMPLES["update_campaign_action"]
