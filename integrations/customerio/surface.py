"""Hand-written inputs for the operations Customer.io offers beyond our App spec snapshot.

Our ``app.json`` is an older snapshot (113 App operations); Customer.io's current App API has more
(asset files and folders, design studio components, emails and folders, newsletter creation and
sending, ...). Their facts (method, path, parameter names, required body fields, content type) come
from ``current-operations.json`` in ``../shared/customerio-openapi``; the transactional sends that
only the official SDKs document (``in_app``, ``whatsapp``) are in ``SDK_SENDS`` below, with their
fields as the SDKs declare them. ``specgen`` reads both and generates one Operation each.

Where only a body's required field names are known, the function takes those and passes any other
fields as given (its page says so); types are declared only where a source gives them.
"""

from __future__ import annotations

from typing import Any

from integrations.customerio.naming import DESIGN, MESSAGES, NEWSLETTERS, PEOPLE, WORKSPACE

#: key ``app:<operationId>`` -> (Lua name, area, one-line summary), in our words.
NAMES: dict[str, tuple[str, str, str]] = {
    # --- asset library (files and folders) -----------------------------------------------------------
    "app:listAssets": ("list_assets", DESIGN, "List the files of the asset library (images, documents)."),
    "app:createAsset": ("upload_asset", DESIGN, "Upload a file (an image, a PDF...) to the asset library."),
    "app:getAsset": ("get_asset", DESIGN, "Get one file of the asset library."),
    "app:updateAsset": ("update_asset", DESIGN, "Rename a library file or move it to another folder."),
    "app:deleteAsset": ("delete_asset", DESIGN, "Delete a file from the asset library."),
    "app:listAssetFolders": ("list_asset_folders", DESIGN, "List the folders of the asset library."),
    "app:createAssetFolder": ("create_asset_folder", DESIGN, "Create a folder in the asset library."),
    "app:getAssetFolder": ("get_asset_folder", DESIGN, "Get one folder of the asset library."),
    "app:updateAssetFolder": ("update_asset_folder", DESIGN, "Rename or move a folder of the asset library."),
    "app:deleteAssetFolder": ("delete_asset_folder", DESIGN, "Delete a folder of the asset library."),
    # --- design studio ------------------------------------------------------------------------------
    "app:listComponents": ("list_design_components", DESIGN, "List the reusable design studio components."),
    "app:createComponent": ("create_design_component", DESIGN,
                            "Create a reusable design studio component (a custom tag with its markup)."),
    "app:getComponent": ("get_design_component", DESIGN, "Get one design studio component."),
    "app:updateComponent": ("update_design_component", DESIGN, "Change a design studio component."),
    "app:deleteComponent": ("delete_design_component", DESIGN, "Delete a design studio component."),
    "app:listEmails": ("list_design_emails", DESIGN, "List the emails drafted in the design studio."),
    "app:createEmail": ("create_design_email", DESIGN, "Draft a new email in the design studio."),
    "app:getEmail": ("get_design_email", DESIGN, "Get one design studio email."),
    "app:updateEmail": ("update_design_email", DESIGN, "Change a design studio email."),
    "app:deleteEmail": ("delete_design_email", DESIGN, "Delete a design studio email."),
    "app:listEmailTranslations": ("list_design_email_translations", DESIGN,
                                  "List the language versions of a design studio email."),
    "app:createEmailTranslation": ("create_design_email_translation", DESIGN,
                                   "Add a language version to a design studio email."),
    "app:getEmailTranslation": ("get_design_email_translation", DESIGN,
                                "Get one language version of a design studio email."),
    "app:updateEmailTranslation": ("update_design_email_translation", DESIGN,
                                   "Change one language version of a design studio email."),
    "app:deleteEmailTranslation": ("delete_design_email_translation", DESIGN,
                                   "Remove one language version of a design studio email."),
    "app:listFolders": ("list_design_folders", DESIGN, "List the folders of the design studio."),
    "app:createFolder": ("create_design_folder", DESIGN, "Create a folder in the design studio."),
    "app:getFolder": ("get_design_folder", DESIGN, "Get one folder of the design studio."),
    "app:updateFolder": ("update_design_folder", DESIGN, "Rename or move a design studio folder."),
    "app:deleteFolder": ("delete_design_folder", DESIGN, "Delete a design studio folder."),
    # --- newsletters ------------------------------------------------------------------------------------
    "app:createNewsletter": ("create_newsletter", NEWSLETTERS, "Create a newsletter (a draft until it is sent)."),
    "app:sendNewsletter": ("send_newsletter", NEWSLETTERS, "Send a newsletter to its audience now."),
    "app:scheduleNewsletter": ("schedule_newsletter", NEWSLETTERS,
                               "Schedule a newsletter to be sent to its audience later."),
    "app:createNewsletterLanguageVariant": ("create_newsletter_translation", NEWSLETTERS,
                                            "Add a language version to a newsletter."),
    "app:deleteNewsletterLanguageVariant": ("delete_newsletter_translation", NEWSLETTERS,
                                            "Remove a language version from a newsletter."),
    "app:createNewsletterTestGroup": ("create_newsletter_test_group", NEWSLETTERS,
                                      "Add an A/B test group to a newsletter."),
    "app:createNewsletterTestLanguageVariant": ("create_newsletter_test_translation", NEWSLETTERS,
                                                "Add a language version to a newsletter's test group."),
    "app:deleteNewsletterTestLanguageVariant": ("delete_newsletter_test_translation", NEWSLETTERS,
                                                "Remove a language version from a newsletter's test group."),
    # --- workspace, people, messages ----------------------------------------------------------------------
    "app:createSnippet": ("create_snippet", WORKSPACE, "Create a reusable content snippet."),
    "app:getChannels": ("list_subscription_channels", WORKSPACE,
                        "List the subscription channels (email, SMS, push...) people can opt out of."),
    "app:getSubscriptionCenterToken": ("get_subscription_center_token", PEOPLE,
                                       "Get the token that opens a person's subscription centre."),
    "app:getDomainSuppressionsByType": ("list_domain_email_suppressions", PEOPLE,
                                        "List the addresses of one sending domain suppressed for a reason."),
    "app:updateAttributeMetadata": ("describe_attributes", WORKSPACE,
                                    "Describe people attributes in the data index (display name, type...)."),
    "app:updateEventMetadata": ("describe_events", WORKSPACE,
                                "Describe events in the data index (display name, description...)."),
    "app:sendInboxMessage": ("send_inbox_message", MESSAGES, "Send a transactional inbox message to a person."),
    "app:sendInApp": ("send_in_app_message", MESSAGES, "Send a transactional in-app message to a person."),
    "app:sendWhatsapp": ("send_whatsapp", MESSAGES, "Send a transactional WhatsApp message to a person."),
}

#: Operations that reach people (policy treats them as the other sends: destructive).
SENDS = frozenset({"send_newsletter", "schedule_newsletter", "send_inbox_message", "send_in_app_message",
                   "send_whatsapp"})

#: Query parameter types by name, where the name says it (others are text).
QUERY_TYPES = {"page": "int", "limit": "int", "direct_descendants_only": "bool", "is_template": "bool",
               "has_translations": "bool", "is_linked": "bool", "parent_folder_id": "int | str",
               "sort_order": "Literal['asc', 'desc']", "get_tracked_responses": "bool"}

_TIME = "int | str"
#: Query parameter types by name, where the name says it (others are text).
QUERY_TYPES.update({"created_before": _TIME, "created_after": _TIME, "updated_before": _TIME,
                    "updated_after": _TIME})

#: What each query parameter of these operations means.
QUERY_TEXT = {
    "page": "Which page of results to get, counting from 1.",
    "limit": "How many results per page.",
    "parent_folder_id": "Only items in this folder (its id).",
    "direct_descendants_only": "With `parent_folder_id`: only items directly in that folder, not in its subfolders.",
    "sort_by": "The field to sort by, such as name, created_at or updated_at.",
    "sort_order": "The sort direction: asc or desc.",
    "created_before": "Only items created before this time (unix seconds).",
    "created_after": "Only items created after this time (unix seconds).",
    "updated_before": "Only items last changed before this time (unix seconds).",
    "updated_after": "Only items last changed after this time (unix seconds).",
    "tag": "Only the component with this custom tag.",
    "is_template": "true: only emails saved as templates; false: only the others.",
    "has_translations": "true: only emails with language versions; false: only those without.",
    "is_linked": "true: only emails linked to a campaign or newsletter message; false: only the others.",
    "start": "The `next` value of the previous page, to get the page after it.",
    "email": "Only this email address.",
    "domain": "Only addresses suppressed for this sending domain, such as mail.example.com.",
    "get_tracked_responses": "Whether each message includes its tracked responses (clicks, replies).",
}

#: Known body fields by operation key: Lua name -> (annotation, description). Required ones are the
#: facts' required fields; these are the types we can state.
BODY_FIELDS: dict[str, dict[str, tuple[str, str]]] = {
    "app:createAssetFolder": {"name": ("str", "The folder's name.")},
    "app:createComponent": {"name": ("str", "The component's name, as listed in the design studio."),
                            "tag": ("str", "The custom tag that places the component in an email."),
                            "content": ("str", "The component's markup.")},
    "app:createEmail": {"name": ("str", "The email's name in the design studio.")},
    "app:createEmailTranslation": {"language": ("str", "The language code of the new version, such as fr.")},
    "app:createFolder": {"name": ("str", "The folder's name.")},
    "app:createSnippet": {"name": ("str", "The snippet's name, used as {{snippets.NAME}} in messages."),
                          "value": ("str", "The snippet's content.")},
    "app:updateAttributeMetadata": {"attributes": ("list[dict[str, Any]]",
                                                   "The attributes to describe, one table each.")},
    "app:updateEventMetadata": {"events": ("list[dict[str, Any]]", "The events to describe, one table each.")},
}

_SEND_COMMON: dict[str, tuple[str, str]] = {
    "identifiers": ("dict[str, Any]", "Who receives it: a table with exactly one of `id`, `email` or `cio_id`."),
    "transactional_message_id": ("int | str", "The transactional message (template) to send: its id or "
                                 "its trigger name."),
    "message_data": ("dict[str, Any]", "Values the template's Liquid reads as {{trigger.KEY}}."),
    "disable_message_retention": ("bool", "Whether to keep the message body out of the message archive."),
    "queue_draft": ("bool", "Whether to queue the message as a draft to review instead of sending it."),
    "send_at": ("UnixTime", "When to send it: unix seconds or an ISO-8601 date-time (at most 90 days ahead)."),
    "language": ("str", "Which language version of the template to send, such as fr."),
}

#: The sends only the official SDKs document: path -> (key, required fields, fields).
SDK_SENDS: dict[str, tuple[str, tuple[str, ...], dict[str, tuple[str, str]]]] = {
    "/v1/send/inbox_message": ("app:sendInboxMessage", ("identifiers", "transactional_message_id"), _SEND_COMMON),
    "/v1/send/in_app": ("app:sendInApp", ("identifiers", "transactional_message_id"), _SEND_COMMON),
    "/v1/send/whatsapp": ("app:sendWhatsapp", ("identifiers", "transactional_message_id"), {
        **_SEND_COMMON,
        "to": ("str", "The phone number to send to (E.164, such as +15555550100); default: the person's."),
        "send_to_unsubscribed": ("bool", "Whether to send to a person who has unsubscribed."),
        "tracked": ("bool", "Whether to track the message's delivery and reads."),
        "attachments": ("dict[str, Any]", "Files to attach: a table of file name to base64 content."),
    }),
}

#: Example params where generated samples do not make a call the emulator's workspace accepts.
EXAMPLES: dict[str, dict[str, Any]] = {
    "create_design_component": {"name": "Footer", "tag": "x-footer", "content": "<p>See you soon.</p>"},
    "create_design_email": {"name": "Spring sale"},
    "create_design_email_translation": {"id": 1, "language": "es", "subject": "Bienvenido"},
    "create_asset_folder": {"name": "Logos"},
    "create_design_folder": {"name": "Campaign drafts"},
    "create_snippet": {"name": "signature", "value": "The team at Example"},
    "describe_attributes": {"attributes": [{"name": "plan", "display_name": "Plan", "type": "string"}]},
    "describe_events": {"events": [{"name": "signed_up", "display_name": "Signed up"}]},
    "create_newsletter": {"name": "April Product Update", "recipient_segment_ids": [1]},
    # Newsletter 9 is the sample workspace's draft; 7 has already been sent.
    "send_newsletter": {"newsletter_id": 9},
    "schedule_newsletter": {"newsletter_id": 9, "send_at": 1767261600},
    "create_newsletter_translation": {"newsletter_id": 7, "language": "es", "subject": "Novedades de enero"},
    "create_newsletter_test_translation": {"newsletter_id": 7, "test_group_id": "A", "language": "es"},
    "create_newsletter_test_group": {"newsletter_id": 7, "name": "Subject line B"},
    "list_domain_email_suppressions": {"domain_name": "example.com", "suppression_type": "bounces"},
    "update_asset": {"id": 1, "name": "logo-2024.png"},
    "update_asset_folder": {"id": 1, "name": "Brand assets"},
    "update_design_component": {"id": 1, "content": "<p>Acme Inc, 2 Main St.</p>"},
    "update_design_email": {"id": 1, "name": "Welcome email (v2)"},
    "update_design_email_translation": {"id": 1, "language": "fr", "subject": "Bienvenue !"},
    "update_design_folder": {"id": 1, "name": "Newsletter drafts"},
}
