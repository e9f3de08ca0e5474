---@meta
-- Generated from the customerio declarations by `python -m bridge.docgen`. Do not edit by hand.

---@class customerio.AddCustomersToSegmentParams
---@field segment_id integer Which manual segment: its number (or its digits as text), as `list_segments` returns it
---@field ids? string[] The people to add or remove, by what `id_type` says (at most 1000)
---@field customer_ids? string[] The same list as `ids`, under the seed's name (at most 1000)
---@field id_type? "id"|"email"|"cio_id" What the ids hold: "id" (default), "email" or "cio_id"

---@class customerio.AddCustomersToSegmentResult: table<string, any>
---`success` (true), `segment_id`, `customer_count`, `id_type` and `message`.

---@class customerio.AddDeviceParams
---@field id string The person, by your id for them.
---@field device table<string, any> The device: a table with `token` (from the push service), `platform` ("ios" or "android") and optional `last_used` and `attributes`.

---@class customerio.AddDeviceResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.AddEmailSuppressionParams
---@field suppression_type "bounces"|"spam_reports" Which suppression list: "bounces", "blocks", "spam_reports" or "invalid_emails".
---@field email_address string The email address the suppression list entry is about.

---@class customerio.AddEmailSuppressionResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.AliasUserParams
---@field previous_id string The id the person had before: usually their anonymous id.
---@field user_id string Your id of the person the call is about.

---@class customerio.AliasUserResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.CreateAssetFolderParams
---@field name string The folder's name.

---@class customerio.CreateAssetFolderResult: table<string, any>
---A table with `folder` (a table with `id`, `name`, `created_at` and `updated_at`).

---@class customerio.CreateCollectionParams
---@field name string The collection's name; Liquid reads its rows as {{collection.<name>}}.
---@field data? table<string, any>[] The rows of the collection: a list of tables of column = value.
---@field url? string The https address of a JSON file whose rows replace the collection's data.

---@class customerio.CreateCollectionResult: table<string, any>
---A table with `collection` (a table with `bytes`, `created_at`, `updated_at`, `id`, `name`, `rows` and `schema`).

---@class customerio.CreateDesignComponentParams
---@field name string The component's name, as listed in the design studio.
---@field tag string The custom tag that places the component in an email.
---@field content string The component's markup.

---@class customerio.CreateDesignComponentResult: table<string, any>
---A table with `component` (a table with `id`, `name`, `tag`, `content`, `created_at` and `updated_at`).

---@class customerio.CreateDesignEmailParams
---@field name string The email's name in the design studio.

---@class customerio.CreateDesignEmailResult: table<string, any>
---A table with `email` (a table with `id`, `name`, `subject`, `parent_folder_id`, `translations`, `created_at` and `updated_at`).

---@class customerio.CreateDesignEmailTranslationParams
---@field id integer|string The design studio email's id.
---@field language string The language code of the new version, such as fr.

---@class customerio.CreateDesignEmailTranslationResult: table<string, any>
---A table with `translation` (a table with `language`, `subject` and `updated_at`).

---@class customerio.CreateDesignFolderParams
---@field name string The folder's name.

---@class customerio.CreateDesignFolderResult: table<string, any>
---A table with `folder` (a table with `id`, `name`, `created_at` and `updated_at`).

---@class customerio.CreateImportParams
---@field import_settings table<string, any> What to import: a table with `name`, `data_file_url` (a CSV at an https address), `type` (people, events, objects or relationships) and `identifier`.

---@class customerio.CreateImportResult: table<string, any>
---A table with `import` (a table with `id`, `created_at`, `updated_at`, `name`, `description`, `rows_to_import`, `rows_imported`, `state` and ...).

---@class customerio.CreateNewsletterParams

---@class customerio.CreateNewsletterResult: table<string, any>
---A table with `newsletter` (a table with `id`, `name`, `type`, `state`, `tags`, `content_ids`, `recipient_segment_ids`, `created` and `updated`).

---@class customerio.CreateNewsletterTestGroupParams
---@field newsletter_id integer The newsletter's id (as list_newsletters gives it).

---@class customerio.CreateNewsletterTestGroupResult: table<string, any>
---A table with `test_group` (a table with `id`, `name` and `newsletter_id`).

---@class customerio.CreateNewsletterTestTranslationParams
---@field newsletter_id integer The newsletter's id (as list_newsletters gives it).
---@field test_group_id string The test group's id (as list_newsletter_test_groups gives it).

---@class customerio.CreateNewsletterTestTranslationResult: table<string, any>
---A table with `content` (a table with `language` and `updated`).

---@class customerio.CreateNewsletterTranslationParams
---@field newsletter_id integer The newsletter's id (as list_newsletters gives it).

---@class customerio.CreateNewsletterTranslationResult: table<string, any>
---A table with `content` (a table with `language`, `subject` and `updated`).

---@class customerio.CreateOrUpdateCustomerParams
---@field customer_id string The unique identifier of the customer
---@field email? string The customer's email address
---@field created_at? integer|string When the customer was created in your system: unix seconds or an ISO-8601 date-time
---@field attributes? table<string, any> Custom attributes (name, plan, company, ...)

---@class customerio.CreateOrUpdateCustomerResult: table<string, any>
---`success` (true), `customer_id`, `email` and `message`.

---@class customerio.CreateReportingWebhookParams
---@field name string A name for the webhook, shown in the workspace settings.
---@field id? integer Read-only: the reporting webhook's id as Customer.io returns it; leave it out.
---@field endpoint string The https address Customer.io posts the events to.
---@field disabled? boolean true to stop sending events to the webhook without deleting it.
---@field full_resolution? boolean true to report every event, false to report only the first open and click of each message.
---@field with_content? boolean true to include the message's content in each event.
---@field events ("customer_subscribed"|"customer_unsubscribed"|"customer_subscription_preferences_changed"|"email_drafted"|"email_attempted"|"email_sent"|"email_delivered"|"email_opened"|"email_clicked"|"email_converted"|"email_bounced"|"email_dropped"|"email_deferred"|"email_spammed"|"email_failed"|"email_unsubscribed"|"email_undeliverable"|"push_drafted"|"push_attempted"|"push_sent"|"push_delivered"|"push_opened"|"push_clicked"|"push_converted"|"push_bounced"|"push_dropped"|"push_failed"|"push_undeliverable"|"slack_drafted"|"slack_attempted"|"slack_sent"|"slack_clicked"|"slack_converted"|"slack_failed"|"sms_drafted"|"sms_attempted"|"sms_sent"|"sms_delivered"|"sms_clicked"|"sms_converted"|"sms_bounced"|"sms_failed"|"sms_undeliverable"|"webhook_drafted"|"webhook_attempted"|"webhook_sent"|"webhook_clicked"|"webhook_converted"|"webhook_failed"|"webhook_undeliverable")[] The message events the webhook reports, such as email_opened or sms_delivered.

---@class customerio.CreateReportingWebhookResult: table<string, any>
---A table with `name`, `id`, `endpoint`, `disabled`, `full_resolution`, `with_content` and `events` (an array of values).

---@class customerio.CreateSegmentParams
---@field segment table<string, any> The new segment: a table with `name` (required), `description` and `tags`.

---@class customerio.CreateSegmentResult: table<string, any>
---A table with `segment` (a table with `id`, `deduplicate_id`, `name`, `description`, `state`, `progress`, `type` and `tags`).

---@class customerio.CreateSnippetParams
---@field name string The snippet's name, used as {{snippets.NAME}} in messages.
---@field value string The snippet's content.

---@class customerio.CreateSnippetResult: table<string, any>
---A table with `snippet` (a table with `name`, `value` and `updated_at`).

---@class customerio.DeleteAssetParams
---@field id integer|string The library file's id.

---@class customerio.DeleteAssetResult: table<string, any>
---What Customer.io answered, as a table.

---@class customerio.DeleteAssetFolderParams
---@field id integer|string The asset folder's id.

---@class customerio.DeleteAssetFolderResult: table<string, any>
---What Customer.io answered, as a table.

---@class customerio.DeleteCollectionParams
---@field id integer Which collection: its id, as `list_collections` returns it.

---@class customerio.DeleteCollectionResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.DeleteCustomerParams
---@field id string The person, by your id for them.

---@class customerio.DeleteCustomerResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.DeleteDesignComponentParams
---@field id integer|string The design studio component's id.

---@class customerio.DeleteDesignComponentResult: table<string, any>
---What Customer.io answered, as a table.

---@class customerio.DeleteDesignEmailParams
---@field id integer|string The design studio email's id.

---@class customerio.DeleteDesignEmailResult: table<string, any>
---What Customer.io answered, as a table.

---@class customerio.DeleteDesignEmailTranslationParams
---@field id integer|string The design studio email's id.
---@field language string The language code of the version, such as fr or pt-BR.

---@class customerio.DeleteDesignEmailTranslationResult: table<string, any>
---What Customer.io answered, as a table.

---@class customerio.DeleteDesignFolderParams
---@field id integer|string The design studio folder's id.

---@class customerio.DeleteDesignFolderResult: table<string, any>
---What Customer.io answered, as a table.

---@class customerio.DeleteDeviceParams
---@field id string The person, by your id for them.
---@field device_id string The device's token, as the push service (APNs or FCM) issued it; not the person's id.

---@class customerio.DeleteDeviceResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.DeleteNewsletterParams
---@field id integer Which newsletter: its id, as `list_newsletters` returns it.

---@class customerio.DeleteNewsletterResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.DeleteNewsletterTestTranslationParams
---@field newsletter_id integer The newsletter's id (as list_newsletters gives it).
---@field test_group_id string The test group's id (as list_newsletter_test_groups gives it).
---@field language string The language code of the version, such as fr or pt-BR.

---@class customerio.DeleteNewsletterTestTranslationResult: table<string, any>
---What Customer.io answered, as a table.

---@class customerio.DeleteNewsletterTranslationParams
---@field newsletter_id integer The newsletter's id (as list_newsletters gives it).
---@field language string The language code of the version, such as fr or pt-BR.

---@class customerio.DeleteNewsletterTranslationResult: table<string, any>
---What Customer.io answered, as a table.

---@class customerio.DeleteReportingWebhookParams
---@field id integer Which reporting webhook: its id, as `list_reporting_webhooks` returns it.

---@class customerio.DeleteReportingWebhookResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.DeleteSegmentParams
---@field id integer Which segment: its id, as `list_segments` returns it.

---@class customerio.DeleteSegmentResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.DeleteSnippetParams
---@field snippet_name string The snippet to delete, by its name (`list_snippets` lists them).

---@class customerio.DeleteSnippetResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.DescribeAttributesParams
---@field attributes table<string, any>[] The attributes to describe, one table each.

---@class customerio.DescribeAttributesResult: table<string, any>
---What Customer.io answered, as a table.

---@class customerio.DescribeEventsParams
---@field events table<string, any>[] The events to describe, one table each.

---@class customerio.DescribeEventsResult: table<string, any>
---What Customer.io answered, as a table.

---@class customerio.ExportCustomersParams
---@field filters table<string, any> Which people to export: a filter like `search_people`'s (see its page).

---@class customerio.ExportCustomersResult: table<string, any>
---A table with `export` (a table with `id`, `user_id`, `user_email`, `total`, `deduplicate_id`, `type`, `failed`, `description` and ...).

---@class customerio.ExportDeliveriesParams
---@field newsletter_id? integer Which newsletter: its number, as `list_newsletters` returns it.
---@field start? integer The page cursor: the `next` value of the previous page, to get the page after it.
---@field end_time? integer|string The end of the reporting window.
---@field attributes? string[] Person attributes to add as columns of the export, by name.
---@field metric? "created"|"attempted"|"sent"|"delivered"|"opened"|"clicked"|"converted"|"bounced"|"spammed"|"unsubscribed"|"dropped"|"failed"|"undeliverable" Only messages that reached this stage (sent, opened, clicked, bounced...).
---@field drafts? boolean true to list only drafts (messages not yet sent), false for sent messages only.
---@field campaign_id? integer Which campaign: its number, as `list_campaigns` returns it.
---@field transactional_message_id? integer The transactional message template to send, by its number or its trigger name. Leave it out to send content given entirely in this call.
---@field action_id? integer Which step (action) of the workflow: its number, as the list of actions returns it.

---@class customerio.ExportDeliveriesResult: table<string, any>
---A table with `export` (a table with `id`, `user_id`, `user_email`, `total`, `deduplicate_id`, `type`, `failed`, `description` and ...).

---@class customerio.FindPeopleByEmailParams
---@field email string The email address to look up; every person with exactly this address is returned.

---@class customerio.FindPeopleByEmailResult: table<string, any>
---A table with `results` (an array of tables, each with `email`, `id` and `cio_id`).

---@class customerio.GetArchivedMessageParams
---@field message_id string Which message (delivery): its id, as `list_messages` or a send call returned it.

---@class customerio.GetArchivedMessageResult: table<string, any>
---A table with `archived_message` (a table with `id`, `body`, `from`, `reply_to`, `recipient`, `subject`, `bcc`, `fake_bcc` and ...).

---@class customerio.GetAssetParams
---@field id integer|string The library file's id.

---@class customerio.GetAssetResult: table<string, any>
---A table with `asset` (a table with `id`, `name`, `url`, `content_type`, `size`, `parent_folder_id`, `created_at` and `updated_at`).

---@class customerio.GetAssetFolderParams
---@field id integer|string The asset folder's id.

---@class customerio.GetAssetFolderResult: table<string, any>
---A table with `folder` (a table with `id`, `name`, `created_at` and `updated_at`).

---@class customerio.GetBroadcastParams
---@field id integer Which broadcast: its id, as `list_broadcasts` returns it.

---@class customerio.GetBroadcastResult: table<string, any>
---A table with `broadcast` (a table with `id`, `deduplicate_id`, `name`, `type`, `created`, `updated`, `active`, `state` and ...).

---@class customerio.GetBroadcastActionParams
---@field broadcast_id integer Which broadcast (an API-triggered campaign): its number, as `list_broadcasts` returns it.
---@field action_id integer Which step (action) of the workflow: its number, as the list of actions returns it.

---@class customerio.GetBroadcastActionResult: table<string, any>
---A table with `action` (a table with `id`, `broadcast_id`, `deduplicate_id`, `name`, `layout`, `created`, `updated`, `body` and ...).

---@class customerio.GetBroadcastActionLinkMetricsParams
---@field broadcast_id integer Which broadcast (an API-triggered campaign): its number, as `list_broadcasts` returns it.
---@field action_id integer Which step (action) of the workflow: its number, as the list of actions returns it.
---@field period? "hours"|"days"|"weeks"|"months" The length of each reporting interval: hours, days, weeks or months.
---@field steps? integer How many intervals of `period` to report, counting back from now.
---@field type? "email"|"webhook"|"twilio"|"slack"|"push"|"in_app" Only this channel of message: email, push, webhook, SMS (twilio), Slack or in-app.

---@class customerio.GetBroadcastActionLinkMetricsResult: table<string, any>
---A table with `links` (an array of tables, each with `link` and `metric`).

---@class customerio.GetBroadcastActionMetricsParams
---@field broadcast_id integer Which broadcast (an API-triggered campaign): its number, as `list_broadcasts` returns it.
---@field action_id integer Which step (action) of the workflow: its number, as the list of actions returns it.
---@field period? "hours"|"days"|"weeks"|"months" The length of each reporting interval: hours, days, weeks or months.
---@field steps? integer How many intervals of `period` to report, counting back from now.
---@field type? "email"|"webhook"|"twilio"|"slack"|"push"|"in_app" Only this channel of message: email, push, webhook, SMS (twilio), Slack or in-app.

---@class customerio.GetBroadcastActionMetricsResult: table<string, any>
---A table with `metric` (a table with `series`: each metric name (sent, delivered, opened, clicked, converted, bounced, ...) maps to an array of counts, one per interval, oldest first).

---@class customerio.GetBroadcastActionTranslationParams
---@field broadcast_id integer Which broadcast (an API-triggered campaign): its number, as `list_broadcasts` returns it.
---@field action_id integer Which step (action) of the workflow: its number, as the list of actions returns it.
---@field language string A language code such as fr or pt-BR, choosing that translation of the message.

---@class customerio.GetBroadcastActionTranslationResult: table<string, any>
---A table with `action` (a table with `id`, `broadcast_id`, `deduplicate_id`, `name`, `layout`, `created`, `updated`, `body` and ...).

---@class customerio.GetBroadcastLinkMetricsParams
---@field broadcast_id integer Which broadcast (an API-triggered campaign): its number, as `list_broadcasts` returns it.
---@field period? "hours"|"days"|"weeks"|"months" The length of each reporting interval: hours, days, weeks or months.
---@field steps? integer How many intervals of `period` to report, counting back from now.
---@field unique? boolean true to count each person's clicks once, false to count every click.

---@class customerio.GetBroadcastLinkMetricsResult: table<string, any>
---A table with `links` (an array of tables, each with `link` and `metric`).

---@class customerio.GetBroadcastMetricsParams
---@field broadcast_id integer Which broadcast (an API-triggered campaign): its number, as `list_broadcasts` returns it.
---@field period? "hours"|"days"|"weeks"|"months" The length of each reporting interval: hours, days, weeks or months.
---@field steps? integer How many intervals of `period` to report, counting back from now.
---@field type? "email"|"webhook"|"twilio"|"slack"|"push"|"in_app" Only this channel of message: email, push, webhook, SMS (twilio), Slack or in-app.

---@class customerio.GetBroadcastMetricsResult: table<string, any>
---A table with `metric` (a table with `series`: each metric name (sent, delivered, opened, clicked, converted, bounced, ...) maps to an array of counts, one per interval, oldest first).

---@class customerio.GetBroadcastTriggerParams
---@field broadcast_id integer Which broadcast (an API-triggered campaign): its number, as `list_broadcasts` returns it.
---@field trigger_id integer Which trigger of the broadcast: the `id` that `trigger_broadcast` returned.

---@class customerio.GetBroadcastTriggerResult: table<string, any>
---A table with `id`, `broadcast_id`, `created_at` and `processed_at`.

---@class customerio.GetCampaignParams
---@field id integer The campaign ID to retrieve

---@class customerio.GetCampaignResult: table<string, any>
---The campaign's fields at the top level: `id`, `name`, `active`, `state`, `actions`, `tags`, ...

---@class customerio.GetCampaignActionParams
---@field campaign_id integer Which campaign: its number, as `list_campaigns` returns it.
---@field action_id integer Which step (action) of the workflow: its number, as the list of actions returns it.

---@class customerio.GetCampaignActionResult: table<string, any>
---A table with `action` (a table with `id`, `campaign_id`, `parent_action_id`, `deduplicate_id`, `name`, `layout`, `created`, `updated` and ...).

---@class customerio.GetCampaignActionLinkMetricsParams
---@field campaign_id integer Which campaign: its number, as `list_campaigns` returns it.
---@field action_id integer Which step (action) of the workflow: its number, as the list of actions returns it.
---@field period? "hours"|"days"|"weeks"|"months" The length of each reporting interval: hours, days, weeks or months.
---@field steps? integer How many intervals of `period` to report, counting back from now.
---@field type? "email"|"webhook"|"twilio"|"slack"|"push"|"in_app" Only this channel of message: email, push, webhook, SMS (twilio), Slack or in-app.

---@class customerio.GetCampaignActionLinkMetricsResult: table<string, any>
---A table with `links` (an array of tables, each with `link` and `metric`).

---@class customerio.GetCampaignActionMetricsParams
---@field campaign_id integer Which campaign: its number, as `list_campaigns` returns it.
---@field action_id integer Which step (action) of the workflow: its number, as the list of actions returns it.
---@field version "1"|"2" The metrics format: "2" (the default) or the older "1".
---@field type? "email"|"webhook"|"twilio"|"slack"|"push"|"in_app" Only this channel of message: email, push, webhook, SMS (twilio), Slack or in-app.
---@field res? "hours"|"hourly"|"days"|"daily"|"weeks"|"weekly"|"months"|"monthly" The length of each reporting interval of the answer.
---@field tz? string The time zone the intervals are counted in, such as Europe/Paris (default UTC).
---@field start? integer The start of the reporting window, in Unix seconds.
---@field end_time? integer|string The end of the reporting window.
---@field period? "hours"|"days"|"weeks"|"months" The length of each reporting interval: hours, days, weeks or months.
---@field steps? integer How many intervals of `period` to report, counting back from now.

---@class customerio.GetCampaignActionMetricsResult: table<string, any>
---A table with `metric` (a table with `series`: each metric name (sent, delivered, opened, clicked, converted, bounced, ...) maps to an array of counts, one per interval, oldest first).

---@class customerio.GetCampaignActionTranslationParams
---@field campaign_id integer Which campaign: its number, as `list_campaigns` returns it.
---@field action_id integer Which step (action) of the workflow: its number, as the list of actions returns it.
---@field language string A language code such as fr or pt-BR, choosing that translation of the message.

---@class customerio.GetCampaignActionTranslationResult: table<string, any>
---A table with `action` (a table with `id`, `campaign_id`, `parent_action_id`, `deduplicate_id`, `name`, `layout`, `created`, `updated` and ...).

---@class customerio.GetCampaignJourneyMetricsParams
---@field campaign_id integer Which campaign: its number, as `list_campaigns` returns it.
---@field start integer The start of the reporting window, in Unix seconds.
---@field end_time integer|string The end of the reporting window.
---@field res "hours"|"hourly"|"days"|"daily"|"weeks"|"weekly"|"months"|"monthly" The length of each reporting interval of the answer.

---@class customerio.GetCampaignJourneyMetricsResult: table<string, any>
---A table with `journey_metric` (a table with `started`, `activated`, `exited_early`, `finished`, `converted`, `never_activated` and `messaged`).

---@class customerio.GetCampaignLinkMetricsParams
---@field campaign_id integer Which campaign: its number, as `list_campaigns` returns it.
---@field period? "hours"|"days"|"weeks"|"months" The length of each reporting interval: hours, days, weeks or months.
---@field steps? integer How many intervals of `period` to report, counting back from now.
---@field unique? boolean true to count each person's clicks once, false to count every click.

---@class customerio.GetCampaignLinkMetricsResult: table<string, any>
---A table with `links` (an array of tables, each with `link` and `metric`).

---@class customerio.GetCampaignMetricsParams
---@field campaign_id integer Which campaign: its number, as `list_campaigns` returns it.
---@field version? "1"|"2" The metrics format: "2" (the default) or the older "1"
---@field type? "email"|"webhook"|"twilio"|"slack"|"push"|"in_app" Only messages of this channel.
---@field res? "hours"|"hourly"|"days"|"daily"|"weeks"|"weekly"|"months"|"monthly" Metrics version 2: the length of each interval of the answer.
---@field tz? string Metrics version 2: the time zone the intervals are counted in, such as Europe/Paris.
---@field start? integer The start of the reporting window (metrics version 2), in Unix seconds.
---@field end_time? integer|string The end of the reporting window (metrics version 2).
---@field period? "hours"|"days"|"weeks"|"months" Metrics version 1: the length of each interval (hours, days, weeks or months).
---@field steps? integer Metrics version 1: how many intervals of `period` to report, counting back from now.

---@class customerio.GetCampaignMetricsResult: table<string, any>
---`metric`: a table with `series`, in which each metric name (sent, delivered, opened, clicked, converted, bounced, ...) maps to an array of counts, one per interval, oldest first (`result.metric.series.opened[1]`).

---@class customerio.GetCollectionParams
---@field id integer Which collection: its id, as `list_collections` returns it.

---@class customerio.GetCollectionResult: table<string, any>
---A table with `collection` (a table with `bytes`, `created_at`, `updated_at`, `id`, `name`, `rows` and `schema`).

---@class customerio.GetCollectionContentsParams
---@field collection_id integer Which collection: its number, as `list_collections` returns it.

---@class customerio.GetCollectionContentsResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.GetCurrentUserParams

---@class customerio.GetCurrentUserResult: table<string, any>
---`email`, `account` (the account name), `region`, `environment_id` and `track_url` (with Track credentials), `workspaces` (with an App API key).

---@class customerio.GetDesignComponentParams
---@field id integer|string The design studio component's id.

---@class customerio.GetDesignComponentResult: table<string, any>
---A table with `component` (a table with `id`, `name`, `tag`, `content`, `created_at` and `updated_at`).

---@class customerio.GetDesignEmailParams
---@field id integer|string The design studio email's id.

---@class customerio.GetDesignEmailResult: table<string, any>
---A table with `email` (a table with `id`, `name`, `subject`, `parent_folder_id`, `translations`, `created_at` and `updated_at`).

---@class customerio.GetDesignEmailTranslationParams
---@field id integer|string The design studio email's id.
---@field language string The language code of the version, such as fr or pt-BR.

---@class customerio.GetDesignEmailTranslationResult: table<string, any>
---A table with `translation` (a table with `language`, `subject` and `updated_at`).

---@class customerio.GetDesignFolderParams
---@field id integer|string The design studio folder's id.

---@class customerio.GetDesignFolderResult: table<string, any>
---A table with `folder` (a table with `id`, `name`, `created_at` and `updated_at`).

---@class customerio.GetEmailSuppressionParams
---@field email_address string The email address the suppression list entry is about.

---@class customerio.GetEmailSuppressionResult: table<string, any>
---A table with `category` and `suppressions` (an array of tables, each with `created`, `email`, `reason` and `status`).

---@class customerio.GetExportParams
---@field id integer Which export: its id, as `list_exports` returns it.

---@class customerio.GetExportResult: table<string, any>
---A table with `export` (a table with `id`, `user_id`, `user_email`, `total`, `deduplicate_id`, `type`, `failed`, `description` and ...).

---@class customerio.GetExportDownloadUrlParams
---@field export_id integer Which export: its number, as `list_exports` or the export call returned it.

---@class customerio.GetExportDownloadUrlResult: table<string, any>
---A table with `url`.

---@class customerio.GetImportParams
---@field id integer Which import: its id, as `create_import` returns it.

---@class customerio.GetImportResult: table<string, any>
---A table with `import` (a table with `id`, `created_at`, `updated_at`, `name`, `description`, `rows_to_import`, `rows_imported`, `state` and ...).

---@class customerio.GetMessageParams
---@field id string Which message: its id, as `list_messages` returns it.
---@field get_tracked_responses? boolean Whether each message includes its tracked responses (clicks, replies).

---@class customerio.GetMessageResult: table<string, any>
---A table with `message` (a table with `id`, `deduplicate_id`, `message_template_id`, `customer_id`, `customer_identifiers`, `recipient`, `subject`, `metrics` and ...).

---@class customerio.GetNewsletterParams
---@field id integer Which newsletter: its id, as `list_newsletters` returns it.

---@class customerio.GetNewsletterResult: table<string, any>
---A table with `newsletter` (a table with `id`, `deduplicate_id`, `content_ids`, `name`, `sent_at`, `created`, `updated`, `type` and ...).

---@class customerio.GetNewsletterContentParams
---@field newsletter_id integer Which newsletter: its number, as `list_newsletters` returns it.
---@field content_id integer Which content variant: its number, as the list of contents returns it.

---@class customerio.GetNewsletterContentResult: table<string, any>
---A table with `content` (a table with `id`, `newsletter_id`, `deduplicate_id`, `name`, `layout`, `body`, `body_amp`, `language` and ...).

---@class customerio.GetNewsletterContentLinkMetricsParams
---@field newsletter_id integer Which newsletter: its number, as `list_newsletters` returns it.
---@field content_id integer Which content variant: its number, as the list of contents returns it.
---@field period? "hours"|"days"|"weeks"|"months" The length of each reporting interval: hours, days, weeks or months.
---@field steps? integer How many intervals of `period` to report, counting back from now.
---@field type? "email"|"webhook"|"twilio"|"slack"|"push"|"in_app" Only this channel of message: email, push, webhook, SMS (twilio), Slack or in-app.

---@class customerio.GetNewsletterContentLinkMetricsResult: table<string, any>
---A table with `links` (an array of tables, each with `link` and `metric`).

---@class customerio.GetNewsletterContentMetricsParams
---@field newsletter_id integer Which newsletter: its number, as `list_newsletters` returns it.
---@field content_id integer Which content variant: its number, as the list of contents returns it.
---@field period? "hours"|"days"|"weeks"|"months" The length of each reporting interval: hours, days, weeks or months.
---@field steps? integer How many intervals of `period` to report, counting back from now.
---@field type? "email"|"webhook"|"twilio"|"slack"|"push"|"in_app" Only this channel of message: email, push, webhook, SMS (twilio), Slack or in-app.

---@class customerio.GetNewsletterContentMetricsResult: table<string, any>
---A table with `metric` (a table with `series`: each metric name (sent, delivered, opened, clicked, converted, bounced, ...) maps to an array of counts, one per interval, oldest first).

---@class customerio.GetNewsletterLinkMetricsParams
---@field newsletter_id integer Which newsletter: its number, as `list_newsletters` returns it.
---@field period? "hours"|"days"|"weeks"|"months" The length of each reporting interval: hours, days, weeks or months.
---@field steps? integer How many intervals of `period` to report, counting back from now.
---@field unique? boolean true to count each person's clicks once, false to count every click.

---@class customerio.GetNewsletterLinkMetricsResult: table<string, any>
---A table with `links` (an array of tables, each with `link` and `metric`).

---@class customerio.GetNewsletterMetricsParams
---@field newsletter_id integer Which newsletter: its number, as `list_newsletters` returns it.
---@field period? "hours"|"days"|"weeks"|"months" The length of each reporting interval: hours, days, weeks or months.
---@field steps? integer How many intervals of `period` to report, counting back from now.
---@field type? "email"|"webhook"|"twilio"|"slack"|"push"|"in_app" Only this channel of message: email, push, webhook, SMS (twilio), Slack or in-app.

---@class customerio.GetNewsletterMetricsResult: table<string, any>
---A table with `metric` (a table with `series`: each metric name (sent, delivered, opened, clicked, converted, bounced, ...) maps to an array of counts, one per interval, oldest first).

---@class customerio.GetNewsletterTestTranslationParams
---@field newsletter_id integer Which newsletter: its number, as `list_newsletters` returns it.
---@field test_group_id string Which A/B test group of the newsletter, as `list_newsletter_test_groups` returns it.
---@field language string A language code such as fr or pt-BR, choosing that translation of the message.

---@class customerio.GetNewsletterTestTranslationResult: table<string, any>
---A table with `content` (a table with `id`, `newsletter_id`, `deduplicate_id`, `name`, `layout`, `body`, `body_amp`, `language` and ...).

---@class customerio.GetNewsletterTranslationParams
---@field newsletter_id integer Which newsletter: its number, as `list_newsletters` returns it.
---@field language string A language code such as fr or pt-BR, choosing that translation of the message.

---@class customerio.GetNewsletterTranslationResult: table<string, any>
---A table with `content` (a table with `id`, `newsletter_id`, `deduplicate_id`, `name`, `layout`, `body`, `body_amp`, `language` and ...).

---@class customerio.GetObjectAttributesParams
---@field object_type_id string The object type, by its number as `list_object_types` returns it (1 is often companies). Digits as text are accepted too.
---@field object_id string The object's own identifier within its type, such as a company's id in your system.
---@field id_type? "object_id"|"cio_object_id" What `object_id` holds: "object_id" (your id, the default) or "cio_object_id" (Customer.io's).

---@class customerio.GetObjectAttributesResult: table<string, any>
---A table with `object` (a table with `attributes`, `timestamps`, `identifiers` and `object_type_id`).

---@class customerio.GetPeopleAttributesParams
---@field ids string[] The people, by their ids (at most 100).

---@class customerio.GetPeopleAttributesResult: table<string, any>
---A table with `customers` (an array of tables, each with `customer`).

---@class customerio.GetPersonAttributesParams
---@field id? string The person, by your id for them (or, with `id_type`, their email or cio_id)
---@field email? string The person's email address (instead of `id`)
---@field cio_id? string The person's Customer.io id (instead of `id`)
---@field id_type? "id"|"email"|"cio_id" What `id` holds (default: id)

---@class customerio.GetPersonAttributesResult: table<string, any>
---`customer`: `id`, `identifiers`, `attributes`, `timestamps`, `devices`, ...

---@class customerio.GetPersonSubscriptionPreferencesParams
---@field id string The person, by your id for them (or their email or cio_id as `id_type` says; `email = ...` or `cio_id = ...` in place of `id` works too).
---@field id_type? "id"|"email"|"cio_id" What `id` holds: "id" (your id for the person, the default), "email" or "cio_id".
---@field language? string A language code such as fr or pt-BR, choosing that translation of the message.

---@class customerio.GetPersonSubscriptionPreferencesResult: table<string, any>
---A table with `customer` (a table with `id`, `identifiers`, `topics`, `unsubscribed` and `header`).

---@class customerio.GetRegionParams

---@class customerio.GetRegionResult: table<string, any>
---`region` ("us" or "eu"), `url` (the Track host to use) and `environment_id` (the workspace).

---@class customerio.GetReportingWebhookParams
---@field id integer Which reporting webhook: its id, as `list_reporting_webhooks` returns it.

---@class customerio.GetReportingWebhookResult: table<string, any>
---A table with `name`, `id`, `endpoint`, `disabled`, `full_resolution`, `with_content` and `events` (an array of values).

---@class customerio.GetSegmentParams
---@field id integer Which segment: its id, as `list_segments` returns it.

---@class customerio.GetSegmentResult: table<string, any>
---A table with `segment` (a table with `id`, `deduplicate_id`, `name`, `description`, `state`, `progress`, `type` and `tags`).

---@class customerio.GetSegmentCustomerCountParams
---@field segment_id integer Which segment: its number, as `list_segments` returns it.

---@class customerio.GetSegmentCustomerCountResult: table<string, any>
---A table with `count`.

---@class customerio.GetSegmentDetailsParams
---@field segment_id integer Which segment: its number, as `list_segments` returns it

---@class customerio.GetSegmentDetailsResult: table<string, any>
---`segment`: `id`, `name`, `description`, `state`, `type`, `tags`, ...

---@class customerio.GetSegmentUsageParams
---@field segment_id integer Which segment: its number, as `list_segments` returns it.

---@class customerio.GetSegmentUsageResult: table<string, any>
---A table with `used_by` (a table with `campaigns`, `sent_newsletters` and `draft_newsletters`).

---@class customerio.GetSenderIdentityParams
---@field id integer Which sender identity: its id, as `list_sender_identities` returns it.

---@class customerio.GetSenderIdentityResult: table<string, any>
---A table with `sender_identity` (a table with `id`, `deduplicate_id`, `name`, `email`, `address`, `template_type` and `auto_generated`).

---@class customerio.GetSenderIdentityUsageParams
---@field sender_id integer Which sender identity: its number, as `list_sender_identities` returns it.

---@class customerio.GetSenderIdentityUsageResult: table<string, any>
---A table with `campaigns` (an array of values), `sent_newsletters` (an array of values) and `draft_newsletters` (an array of values).

---@class customerio.GetSubscriptionCenterTokenParams
---@field customer_id string The person's id (the `id` attribute you identified them with).

---@class customerio.GetSubscriptionCenterTokenResult: table<string, any>
---A table with `token`, the signed token of the person's subscription center.

---@class customerio.GetTransactionalLinkMetricsParams
---@field transactional_id integer Which transactional message template: its number, as `list_transactional_messages` returns it.
---@field period? "hours"|"days"|"weeks"|"months" The length of each reporting interval: hours, days, weeks or months.
---@field steps? integer How many intervals of `period` to report, counting back from now.
---@field unique? boolean true to count each person's clicks once, false to count every click.

---@class customerio.GetTransactionalLinkMetricsResult: table<string, any>
---A table with `links` (an array of tables, each with `link` and `metric`).

---@class customerio.GetTransactionalMessageParams
---@field id integer Which transactional message: its id, as `list_transactional_messages` returns it.

---@class customerio.GetTransactionalMessageResult: table<string, any>
---A table with `message` (a table with `id`, `name`, `description`, `send_to_unsubscribed`, `link_tracking`, `open_tracking`, `hide_message_body`, `queue_drafts` and ...).

---@class customerio.GetTransactionalMetricsParams
---@field transactional_id integer Which transactional message template: its number, as `list_transactional_messages` returns it.
---@field period? "hours"|"days"|"weeks"|"months" The length of each reporting interval: hours, days, weeks or months.
---@field steps? integer How many intervals of `period` to report, counting back from now.

---@class customerio.GetTransactionalMetricsResult: table<string, any>
---A table with `metric` (a table with `series`: each metric name (sent, delivered, opened, clicked, converted, bounced, ...) maps to an array of counts, one per interval, oldest first).

---@class customerio.GetTransactionalTranslationParams
---@field transactional_id integer Which transactional message template: its number, as `list_transactional_messages` returns it.
---@field language string A language code such as fr or pt-BR, choosing that translation of the message.

---@class customerio.GetTransactionalTranslationResult: table<string, any>
---A table with `content` (an array of tables, each with `id`, `name`, `created`, `updated`, `body`, `language`, `type`, `from` and ...).

---@class customerio.GroupUserParams
---@field user_id? string Your id of the person the call is about.
---@field group_id? string The object (group) to relate the person to, by its id within its type; name the type in `traits.object_type_id`.
---@field traits? table<string, any> Attributes to set, as a table of name = value.
---@field integrations? table<string, any> Which destinations of your Pipelines workspace receive the call, as a table of destination name = true or false.
---@field message_id? string The call's de-duplication id: a fresh ULID when left out. Customer.io counts a call once per id, so a retried call never counts twice.
---@field received_at? integer|string When Customer.io received the call (set by the server when left out).
---@field sent_at? integer|string When your system sent the call.
---@field original_timestamp? integer|string When the call was made on the device, before any clock correction.
---@field timestamp? integer|string When it happened (default: now).
---@field version? number The metrics format: "2" (the default) or the older "1".
---@field context? table<string, any> Facts about where the call comes from (ip, userAgent, app, device...), as a table.
---@field anonymous_id? string The id of a visitor not identified yet (a cookie or device id); later tied to `user_id`.

---@class customerio.GroupUserResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.IdentifyCustomerParams
---@field id string Unique identifier for the customer (user ID, email, or external ID)
---@field email? string Customer email address
---@field name? string Customer full name
---@field attributes? table<string, any> Additional custom attributes (key-value pairs)

---@class customerio.IdentifyCustomerResult: table<string, any>
---`success` (true), `id`, and `message`, a sentence saying what happened.

---@class customerio.IdentifyUserParams
---@field user_id? string Your id of the person the call is about.
---@field anonymous_id? string The id of a visitor not identified yet (a cookie or device id); later tied to `user_id`.
---@field traits? table<string, any> Attributes to set, as a table of name = value.
---@field integrations? table<string, any> Which destinations of your Pipelines workspace receive the call, as a table of destination name = true or false.
---@field message_id? string The call's de-duplication id: a fresh ULID when left out. Customer.io counts a call once per id, so a retried call never counts twice.
---@field received_at? integer|string When Customer.io received the call (set by the server when left out).
---@field sent_at? integer|string When your system sent the call.
---@field original_timestamp? integer|string When the call was made on the device, before any clock correction.
---@field timestamp? integer|string When it happened (default: now).
---@field version? number The metrics format: "2" (the default) or the older "1".
---@field context? table<string, any> Facts about where the call comes from (ip, userAgent, app, device...), as a table.

---@class customerio.IdentifyUserResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.ListActivitiesParams
---@field start? string The page cursor: the `next` value of the previous page, to get the page after it.
---@field type? "add_relationship"|"anon_merge"|"attempted_action"|"attempted_email"|"attempted_in_app"|"attempted_push"|"attempted_slack"|"attempted_twilio"|"attempted_webhook"|"attribute_change"|"bounced_action"|"bounced_email"|"bounced_push"|"bounced_twilio"|"clicked_action"|"clicked_content"|"clicked_email"|"clicked_in_app"|"clicked_push"|"clicked_twilio"|"clicked_webhook"|"converted_action"|"converted_content"|"converted_email"|"converted_in_app"|"converted_slack"|"converted_twilio"|"converted_webhook"|"deferred_action"|"deferred_email"|"deferred_in_app"|"deferred_push"|"deferred_slack"|"deferred_twilio"|"deferred_webhook"|"delete_relationship"|"delivered_action"|"delivered_email"|"delivered_push"|"delivered_twilio"|"device_change"|"drafted_action"|"drafted_email"|"drafted_in_app"|"drafted_push"|"drafted_slack"|"drafted_twilio"|"drafted_webhook"|"dropped_action"|"dropped_email"|"dropped_push"|"dropped_twilio"|"dropped_webhook"|"event"|"failed_action"|"failed_attribute_change"|"failed_batch_update"|"failed_email"|"failed_event"|"failed_in_app"|"failed_object_journeys"|"failed_push"|"failed_query_collection"|"failed_slack"|"failed_twilio"|"failed_webhook"|"opened_action"|"opened_email"|"opened_in_app"|"opened_push"|"page"|"profile_create"|"profile_delete"|"profile_merge"|"relationship_attribute_change"|"relationship_failed_attribute_change"|"screen"|"sent_action"|"sent_email"|"sent_in_app"|"sent_push"|"sent_slack"|"sent_twilio"|"sent_webhook"|"skipped_update"|"spammed_email"|"suppressed_twilio"|"topic_unsubscribed_email"|"undeliverable_action"|"undeliverable_email"|"undeliverable_in_app"|"undeliverable_push"|"undeliverable_slack"|"undeliverable_twilio"|"undeliverable_webhook"|"unsubscribed_action"|"unsubscribed_email"|"viewed_content"|"webhook_event"|"_o:<object_type_id>:add_relationship"|"_o:<object_type_id>:attribute_change"|"_o:<object_type_id>:create"|"_o:<object_type_id>:delete"|"_o:<object_type_id>:delete_relationship"|"_o:<object_type_id>:failed_attribute_change"|"_r:<object_type_id>:attribute_change"|"_r:<object_type_id>:failed_attribute_change" Only activity of this kind, such as event, attribute_change or sent_email.
---@field name? string Only activity with this name (an event's name, for events).
---@field deleted? boolean true to include activity of people who were deleted since.
---@field customer_id? string Only activity of this person, by their id.
---@field id_type? "id"|"email"|"cio_id" What `customer_id` holds: "id" (the default), "email" or "cio_id".
---@field limit? integer How many results to return per page.

---@class customerio.ListActivitiesResult: table<string, any>
---A table with `activities` (an array of tables, each with `customer_id`, `customer_identifiers`, `data`, `delivery_id`, `delivery_type`, `id`, `timestamp` and `type`) and `next`.

---@class customerio.ListAssetFoldersParams
---@field parent_folder_id? integer|string Only items in this folder (its id).
---@field direct_descendants_only? boolean With `parent_folder_id`: only items directly in that folder, not in its subfolders.
---@field page? integer Which page of results to get, counting from 1.
---@field limit? integer How many results per page.

---@class customerio.ListAssetFoldersResult: table<string, any>
---A table with `folders` (an array of tables, each with `id`, `name`, `created_at` and `updated_at`).

---@class customerio.ListAssetsParams
---@field parent_folder_id? integer|string Only items in this folder (its id).
---@field direct_descendants_only? boolean With `parent_folder_id`: only items directly in that folder, not in its subfolders.
---@field page? integer Which page of results to get, counting from 1.
---@field limit? integer How many results per page.

---@class customerio.ListAssetsResult: table<string, any>
---A table with `assets` (an array of tables, each with `id`, `name`, `url`, `content_type`, `size`, `parent_folder_id`, `created_at` and `updated_at`).

---@class customerio.ListBroadcastActionsParams
---@field broadcast_id integer Which broadcast (an API-triggered campaign): its number, as `list_broadcasts` returns it.

---@class customerio.ListBroadcastActionsResult: table<string, any>
---A table with `actions` (an array of tables, each with `id`, `broadcast_id`, `deduplicate_id`, `name`, `layout`, `created`, `updated`, `body` and ...).

---@class customerio.ListBroadcastMessagesParams
---@field broadcast_id integer Which broadcast (an API-triggered campaign): its number, as `list_broadcasts` returns it.
---@field start? string The page cursor: the `next` value of the previous page, to get the page after it.
---@field limit? integer How many results to return per page.
---@field metric? "attempted"|"sent"|"delivered"|"opened"|"clicked"|"converted"|"bounced"|"spammed"|"unsubscribed"|"dropped"|"failed"|"undeliverable" Only messages that reached this stage (sent, opened, clicked, bounced...).
---@field state? "failed"|"sent"|"drafted"|"attempted" Only messages in this sending state.
---@field type? "email"|"webhook"|"twilio"|"slack"|"push"|"in_app" Only this channel of message: email, push, webhook, SMS (twilio), Slack or in-app.
---@field start_ts? integer|string Only messages created at or after this time.
---@field end_ts? integer|string Only messages created before this time.
---@field get_tracked_responses? boolean Whether each message includes its tracked responses (clicks, replies).

---@class customerio.ListBroadcastMessagesResult: table<string, any>
---A table with `messages` (an array of tables, each with `id`, `deduplicate_id`, `message_template_id`, `customer_id`, `customer_identifiers`, `recipient`, `subject`, `metrics` and ...), and `next`: pass it as `start` for the next page ("" on the last).

---@class customerio.ListBroadcastTriggerErrorsParams
---@field broadcast_id integer Which broadcast (an API-triggered campaign): its number, as `list_broadcasts` returns it.
---@field trigger_id integer Which trigger of the broadcast: the `id` that `trigger_broadcast` returned.
---@field start? string The page cursor: the `next` value of the previous page, to get the page after it.
---@field limit? integer How many results to return per page.

---@class customerio.ListBroadcastTriggerErrorsResult: table<string, any>
---A table with `errors` (an array of values) and `next`.

---@class customerio.ListBroadcastTriggersParams
---@field broadcast_id integer Which broadcast (an API-triggered campaign): its number, as `list_broadcasts` returns it.

---@class customerio.ListBroadcastTriggersResult: table<string, any>
---A table with `triggers` (an array of tables, each with `id`, `broadcast_id`, `created_at` and `processed_at`).

---@class customerio.ListBroadcastsParams

---@class customerio.ListBroadcastsResult: table<string, any>
---A table with `broadcasts` (an array of tables, each with `id`, `deduplicate_id`, `name`, `type`, `created`, `updated`, `active`, `state` and ...).

---@class customerio.ListCampaignActionsParams
---@field campaign_id integer Which campaign: its number, as `list_campaigns` returns it.
---@field start? string The page cursor: the `next` value of the previous page, to get the page after it.

---@class customerio.ListCampaignActionsResult: table<string, any>
---A table with `actions` (an array of tables, each with `id`, `campaign_id`, `parent_action_id`, `deduplicate_id`, `name`, `layout`, `created`, `updated` and ...) and `next`.

---@class customerio.ListCampaignMessagesParams
---@field campaign_id integer Which campaign: its number, as `list_campaigns` returns it.
---@field start? string The page cursor: the `next` value of the previous page, to get the page after it.
---@field limit? integer How many results to return per page.
---@field type? "email"|"webhook"|"twilio"|"slack"|"push"|"in_app" Only this channel of message: email, push, webhook, SMS (twilio), Slack or in-app.
---@field metric? "attempted"|"sent"|"delivered"|"opened"|"clicked"|"converted"|"bounced"|"spammed"|"unsubscribed"|"dropped"|"failed"|"undeliverable" Only messages that reached this stage (sent, opened, clicked, bounced...).
---@field drafts? boolean true to list only drafts (messages not yet sent), false for sent messages only.
---@field start_ts? integer|string Only messages created at or after this time.
---@field end_ts? integer|string Only messages created before this time.
---@field get_tracked_responses? boolean Whether each message includes its tracked responses (clicks, replies).

---@class customerio.ListCampaignMessagesResult: table<string, any>
---A table with `messages` (an array of tables, each with `id`, `deduplicate_id`, `message_template_id`, `customer_id`, `customer_identifiers`, `recipient`, `subject`, `metrics` and ...), and `next`: pass it as `start` for the next page ("" on the last).

---@class customerio.ListCampaignsParams

---@class customerio.ListCampaignsResult: table<string, any>
---`campaigns`: an array of campaigns with `id`, `name`, `active`, `state`, `type` and more.

---@class customerio.ListCollectionsParams

---@class customerio.ListCollectionsResult: table<string, any>
---A table with `collections` (an array of tables, each with `bytes`, `created_at`, `updated_at`, `id`, `name`, `rows` and `schema`).

---@class customerio.ListDesignComponentsParams
---@field tag? string Only the component with this custom tag.
---@field page? integer Which page of results to get, counting from 1.
---@field limit? integer How many results per page.
---@field parent_folder_id? integer|string Only items in this folder (its id).
---@field direct_descendants_only? boolean With `parent_folder_id`: only items directly in that folder, not in its subfolders.
---@field sort_by? string The field to sort by, such as name, created_at or updated_at.
---@field sort_order? "asc"|"desc" The sort direction: asc or desc.
---@field created_before? integer|string Only items created before this time (unix seconds).
---@field created_after? integer|string Only items created after this time (unix seconds).
---@field updated_before? integer|string Only items last changed before this time (unix seconds).
---@field updated_after? integer|string Only items last changed after this time (unix seconds).

---@class customerio.ListDesignComponentsResult: table<string, any>
---A table with `components` (an array of tables, each with `id`, `name`, `tag`, `content`, `created_at` and `updated_at`).

---@class customerio.ListDesignEmailTranslationsParams
---@field id integer|string The design studio email's id.

---@class customerio.ListDesignEmailTranslationsResult: table<string, any>
---A table with `translations` (an array of tables, each with `language`, `subject` and `updated_at`).

---@class customerio.ListDesignEmailsParams
---@field page? integer Which page of results to get, counting from 1.
---@field limit? integer How many results per page.
---@field parent_folder_id? integer|string Only items in this folder (its id).
---@field direct_descendants_only? boolean With `parent_folder_id`: only items directly in that folder, not in its subfolders.
---@field sort_by? string The field to sort by, such as name, created_at or updated_at.
---@field sort_order? "asc"|"desc" The sort direction: asc or desc.
---@field created_before? integer|string Only items created before this time (unix seconds).
---@field created_after? integer|string Only items created after this time (unix seconds).
---@field updated_before? integer|string Only items last changed before this time (unix seconds).
---@field updated_after? integer|string Only items last changed after this time (unix seconds).
---@field is_template? boolean true: only emails saved as templates; false: only the others.
---@field has_translations? boolean true: only emails with language versions; false: only those without.
---@field is_linked? boolean true: only emails linked to a campaign or newsletter message; false: only the others.

---@class customerio.ListDesignEmailsResult: table<string, any>
---A table with `emails` (an array of tables, each with `id`, `name`, `subject`, `parent_folder_id`, `translations`, `created_at` and `updated_at`).

---@class customerio.ListDesignFoldersParams
---@field page? integer Which page of results to get, counting from 1.
---@field limit? integer How many results per page.
---@field parent_folder_id? integer|string Only items in this folder (its id).
---@field direct_descendants_only? boolean With `parent_folder_id`: only items directly in that folder, not in its subfolders.
---@field sort_by? string The field to sort by, such as name, created_at or updated_at.
---@field sort_order? "asc"|"desc" The sort direction: asc or desc.
---@field created_before? integer|string Only items created before this time (unix seconds).
---@field created_after? integer|string Only items created after this time (unix seconds).
---@field updated_before? integer|string Only items last changed before this time (unix seconds).
---@field updated_after? integer|string Only items last changed after this time (unix seconds).

---@class customerio.ListDesignFoldersResult: table<string, any>
---A table with `folders` (an array of tables, each with `id`, `name`, `created_at` and `updated_at`).

---@class customerio.ListDomainEmailSuppressionsParams
---@field domain_name string The sending domain, such as mail.example.com.
---@field suppression_type "bounces"|"spam_reports" Why the addresses are suppressed: bounces or spam_reports.
---@field limit? integer How many results per page.
---@field start? string The `next` value of the previous page, to get the page after it.
---@field email? string Only this email address.

---@class customerio.ListDomainEmailSuppressionsResult: table<string, any>
---A table with `suppressions` (an array of tables, each with `email` and `created`) and `category`.

---@class customerio.ListEmailSuppressionsParams
---@field suppression_type "bounces"|"spam_reports" Which suppression list: "bounces", "blocks", "spam_reports" or "invalid_emails".
---@field limit? integer How many results to return per page.
---@field offset? integer How many entries to skip before the first one returned.
---@field domain? string Only addresses suppressed for this sending domain, such as mail.example.com.

---@class customerio.ListEmailSuppressionsResult: table<string, any>
---A table with `category` and `suppressions` (an array of tables, each with `created`, `email`, `reason` and `status`).

---@class customerio.ListExportsParams

---@class customerio.ListExportsResult: table<string, any>
---A table with `exports` (an array of tables, each with `id`, `user_id`, `user_email`, `total`, `deduplicate_id`, `type`, `failed`, `description` and ...).

---@class customerio.ListIpAddressesParams

---@class customerio.ListIpAddressesResult: table<string, any>
---A table with `ip_addresses` (an array of values).

---@class customerio.ListMessagesParams
---@field start? string The page cursor: the `next` value of the previous page, to get the page after it.
---@field limit? integer How many results to return per page.
---@field type? "email"|"webhook"|"twilio"|"slack"|"push"|"in_app" Only messages of this channel.
---@field metric? "attempted"|"sent"|"delivered"|"opened"|"clicked"|"converted"|"bounced"|"spammed"|"unsubscribed"|"dropped"|"failed"|"undeliverable" Only messages that reached this stage (sent, opened, clicked, bounced...).
---@field drafts? boolean true to list only drafts (messages not yet sent), false for sent messages only.
---@field campaign_id? integer Which campaign: its number, as `list_campaigns` returns it.
---@field newsletter_id? integer Which newsletter: its number, as `list_newsletters` returns it.
---@field action_id? integer Which step (action) of the workflow: its number, as the list of actions returns it.
---@field start_ts? integer|string Only messages created at or after this time.
---@field end_ts? integer|string Only messages created before this time.
---@field get_tracked_responses? boolean Whether each message includes its tracked responses (clicks, replies).

---@class customerio.ListMessagesResult: table<string, any>
---A table with `messages` (an array of tables, each with `id`, `deduplicate_id`, `message_template_id`, `customer_id`, `customer_identifiers`, `recipient`, `subject`, `metrics` and ...), and `next`: pass it as `start` for the next page ("" on the last).

---@class customerio.ListNewsletterContentsParams
---@field newsletter_id integer Which newsletter: its number, as `list_newsletters` returns it.

---@class customerio.ListNewsletterContentsResult: table<string, any>
---A table with `contents` (an array of tables, each with `id`, `newsletter_id`, `deduplicate_id`, `name`, `layout`, `body`, `body_amp`, `language` and ...).

---@class customerio.ListNewsletterMessagesParams
---@field newsletter_id integer Which newsletter: its number, as `list_newsletters` returns it.
---@field start? string The page cursor: the `next` value of the previous page, to get the page after it.
---@field limit? integer How many results to return per page.
---@field metric? "attempted"|"sent"|"delivered"|"opened"|"clicked"|"converted"|"bounced"|"spammed"|"unsubscribed"|"dropped"|"failed"|"undeliverable" Only messages that reached this stage (sent, opened, clicked, bounced...).
---@field start_ts? integer|string Only messages created at or after this time.
---@field end_ts? integer|string Only messages created before this time.
---@field get_tracked_responses? boolean Whether each message includes its tracked responses (clicks, replies).

---@class customerio.ListNewsletterMessagesResult: table<string, any>
---A table with `messages` (an array of tables, each with `id`, `deduplicate_id`, `message_template_id`, `customer_id`, `customer_identifiers`, `recipient`, `subject`, `metrics` and ...), and `next`: pass it as `start` for the next page ("" on the last).

---@class customerio.ListNewsletterTestGroupsParams
---@field newsletter_id integer Which newsletter: its number, as `list_newsletters` returns it.

---@class customerio.ListNewsletterTestGroupsResult: table<string, any>
---A table with `test_groups` (an array of tables, each with `id`, `name`, `label`, `winner` and `content_ids`).

---@class customerio.ListNewslettersParams
---@field limit? integer How many newsletters to return per page
---@field start? string The page cursor: the `next` value of the previous page, to get the page after it
---@field sort? "asc"|"desc" The order by creation time: "asc" (oldest first) or "desc"

---@class customerio.ListNewslettersResult: table<string, any>
---`newsletters`: an array of newsletters, each with `id`, `name`, `type`, `tags`, `created` and `updated`; `next`: pass it as `start` for the next page (empty on the last page).

---@class customerio.ListObjectRelationshipsParams
---@field object_type_id string The object type, by its number as `list_object_types` returns it (1 is often companies). Digits as text are accepted too.
---@field object_id string The object's own identifier within its type, such as a company's id in your system.
---@field start? string The page cursor: the `next` value of the previous page, to get the page after it.
---@field limit? integer How many results to return per page.
---@field id_type? "object_id"|"cio_object_id" What `object_id` holds: "object_id" (your id, the default) or "cio_object_id" (Customer.io's).

---@class customerio.ListObjectRelationshipsResult: table<string, any>
---A table with `cio_relationships` (an array of tables, each with `identifiers`, `object_type_id` and `object_type_disabled`) and `next`.

---@class customerio.ListObjectTypesParams

---@class customerio.ListObjectTypesResult: table<string, any>
---A table with `types` (an array of tables, each with `id`, `name`, `singular_name`, `slug`, `singular_slug`, `enabled` and `icon`).

---@class customerio.ListPersonActivitiesParams
---@field id string The person, by your id for them (or their email or cio_id as `id_type` says; `email = ...` or `cio_id = ...` in place of `id` works too).
---@field id_type? "id"|"email"|"cio_id" What `id` holds: "id" (your id for the person, the default), "email" or "cio_id".
---@field start? string The page cursor: the `next` value of the previous page, to get the page after it.
---@field limit? integer How many results to return per page.
---@field type? "add_relationship"|"anon_merge"|"attempted_action"|"attempted_email"|"attempted_in_app"|"attempted_push"|"attempted_slack"|"attempted_twilio"|"attempted_webhook"|"attribute_change"|"bounced_action"|"bounced_email"|"bounced_push"|"bounced_twilio"|"clicked_action"|"clicked_content"|"clicked_email"|"clicked_in_app"|"clicked_push"|"clicked_twilio"|"clicked_webhook"|"converted_action"|"converted_content"|"converted_email"|"converted_in_app"|"converted_slack"|"converted_twilio"|"converted_webhook"|"deferred_action"|"deferred_email"|"deferred_in_app"|"deferred_push"|"deferred_slack"|"deferred_twilio"|"deferred_webhook"|"delete_relationship"|"delivered_action"|"delivered_email"|"delivered_push"|"delivered_twilio"|"device_change"|"drafted_action"|"drafted_email"|"drafted_in_app"|"drafted_push"|"drafted_slack"|"drafted_twilio"|"drafted_webhook"|"dropped_action"|"dropped_email"|"dropped_push"|"dropped_twilio"|"dropped_webhook"|"event"|"failed_action"|"failed_attribute_change"|"failed_batch_update"|"failed_email"|"failed_event"|"failed_in_app"|"failed_object_journeys"|"failed_push"|"failed_query_collection"|"failed_slack"|"failed_twilio"|"failed_webhook"|"opened_action"|"opened_email"|"opened_in_app"|"opened_push"|"page"|"profile_create"|"profile_delete"|"profile_merge"|"relationship_attribute_change"|"relationship_failed_attribute_change"|"screen"|"sent_action"|"sent_email"|"sent_in_app"|"sent_push"|"sent_slack"|"sent_twilio"|"sent_webhook"|"skipped_update"|"spammed_email"|"suppressed_twilio"|"topic_unsubscribed_email"|"undeliverable_action"|"undeliverable_email"|"undeliverable_in_app"|"undeliverable_push"|"undeliverable_slack"|"undeliverable_twilio"|"undeliverable_webhook"|"unsubscribed_action"|"unsubscribed_email"|"viewed_content"|"webhook_event"|"_o:<object_type_id>:add_relationship"|"_o:<object_type_id>:attribute_change"|"_o:<object_type_id>:create"|"_o:<object_type_id>:delete"|"_o:<object_type_id>:delete_relationship"|"_o:<object_type_id>:failed_attribute_change"|"_r:<object_type_id>:attribute_change"|"_r:<object_type_id>:failed_attribute_change" Only activity of this kind, such as event, attribute_change or sent_email.
---@field name? string Only activity with this name (an event's name, for events).

---@class customerio.ListPersonActivitiesResult: table<string, any>
---A table with `activities` (an array of tables, each with `customer_id`, `customer_identifiers`, `data`, `delivery_id`, `delivery_type`, `id`, `timestamp` and `type`), and `next`: pass it as `start` for the next page ("" on the last).

---@class customerio.ListPersonMessagesParams
---@field id string The person, by your id for them (or their email or cio_id as `id_type` says; `email = ...` or `cio_id = ...` in place of `id` works too).
---@field id_type? "id"|"email"|"cio_id" What `id` holds: "id" (your id for the person, the default), "email" or "cio_id".
---@field start? string The page cursor: the `next` value of the previous page, to get the page after it.
---@field limit? integer How many results to return per page.
---@field start_ts? integer|string Only messages created at or after this time.
---@field end_ts? integer|string Only messages created before this time.

---@class customerio.ListPersonMessagesResult: table<string, any>
---A table with `messages` (an array of tables, each with `id`, `deduplicate_id`, `msg_template_id`, `customer_id`, `campaign_id`, `action_id`, `recipient`, `subject` and ...), and `next`: pass it as `start` for the next page ("" on the last).

---@class customerio.ListPersonRelationshipsParams
---@field id string The person, by your id for them.
---@field start? string The page cursor: the `next` value of the previous page, to get the page after it.
---@field limit? integer How many results to return per page.

---@class customerio.ListPersonRelationshipsResult: table<string, any>
---A table with `cio_relationships` (an array of tables, each with `object_type_id`, `identifiers`, `attributes` and `timestamps`) and `next`.

---@class customerio.ListPersonSegmentsParams
---@field id string The person, by your id for them (or their email or cio_id as `id_type` says; `email = ...` or `cio_id = ...` in place of `id` works too).
---@field id_type? "id"|"email"|"cio_id" What `id` holds: "id" (your id for the person, the default), "email" or "cio_id".

---@class customerio.ListPersonSegmentsResult: table<string, any>
---A table with `segments` (an array of tables, each with `id`, `name` and `description`).

---@class customerio.ListReportingWebhooksParams

---@class customerio.ListReportingWebhooksResult: table<string, any>
---A table with `reporting_webhooks` (an array of tables, each with `name`, `id`, `endpoint`, `disabled`, `full_resolution`, `with_content` and `events`).

---@class customerio.ListSegmentMembersParams
---@field segment_id integer Which segment: its number, as `list_segments` returns it.
---@field start? string The page cursor: the `next` value of the previous page, to get the page after it.
---@field limit? integer How many results to return per page.

---@class customerio.ListSegmentMembersResult: table<string, any>
---A table with `ids` (an array of values), `identifiers` (an array of tables, each with `email`, `id` and `cio_id`) and `next`.

---@class customerio.ListSegmentsParams

---@class customerio.ListSegmentsResult: table<string, any>
---`segments`: an array of segments with `id`, `name`, `description`, `state`, `type` and `tags`.

---@class customerio.ListSenderIdentitiesParams
---@field start? string The page cursor: the `next` value of the previous page, to get the page after it.
---@field limit? integer How many results to return per page.
---@field sort? "asc"|"desc" The order of the list by creation time: "asc" (oldest first) or "desc".

---@class customerio.ListSenderIdentitiesResult: table<string, any>
---A table with `sender_identities` (an array of tables, each with `id`, `deduplicate_id`, `name`, `email`, `address`, `template_type` and `auto_generated`), and `next`: pass it as `start` for the next page ("" on the last).

---@class customerio.ListSnippetsParams

---@class customerio.ListSnippetsResult: table<string, any>
---A table with `snippets` (an array of tables, each with `name`, `value` and `updated_at`).

---@class customerio.ListSubscriptionChannelsParams

---@class customerio.ListSubscriptionChannelsResult: table<string, any>
---A table with `channels` (an array of tables, each with `id`, `name` and `identifier`).

---@class customerio.ListSubscriptionTopicsParams

---@class customerio.ListSubscriptionTopicsResult: table<string, any>
---A table with `topics` (an array of tables, each with `name`, `description`, `subscribed_by_default`, `id` and `identifier`).

---@class customerio.ListTransactionalContentsParams
---@field transactional_id integer Which transactional message template: its number, as `list_transactional_messages` returns it.

---@class customerio.ListTransactionalContentsResult: table<string, any>
---A table with `contents` (an array of tables, each with `id`, `name`, `created`, `updated`, `body`, `language`, `type`, `from` and ...).

---@class customerio.ListTransactionalDeliveriesParams
---@field transactional_id integer Which transactional message template: its number, as `list_transactional_messages` returns it.
---@field start? string The page cursor: the `next` value of the previous page, to get the page after it.
---@field limit? integer How many results to return per page.
---@field metric? "attempted"|"sent"|"delivered"|"opened"|"clicked"|"converted"|"bounced"|"spammed"|"unsubscribed"|"dropped"|"failed"|"undeliverable" Only messages that reached this stage (sent, opened, clicked, bounced...).
---@field state? "failed"|"sent"|"drafted"|"attempted" Only messages in this sending state.
---@field start_ts? integer|string Only messages created at or after this time.
---@field end_ts? integer|string Only messages created before this time.
---@field get_tracked_responses? boolean Whether each message includes its tracked responses (clicks, replies).

---@class customerio.ListTransactionalDeliveriesResult: table<string, any>
---A table with `messages` (an array of tables, each with `id`, `deduplicate_id`, `message_template_id`, `customer_id`, `customer_identifiers`, `recipient`, `subject`, `metrics` and ...), and `next`: pass it as `start` for the next page ("" on the last).

---@class customerio.ListTransactionalMessagesParams

---@class customerio.ListTransactionalMessagesResult: table<string, any>
---A table with `messages` (an array of tables, each with `id`, `name`, `description`, `send_to_unsubscribed`, `link_tracking`, `open_tracking`, `hide_message_body`, `queue_drafts` and ...).

---@class customerio.ListWorkspacesParams

---@class customerio.ListWorkspacesResult: table<string, any>
---`workspaces`: an array with `id`, `name`, `messages_sent`, `people`, ...

---@class customerio.MergeCustomersParams
---@field primary table<string, any> The person who remains after the merge: a table with one of `id`, `email` or `cio_id`.
---@field secondary table<string, any> The person merged into the primary one and then deleted: a table with one of `id`, `email` or `cio_id`.

---@class customerio.MergeCustomersResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.RemoveCustomersFromSegmentParams
---@field segment_id integer Which manual segment: its number (or its digits as text), as `list_segments` returns it
---@field ids? string[] The people to add or remove, by what `id_type` says (at most 1000)
---@field customer_ids? string[] The same list as `ids`, under the seed's name (at most 1000)
---@field id_type? "id"|"email"|"cio_id" What the ids hold: "id" (default), "email" or "cio_id"

---@class customerio.RemoveCustomersFromSegmentResult: table<string, any>
---`success` (true), `segment_id`, `customer_count`, `id_type` and `message`.

---@class customerio.RemoveEmailSuppressionParams
---@field suppression_type "bounces"|"spam_reports" Which suppression list: "bounces", "blocks", "spam_reports" or "invalid_emails".
---@field email_address string The email address the suppression list entry is about.

---@class customerio.RemoveEmailSuppressionResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.ReportDeliveryMetricParams
---@field delivery_id string The delivery the report is about: the id Customer.io put in the message it sent.
---@field timestamp? integer|string When the event happened (default: now).
---@field metric "bounced"|"clicked"|"converted"|"deferred"|"delivered"|"dropped"|"opened"|"spammed" What happened to the message: delivered, opened, clicked, bounced...
---@field recipient? string The address the message went to.
---@field reason? string Why the message bounced or was dropped, as the mail server said.
---@field href? string For clicks: the address of the link that was clicked.

---@class customerio.ReportDeliveryMetricResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.ReportPushMetricParams
---@field delivery_id? string The delivery the report is about: the id Customer.io put in the message it sent.
---@field event? "opened"|"converted"|"delivered" What happened to the notification: "delivered", "opened" or "converted".
---@field device_id? string The token of the device that reported it.
---@field timestamp? integer|string When it happened (default: now).

---@class customerio.ReportPushMetricResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.SaveSnippetParams
---@field name string The snippet's name, by which templates include it.
---@field value string The snippet's content, the text Liquid inserts where {% snippet name %} appears.
---@field updated_at? integer Read-only: when the snippet last changed, as Customer.io returns it; leave it out.

---@class customerio.SaveSnippetResult: table<string, any>
---A table with `snippet` (a table with `name`, `value` and `updated_at`).

---@class customerio.ScheduleNewsletterParams
---@field newsletter_id integer The newsletter's id (as list_newsletters gives it).

---@class customerio.ScheduleNewsletterResult: table<string, any>
---A table with `newsletter` (a table with `id`, `name`, `type`, `state`, `tags`, `content_ids`, `recipient_segment_ids`, `created`, `updated` and `schedule`).

---@class customerio.SearchObjectsParams
---@field start? string The page cursor: the `next` value of the previous page, to get the page after it.
---@field limit? integer How many results to return per page.
---@field object_type_id string Which type of object to search, by its number as `list_object_types` returns it. Digits as text are accepted too.
---@field filter table<string, any> Which items match: a table such as { attribute = { field = "plan", operator = "eq", value = "pro" } }; combine with `and`, `or` and `not` (see the filter section of this page).

---@class customerio.SearchObjectsResult: table<string, any>
---A table with `identifiers` (an array of tables, each with `cio_object_id` and `object_id`), `ids` (an array of values) and `next`.

---@class customerio.SearchPeopleParams
---@field start? string The page cursor: the `next` value of the previous page, to get the page after it.
---@field limit? integer How many results to return per page.
---@field filter table<string, any> Which items match: a table such as { attribute = { field = "plan", operator = "eq", value = "pro" } }; combine with `and`, `or` and `not` (see the filter section of this page).

---@class customerio.SearchPeopleResult: table<string, any>
---A table with `identifiers` (an array of tables, each with `email`, `id` and `cio_id`), `ids` (an array of values) and `next`.

---@class customerio.SendBulkParams
---@field operations table<string, any>[] The items, in order: track_event-style tables (`id`, `name`, `data`, `timestamp`; `type` omitted or "event") or identify_customer-style ones (`type = "identify"`, `id`, `email`, `name`, `attributes`). At most 50,000. Also accepted as `events`

---@class customerio.SendBulkResult: table<string, any>
---`sent` (items accepted), `requests` (HTTP requests made) and `failed`: an array of `{index=, reason=, field=, message=}`, `index` being the item's position in `operations`.

---@class customerio.SendEmailParams
---@field transactional_message_id? integer|string The transactional message template to send, by its number or its trigger name. Leave it out to send content given entirely in this call.
---@field body? string The HTML content of the message; Liquid such as {{customer.first_name}} is filled in.
---@field body_amp? string An AMP for email version of the content, for mail clients that show it.
---@field body_plain? string A plain-text version of the content, instead of the one derived from the HTML.
---@field subject? string The subject line of the email.
---@field from_address? string The sender, such as "Acme <hello@acme.example>"; the address must belong to a verified sender identity.
---@field language? string A language code such as fr or pt-BR, choosing that translation of the message.
---@field identifiers table<string, any> Who receives the message: a table with exactly one of `id`, `email` or `cio_id`.
---@field message_data? table<string, any> Values the template's Liquid reads as {{trigger.<name>}}, as a table of name = value.
---@field send_at? integer|string When to send, instead of now (at most 90 days ahead).
---@field disable_message_retention? boolean true to keep no copy of the message's content after it is sent.
---@field send_to_unsubscribed? boolean true to send even to a person who unsubscribed (for receipts and other messages they must get).
---@field queue_draft? boolean true to keep the message as a draft in Customer.io instead of sending it.
---@field to string The recipient's address: an email address (or several, comma-separated; at most 15 with `bcc`), a phone number for SMS, or a device token for push.
---@field bcc? string Addresses that get a blind copy, comma-separated.
---@field fake_bcc? boolean true to send the blind copies as separate messages rather than with a Bcc header.
---@field reply_to? string The address that replies go to.
---@field preheader? string The preview text mail clients show beside the subject.
---@field attachments? table<string, any> Files to attach: a table of file name = content encoded in base64.
---@field headers? table<string, any> Extra email headers, as a table of header name = value.
---@field disable_css_preprocessing? boolean true to send the HTML as it is, without inlining its CSS.
---@field tracked? boolean false to turn off open and click tracking for this message.

---@class customerio.SendEmailResult: table<string, any>
---A table with `delivery_id` and `queued_at`.

---@class customerio.SendEntityBatchParams
---@field batch? table<string, any>[] The operations, each a table like `send_entity_operation`'s parameters (at most 500 KB in all, 32 KB each).

---@class customerio.SendEntityBatchResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.SendEntityOperationParams
---@field type "person"|"object"|"delivery" What the operation is about: "person", "object" or "delivery".
---@field identifiers? table<string, any> Who or what: for a person one of `id`, `email` or `cio_id`; for an object `object_type_id` and `object_id`.
---@field action "identify"|"delete"|"event"|"screen"|"page"|"add_relationships"|"delete_relationships"|"add_device"|"delete_device"|"merge"|"suppress"|"unsuppress"|"identify_anonymous" What to do: "identify" (create or update), "delete", "event", "add_relationships", "delete_relationships", "add_device", "delete_device", "merge", "suppress", "unsuppress"...
---@field timestamp? integer|string When it happened (default: now).
---@field attributes? table<string, any> Attributes to set on the person or object, as a table of name = value (`unsubscribed = true` unsubscribes a person).
---@field cio_relationships? table<string, any>[] For a person: the objects to relate them to, a list of { identifiers = { object_type_id = "1", object_id = "acme" }, relationship_attributes = {...} }. For an object: the people, a list of { identifiers = { id = "user-1001" } }.
---@field id? string For events: the event's de-duplication id (a ULID).
---@field name? string For "event", "screen" and "page": the event, screen or page name.
---@field device? table<string, any> The device: a table with `token` (from the push service), `platform` ("ios" or "android") and optional `last_used` and `attributes`.
---@field primary? table<string, any> The person who remains after the merge: a table with one of `id`, `email` or `cio_id`.
---@field secondary? table<string, any> The person merged into the primary one and then deleted: a table with one of `id`, `email` or `cio_id`.

---@class customerio.SendEntityOperationResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.SendEventParams
---@field customer_id string The unique identifier of the customer
---@field event_name string The name of the event to track
---@field event_type? "event"|"page"|"screen" "page" for a page view (then `event_name` is the URL), "screen" for a screen view
---@field data? table<string, any> Custom data of the event
---@field timestamp? integer|string When it happened: unix seconds or an ISO-8601 date-time (default: now)

---@class customerio.SendEventResult: table<string, any>
---`success` (true), `customer_id`, `event_name` and `message`.

---@class customerio.SendInAppMessageParams
---@field identifiers table<string, any> Who receives it: a table with exactly one of `id`, `email` or `cio_id`.
---@field transactional_message_id integer|string The transactional message (template) to send: its id or its trigger name.
---@field message_data? table<string, any> Values the template's Liquid reads as {{trigger.KEY}}.
---@field disable_message_retention? boolean Whether to keep the message body out of the message archive.
---@field queue_draft? boolean Whether to queue the message as a draft to review instead of sending it.
---@field send_at? integer|string When to send it: unix seconds or an ISO-8601 date-time (at most 90 days ahead).
---@field language? string Which language version of the template to send, such as fr.

---@class customerio.SendInAppMessageResult: table<string, any>
---A table with `delivery_id` (the message's id, for list_messages and metrics) and `queued_at` (Unix seconds).

---@class customerio.SendInboxMessageParams
---@field identifiers table<string, any> Who receives it: a table with exactly one of `id`, `email` or `cio_id`.
---@field transactional_message_id integer|string The transactional message (template) to send: its id or its trigger name.
---@field message_data? table<string, any> Values the template's Liquid reads as {{trigger.KEY}}.
---@field disable_message_retention? boolean Whether to keep the message body out of the message archive.
---@field queue_draft? boolean Whether to queue the message as a draft to review instead of sending it.
---@field send_at? integer|string When to send it: unix seconds or an ISO-8601 date-time (at most 90 days ahead).
---@field language? string Which language version of the template to send, such as fr.

---@class customerio.SendInboxMessageResult: table<string, any>
---A table with `delivery_id` (the message's id, for list_messages and metrics) and `queued_at` (Unix seconds).

---@class customerio.SendNewsletterParams
---@field newsletter_id integer The newsletter's id (as list_newsletters gives it).

---@class customerio.SendNewsletterResult: table<string, any>
---A table with `newsletter` (a table with `id`, `name`, `type`, `state`, `tags`, `content_ids`, `recipient_segment_ids`, `created`, `updated` and `sent_at`).

---@class customerio.SendPipelinesBatchParams
---@field batch? table<string, any>[] The calls, each a table with `type` (identify, track, page, screen, group or alias) and that call's fields (`userId`, `event`, `traits`...).
---@field context? table<string, any> Facts about where the call comes from (ip, userAgent, app, device...), as a table.
---@field integrations? table<string, any> Which destinations of your Pipelines workspace receive the call, as a table of destination name = true or false.

---@class customerio.SendPipelinesBatchResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.SendPushParams
---@field transactional_message_id integer|string The transactional message template to send, by its number or its trigger name. Leave it out to send content given entirely in this call.
---@field to? string The recipient's address: an email address (or several, comma-separated; at most 15 with `bcc`), a phone number for SMS, or a device token for push.
---@field title? string The title line of the push notification.
---@field message? string The text of the push notification.
---@field image_url? string The address of an image shown with the notification.
---@field link? string The deep link or web address opened when the notification is tapped.
---@field sound? "default"|"none" The sound to play: "default" or "none" (iOS).
---@field custom_data? table<string, any> Extra data delivered to the app with the notification, as a table.
---@field custom_device? table<string, any> A device to send to that is not stored on the person: a table with `token` and `platform`.
---@field custom_payload? table<string, any> The complete push payload per platform (`ios`, `android`), replacing the template's.
---@field language? string A language code such as fr or pt-BR, choosing that translation of the message.
---@field identifiers table<string, any> Who receives the message: a table with exactly one of `id`, `email` or `cio_id`.
---@field message_data? table<string, any> Values the template's Liquid reads as {{trigger.<name>}}, as a table of name = value.
---@field send_at? integer|string When to send, instead of now (at most 90 days ahead).
---@field disable_message_retention? boolean true to keep no copy of the message's content after it is sent.
---@field send_to_unsubscribed? boolean true to send even to a person who unsubscribed (for receipts and other messages they must get).
---@field queue_draft? boolean true to keep the message as a draft in Customer.io instead of sending it.

---@class customerio.SendPushResult: table<string, any>
---A table with `delivery_id` and `queued_at`.

---@class customerio.SendSmsParams
---@field transactional_message_id integer|string The transactional message template to send, by its number or its trigger name. Leave it out to send content given entirely in this call.
---@field to string The recipient's address: an email address (or several, comma-separated; at most 15 with `bcc`), a phone number for SMS, or a device token for push.
---@field from_address? string The sender, such as "Acme <hello@acme.example>"; the address must belong to a verified sender identity.
---@field language? string A language code such as fr or pt-BR, choosing that translation of the message.
---@field identifiers table<string, any> Who receives the message: a table with exactly one of `id`, `email` or `cio_id`.
---@field message_data? table<string, any> Values the template's Liquid reads as {{trigger.<name>}}, as a table of name = value.
---@field send_at? integer|string When to send, instead of now (at most 90 days ahead).
---@field disable_message_retention? boolean true to keep no copy of the message's content after it is sent.
---@field send_to_unsubscribed? boolean true to send even to a person who unsubscribed (for receipts and other messages they must get).
---@field queue_draft? boolean true to keep the message as a draft in Customer.io instead of sending it.

---@class customerio.SendSmsResult: table<string, any>
---A table with `delivery_id` and `queued_at`.

---@class customerio.SendWhatsappParams
---@field identifiers table<string, any> Who receives it: a table with exactly one of `id`, `email` or `cio_id`.
---@field transactional_message_id integer|string The transactional message (template) to send: its id or its trigger name.
---@field message_data? table<string, any> Values the template's Liquid reads as {{trigger.KEY}}.
---@field disable_message_retention? boolean Whether to keep the message body out of the message archive.
---@field queue_draft? boolean Whether to queue the message as a draft to review instead of sending it.
---@field send_at? integer|string When to send it: unix seconds or an ISO-8601 date-time (at most 90 days ahead).
---@field language? string Which language version of the template to send, such as fr.
---@field to? string The phone number to send to (E.164, such as +15555550100); default: the person's.
---@field send_to_unsubscribed? boolean Whether to send to a person who has unsubscribed.
---@field tracked? boolean Whether to track the message's delivery and reads.
---@field attachments? table<string, any> Files to attach: a table of file name to base64 content.

---@class customerio.SendWhatsappResult: table<string, any>
---A table with `delivery_id` (the message's id, for list_messages and metrics) and `queued_at` (Unix seconds).

---@class customerio.SubmitFormParams
---@field form_id string Your own name for the form; Customer.io creates the form the first time it sees it.
---@field data table<string, any> The submitted fields, as a table of field name = value; `email` or `id` identifies the person.

---@class customerio.SubmitFormResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.SuppressCustomerParams
---@field id string The person, by your id for them.

---@class customerio.SuppressCustomerResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.SuppressPersonParams
---@field identifier string The person's id, email address or cio_id (`cio_` and the id)

---@class customerio.SuppressPersonResult: table<string, any>
---`success` (true), `identifier` and `message`.

---@class customerio.TrackAnonymousEventParams
---@field anonymous_id? string The id of a visitor not identified yet (a cookie or device id); later tied to `user_id`.
---@field name string The event's name, such as "viewed_pricing".
---@field id? string The event's de-duplication id (a ULID); a retry with the same id counts once.
---@field type? "event"|"page"|"screen" "event" (default), "page" for a page view or "screen" for a screen view.
---@field timestamp? integer|string When it happened (default: now).
---@field data? table<string, any> Details of the event, as a table of name = value.

---@class customerio.TrackAnonymousEventResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.TrackEventParams
---@field id string Customer identifier (must match the ID used in identify)
---@field name string Event name (e.g., "purchase", "signup")
---@field data? table<string, any> Event data — key-value pairs with event details
---@field event_id? string De-duplication key; a fresh ULID when omitted. Reuse it when retrying so the event counts once
---@field timestamp? integer|string When the event happened: unix seconds or an ISO-8601 date-time (default: now)

---@class customerio.TrackEventResult: table<string, any>
---`success` (true), `event_id` (the de-duplication key sent), and `message`.

---@class customerio.TrackPageViewParams
---@field user_id? string Your id of the person the call is about.
---@field name? string The page's name or address.
---@field properties? table<string, any> Details of the event, as a table of name = value.
---@field integrations? table<string, any> Which destinations of your Pipelines workspace receive the call, as a table of destination name = true or false.
---@field message_id? string The call's de-duplication id: a fresh ULID when left out. Customer.io counts a call once per id, so a retried call never counts twice.
---@field received_at? integer|string When Customer.io received the call (set by the server when left out).
---@field sent_at? integer|string When your system sent the call.
---@field original_timestamp? integer|string When the call was made on the device, before any clock correction.
---@field timestamp? integer|string When it happened (default: now).
---@field version? number The metrics format: "2" (the default) or the older "1".
---@field context? table<string, any> Facts about where the call comes from (ip, userAgent, app, device...), as a table.
---@field anonymous_id? string The id of a visitor not identified yet (a cookie or device id); later tied to `user_id`.

---@class customerio.TrackPageViewResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.TrackScreenViewParams
---@field user_id? string Your id of the person the call is about.
---@field name? string The screen's name in the app.
---@field properties? table<string, any> Details of the event, as a table of name = value.
---@field integrations? table<string, any> Which destinations of your Pipelines workspace receive the call, as a table of destination name = true or false.
---@field message_id? string The call's de-duplication id: a fresh ULID when left out. Customer.io counts a call once per id, so a retried call never counts twice.
---@field received_at? integer|string When Customer.io received the call (set by the server when left out).
---@field sent_at? integer|string When your system sent the call.
---@field original_timestamp? integer|string When the call was made on the device, before any clock correction.
---@field timestamp? integer|string When it happened (default: now).
---@field version? number The metrics format: "2" (the default) or the older "1".
---@field context? table<string, any> Facts about where the call comes from (ip, userAgent, app, device...), as a table.
---@field anonymous_id? string The id of a visitor not identified yet (a cookie or device id); later tied to `user_id`.

---@class customerio.TrackScreenViewResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.TrackUserEventParams
---@field user_id? string Your id of the person the call is about.
---@field event string The event's name, such as "Order Completed".
---@field properties? table<string, any> Details of the event, as a table of name = value.
---@field integrations? table<string, any> Which destinations of your Pipelines workspace receive the call, as a table of destination name = true or false.
---@field message_id? string The call's de-duplication id: a fresh ULID when left out. Customer.io counts a call once per id, so a retried call never counts twice.
---@field received_at? integer|string When Customer.io received the call (set by the server when left out).
---@field sent_at? integer|string When your system sent the call.
---@field original_timestamp? integer|string When the call was made on the device, before any clock correction.
---@field timestamp? integer|string When it happened (default: now).
---@field version? number The metrics format: "2" (the default) or the older "1".
---@field context? table<string, any> Facts about where the call comes from (ip, userAgent, app, device...), as a table.
---@field anonymous_id? string The id of a visitor not identified yet (a cookie or device id); later tied to `user_id`.
---@field group_id? string The object (group) to relate the person to, by its id within its type; name the type in `traits.object_type_id`.

---@class customerio.TrackUserEventResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.TriggerBroadcastParams
---@field broadcast_id integer Which broadcast (an API-triggered campaign): its number, as `list_broadcasts` returns it.
---@field data? table<string, any> Values every recipient's message reads as {{trigger.<name>}}, as a table.
---@field email_add_duplicates? boolean true to send to every person with an address when several people share it.
---@field email_ignore_missing? boolean true to skip addresses of no person instead of failing the trigger.
---@field id_ignore_missing? boolean true to skip ids of no person instead of failing the trigger.
---@field recipients? table<string, any> Who receives the broadcast: a filter of people like `search_people`'s, instead of its own segment.
---@field emails? string[] The recipients by email address (each must be a person already, unless `email_add_duplicates`/`email_ignore_missing` say otherwise).
---@field ids? string[] The recipients by their ids, instead of the broadcast's own segment.
---@field per_user_data? table<string, any>[] The recipients, each with its own data: a list of { id = ..., data = {...} } (or `email` instead of `id`).
---@field data_file_url? string The https address of a JSON file listing the recipients and their data.

---@class customerio.TriggerBroadcastResult: table<string, any>
---A table with `id`.

---@class customerio.UnsubscribeDeliveryParams
---@field delivery_id string The delivery (message) whose recipient unsubscribes, as its unsubscribe link names it
---@field unsubscribe? boolean false takes a previous unsubscribe back; true (the default) unsubscribes

---@class customerio.UnsubscribeDeliveryResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.UnsuppressCustomerParams
---@field id string The person, by your id for them.

---@class customerio.UnsuppressCustomerResult: table<string, any>
---An empty table when Customer.io accepted the call.

---@class customerio.UpdateAssetParams
---@field id integer|string The library file's id.

---@class customerio.UpdateAssetResult: table<string, any>
---A table with `asset` (a table with `id`, `name`, `url`, `content_type`, `size`, `parent_folder_id`, `created_at` and `updated_at`).

---@class customerio.UpdateAssetFolderParams
---@field id integer|string The asset folder's id.

---@class customerio.UpdateAssetFolderResult: table<string, any>
---A table with `folder` (a table with `id`, `name`, `created_at` and `updated_at`).

---@class customerio.UpdateBroadcastActionParams
---@field broadcast_id integer Which broadcast (an API-triggered campaign): its number, as `list_broadcasts` returns it.
---@field action_id integer Which step (action) of the workflow: its number, as the list of actions returns it.
---@field deduplicate_id? string Read-only: the version stamp Customer.io returns; leave it out when changing content.
---@field name? string The step's name, as the workflow shows it.
---@field layout? string The HTML layout around the content, by its name in the workspace.
---@field created? integer Read-only: when it was created (Unix seconds), as Customer.io returns it; leave it out.
---@field updated? integer Read-only: when it was last changed (Unix seconds), as Customer.io returns it; leave it out.
---@field body? string The HTML content of the message; Liquid such as {{customer.first_name}} is filled in.
---@field type? "email"|"webhook"|"twilio"|"slack"|"push"|"in_app" The channel of this step or content (email, push, webhook, SMS as twilio, Slack or in-app), as Customer.io returns it.
---@field sending_state? "automatic"|"draft"|"off" Whether the step sends: "automatic", "draft" or "off".
---@field language? string A language code such as fr or pt-BR, choosing that translation of the message.
---@field from_address? string The sender, such as "Acme <hello@acme.example>"; the address must belong to a verified sender identity.
---@field from_id? integer The sender identity, by its number (`list_sender_identities`), instead of `from_address`.
---@field reply_to? string The address that replies go to.
---@field reply_to_id? integer The sender identity replies go to, by its number (`list_sender_identities`).
---@field recipient? string Who the message goes to, usually Liquid such as {{customer.email}}.
---@field subject? string The subject line of the email.
---@field bcc? string Addresses that get a blind copy, comma-separated.
---@field fake_bcc? boolean true to send the blind copies as separate messages rather than with a Bcc header.
---@field preheader_text? string The preview text mail clients show beside the subject.
---@field headers? table<string, any> Extra email headers, as a table of header name = value.
---@field body_amp? string An AMP for email version of the content, for mail clients that show it.
---@field image_url? string The address of an image shown with the notification.
---@field url? string For a webhook step: the address it calls.
---@field method? "get"|"post"|"put"|"delete"|"patch" The HTTP method of a webhook step, such as POST.

---@class customerio.UpdateBroadcastActionResult: table<string, any>
---A table with `action` (a table with `id`, `broadcast_id`, `deduplicate_id`, `name`, `layout`, `created`, `updated`, `body` and ...).

---@class customerio.UpdateBroadcastActionTranslationParams
---@field broadcast_id integer Which broadcast (an API-triggered campaign): its number, as `list_broadcasts` returns it.
---@field action_id integer Which step (action) of the workflow: its number, as the list of actions returns it.
---@field language string A language code such as fr or pt-BR, choosing that translation of the message.
---@field deduplicate_id? string Read-only: the version stamp Customer.io returns; leave it out when changing content.
---@field name? string The step's name, as the workflow shows it.
---@field layout? string The HTML layout around the content, by its name in the workspace.
---@field created? integer Read-only: when it was created (Unix seconds), as Customer.io returns it; leave it out.
---@field updated? integer Read-only: when it was last changed (Unix seconds), as Customer.io returns it; leave it out.
---@field body? string The HTML content of the message; Liquid such as {{customer.first_name}} is filled in.
---@field type? "email"|"webhook"|"twilio"|"slack"|"push"|"in_app" The channel of this step or content (email, push, webhook, SMS as twilio, Slack or in-app), as Customer.io returns it.
---@field sending_state? "automatic"|"draft"|"off" Whether the step sends: "automatic", "draft" or "off".
---@field from_address? string The sender, such as "Acme <hello@acme.example>"; the address must belong to a verified sender identity.
---@field from_id? integer The sender identity, by its number (`list_sender_identities`), instead of `from_address`.
---@field reply_to? string The address that replies go to.
---@field reply_to_id? integer The sender identity replies go to, by its number (`list_sender_identities`).
---@field recipient? string Who the message goes to, usually Liquid such as {{customer.email}}.
---@field subject? string The subject line of the email.
---@field bcc? string Addresses that get a blind copy, comma-separated.
---@field fake_bcc? boolean true to send the blind copies as separate messages rather than with a Bcc header.
---@field preheader_text? string The preview text mail clients show beside the subject.
---@field headers? table<string, any> Extra email headers, as a table of header name = value.
---@field body_amp? string An AMP for email version of the content, for mail clients that show it.
---@field image_url? string The address of an image shown with the notification.
---@field url? string For a webhook step: the address it calls.
---@field method? "get"|"post"|"put"|"delete"|"patch" The HTTP method of a webhook step, such as POST.

---@class customerio.UpdateBroadcastActionTranslationResult: table<string, any>
---A table with `action` (a table with `id`, `broadcast_id`, `deduplicate_id`, `name`, `layout`, `created`, `updated`, `body` and ...).

---@class customerio.UpdateCampaignActionParams
---@field campaign_id integer Which campaign: its number, as `list_campaigns` returns it.
---@field action_id integer Which step (action) of the workflow: its number, as the list of actions returns it.
---@field parent_action_id? integer Read-only: the step this one belongs to; leave it out.
---@field deduplicate_id? string Read-only: the version stamp Customer.io returns; leave it out when changing content.
---@field name? string The step's name, as the workflow shows it.
---@field layout? string The HTML layout around the content, by its name in the workspace.
---@field created? integer Read-only: when it was created (Unix seconds), as Customer.io returns it; leave it out.
---@field updated? integer Read-only: when it was last changed (Unix seconds), as Customer.io returns it; leave it out.
---@field body? string The HTML content of the message; Liquid such as {{customer.first_name}} is filled in.
---@field body_amp? string An AMP for email version of the content, for mail clients that show it.
---@field language? string A language code such as fr or pt-BR, choosing that translation of the message.
---@field type? "email"|"webhook"|"twilio"|"slack"|"push"|"in_app" The channel of this step or content (email, push, webhook, SMS as twilio, Slack or in-app), as Customer.io returns it.
---@field sending_state? "automatic"|"draft"|"off" Whether the step sends: "automatic", "draft" or "off".
---@field from_address? string The sender, such as "Acme <hello@acme.example>"; the address must belong to a verified sender identity.
---@field from_id? integer The sender identity, by its number (`list_sender_identities`), instead of `from_address`.
---@field reply_to? string The address that replies go to.
---@field reply_to_id? integer The sender identity replies go to, by its number (`list_sender_identities`).
---@field recipient? string Who the message goes to, usually Liquid such as {{customer.email}}.
---@field subject? string The subject line of the email.
---@field bcc? string Addresses that get a blind copy, comma-separated.
---@field fake_bcc? boolean true to send the blind copies as separate messages rather than with a Bcc header.
---@field preheader_text? string The preview text mail clients show beside the subject.
---@field headers? table<string, any> Extra email headers, as a table of header name = value.
---@field image_url? string The address of an image shown with the notification.
---@field url? string For a webhook step: the address it calls.
---@field method? "get"|"post"|"put"|"delete"|"patch" The HTTP method of a webhook step, such as POST.

---@class customerio.UpdateCampaignActionResult: table<string, any>
---A table with `action` (a table with `id`, `campaign_id`, `parent_action_id`, `deduplicate_id`, `name`, `layout`, `created`, `updated` and ...).

---@class customerio.UpdateCampaignActionTranslationParams
---@field campaign_id integer Which campaign: its number, as `list_campaigns` returns it.
---@field action_id integer Which step (action) of the workflow: its number, as the list of actions returns it.
---@field language string A language code such as fr or pt-BR, choosing that translation of the message.
---@field parent_action_id? integer Read-only: the step this one belongs to; leave it out.
---@field deduplicate_id? string Read-only: the version stamp Customer.io returns; leave it out when changing content.
---@field name? string The step's name, as the workflow shows it.
---@field layout? string The HTML layout around the content, by its name in the workspace.
---@field created? integer Read-only: when it was created (Unix seconds), as Customer.io returns it; leave it out.
---@field updated? integer Read-only: when it was last changed (Unix seconds), as Customer.io returns it; leave it out.
---@field body? string The HTML content of the message; Liquid such as {{customer.first_name}} is filled in.
---@field body_amp? string An AMP for email version of the content, for mail clients that show it.
---@field type? "email"|"webhook"|"twilio"|"slack"|"push"|"in_app" The channel of this step or content (email, push, webhook, SMS as twilio, Slack or in-app), as Customer.io returns it.
---@field sending_state? "automatic"|"draft"|"off" Whether the step sends: "automatic", "draft" or "off".
---@field from_address? string The sender, such as "Acme <hello@acme.example>"; the address must belong to a verified sender identity.
---@field from_id? integer The sender identity, by its number (`list_sender_identities`), instead of `from_address`.
---@field reply_to? string The address that replies go to.
---@field reply_to_id? integer The sender identity replies go to, by its number (`list_sender_identities`).
---@field recipient? string Who the message goes to, usually Liquid such as {{customer.email}}.
---@field subject? string The subject line of the email.
---@field bcc? string Addresses that get a blind copy, comma-separated.
---@field fake_bcc? boolean true to send the blind copies as separate messages rather than with a Bcc header.
---@field preheader_text? string The preview text mail clients show beside the subject.
---@field headers? table<string, any> Extra email headers, as a table of header name = value.
---@field image_url? string The address of an image shown with the notification.
---@field url? string For a webhook step: the address it calls.
---@field method? "get"|"post"|"put"|"delete"|"patch" The HTTP method of a webhook step, such as POST.

---@class customerio.UpdateCampaignActionTranslationResult: table<string, any>
---A table with `action` (a table with `id`, `campaign_id`, `parent_action_id`, `deduplicate_id`, `name`, `layout`, `created`, `updated` and ...).

---@class customerio.UpdateCollectionParams
---@field id integer Which collection: its id, as `list_collections` returns it.
---@field name? string The collection's name; Liquid reads its rows as {{collection.<name>}}.
---@field data? table<string, any>[] The rows of the collection: a list of tables of column = value.
---@field url? string The https address of a JSON file whose rows replace the collection's data.

---@class customerio.UpdateCollectionResult: table<string, any>
---A table with `collection` (a table with `bytes`, `created_at`, `updated_at`, `id`, `name`, `rows` and `schema`).

---@class customerio.UpdateCollectionContentsParams
---@field collection_id integer Which collection: its number, as `list_collections` returns it.

---@class customerio.UpdateCollectionContentsResult: table<string, any>
---A table with `collection` (a table with `bytes`, `created_at`, `updated_at`, `id`, `name`, `rows` and `schema`).

---@class customerio.UpdateDesignComponentParams
---@field id integer|string The design studio component's id.

---@class customerio.UpdateDesignComponentResult: table<string, any>
---A table with `component` (a table with `id`, `name`, `tag`, `content`, `created_at` and `updated_at`).

---@class customerio.UpdateDesignEmailParams
---@field id integer|string The design studio email's id.

---@class customerio.UpdateDesignEmailResult: table<string, any>
---A table with `email` (a table with `id`, `name`, `subject`, `parent_folder_id`, `translations`, `created_at` and `updated_at`).

---@class customerio.UpdateDesignEmailTranslationParams
---@field id integer|string The design studio email's id.
---@field language string The language code of the version, such as fr or pt-BR.

---@class customerio.UpdateDesignEmailTranslationResult: table<string, any>
---A table with `translation` (a table with `language`, `subject` and `updated_at`).

---@class customerio.UpdateDesignFolderParams
---@field id integer|string The design studio folder's id.

---@class customerio.UpdateDesignFolderResult: table<string, any>
---A table with `folder` (a table with `id`, `name`, `created_at` and `updated_at`).

---@class customerio.UpdateNewsletterContentParams
---@field newsletter_id integer Which newsletter: its number, as `list_newsletters` returns it.
---@field content_id integer Which content variant: its number, as the list of contents returns it.
---@field deduplicate_id? string Read-only: the version stamp Customer.io returns; leave it out when changing content.
---@field name? string The content variant's name.
---@field layout? string The HTML layout around the content, by its name in the workspace.
---@field body? string The HTML content of the message; Liquid such as {{customer.first_name}} is filled in.
---@field body_amp? string An AMP for email version of the content, for mail clients that show it.
---@field language? string A language code such as fr or pt-BR, choosing that translation of the message.
---@field type? "email"|"webhook"|"twilio"|"slack"|"push" The channel of this step or content (email, push, webhook, SMS as twilio, Slack or in-app), as Customer.io returns it.
---@field from_address? string The sender, such as "Acme <hello@acme.example>"; the address must belong to a verified sender identity.
---@field from_id? integer The sender identity, by its number (`list_sender_identities`), instead of `from_address`.
---@field reply_to? string The address that replies go to.
---@field reply_to_id? integer The sender identity replies go to, by its number (`list_sender_identities`).
---@field recipient? string Who the message goes to, usually Liquid such as {{customer.email}}.
---@field subject? string The subject line of the email.
---@field bcc? string Addresses that get a blind copy, comma-separated.
---@field fake_bcc? boolean true to send the blind copies as separate messages rather than with a Bcc header.
---@field preheader_text? string The preview text mail clients show beside the subject.
---@field headers? table<string, any> Extra email headers, as a table of header name = value.

---@class customerio.UpdateNewsletterContentResult: table<string, any>
---A table with `content` (a table with `id`, `newsletter_id`, `deduplicate_id`, `name`, `layout`, `body`, `body_amp`, `language` and ...).

---@class customerio.UpdateNewsletterTestTranslationParams
---@field newsletter_id integer Which newsletter: its number, as `list_newsletters` returns it.
---@field test_group_id string Which A/B test group of the newsletter, as `list_newsletter_test_groups` returns it.
---@field language string A language code such as fr or pt-BR, choosing that translation of the message.
---@field deduplicate_id? string Read-only: the version stamp Customer.io returns; leave it out when changing content.
---@field name? string The content variant's name.
---@field layout? string The HTML layout around the content, by its name in the workspace.
---@field body? string The HTML content of the message; Liquid such as {{customer.first_name}} is filled in.
---@field body_amp? string An AMP for email version of the content, for mail clients that show it.
---@field type? "email"|"webhook"|"twilio"|"slack"|"push" The channel of this step or content (email, push, webhook, SMS as twilio, Slack or in-app), as Customer.io returns it.
---@field from_address? string The sender, such as "Acme <hello@acme.example>"; the address must belong to a verified sender identity.
---@field from_id? integer The sender identity, by its number (`list_sender_identities`), instead of `from_address`.
---@field reply_to? string The address that replies go to.
---@field reply_to_id? integer The sender identity replies go to, by its number (`list_sender_identities`).
---@field recipient? string Who the message goes to, usually Liquid such as {{customer.email}}.
---@field subject? string The subject line of the email.
---@field bcc? string Addresses that get a blind copy, comma-separated.
---@field fake_bcc? boolean true to send the blind copies as separate messages rather than with a Bcc header.
---@field preheader_text? string The preview text mail clients show beside the subject.
---@field headers? table<string, any> Extra email headers, as a table of header name = value.

---@class customerio.UpdateNewsletterTestTranslationResult: table<string, any>
---A table with `content` (a table with `id`, `newsletter_id`, `deduplicate_id`, `name`, `layout`, `body`, `body_amp`, `language` and ...).

---@class customerio.UpdateNewsletterTranslationParams
---@field newsletter_id integer Which newsletter: its number, as `list_newsletters` returns it.
---@field language string A language code such as fr or pt-BR, choosing that translation of the message.
---@field deduplicate_id? string Read-only: the version stamp Customer.io returns; leave it out when changing content.
---@field name? string The content variant's name.
---@field layout? string The HTML layout around the content, by its name in the workspace.
---@field body? string The HTML content of the message; Liquid such as {{customer.first_name}} is filled in.
---@field body_amp? string An AMP for email version of the content, for mail clients that show it.
---@field type? "email"|"webhook"|"twilio"|"slack"|"push" The channel of this step or content (email, push, webhook, SMS as twilio, Slack or in-app), as Customer.io returns it.
---@field from_address? string The sender, such as "Acme <hello@acme.example>"; the address must belong to a verified sender identity.
---@field from_id? integer The sender identity, by its number (`list_sender_identities`), instead of `from_address`.
---@field reply_to? string The address that replies go to.
---@field reply_to_id? integer The sender identity replies go to, by its number (`list_sender_identities`).
---@field recipient? string Who the message goes to, usually Liquid such as {{customer.email}}.
---@field subject? string The subject line of the email.
---@field bcc? string Addresses that get a blind copy, comma-separated.
---@field fake_bcc? boolean true to send the blind copies as separate messages rather than with a Bcc header.
---@field preheader_text? string The preview text mail clients show beside the subject.
---@field headers? table<string, any> Extra email headers, as a table of header name = value.

---@class customerio.UpdateNewsletterTranslationResult: table<string, any>
---A table with `content` (a table with `id`, `newsletter_id`, `deduplicate_id`, `name`, `layout`, `body`, `body_amp`, `language` and ...).

---@class customerio.UpdateReportingWebhookParams
---@field id integer Which reporting webhook: its id, as `list_reporting_webhooks` returns it.
---@field name string A name for the webhook, shown in the workspace settings.
---@field endpoint string The https address Customer.io posts the events to.
---@field disabled? boolean true to stop sending events to the webhook without deleting it.
---@field full_resolution? boolean true to report every event, false to report only the first open and click of each message.
---@field with_content? boolean true to include the message's content in each event.
---@field events ("customer_subscribed"|"customer_unsubscribed"|"customer_subscription_preferences_changed"|"email_drafted"|"email_attempted"|"email_sent"|"email_delivered"|"email_opened"|"email_clicked"|"email_converted"|"email_bounced"|"email_dropped"|"email_deferred"|"email_spammed"|"email_failed"|"email_unsubscribed"|"email_undeliverable"|"push_drafted"|"push_attempted"|"push_sent"|"push_delivered"|"push_opened"|"push_clicked"|"push_converted"|"push_bounced"|"push_dropped"|"push_failed"|"push_undeliverable"|"slack_drafted"|"slack_attempted"|"slack_sent"|"slack_clicked"|"slack_converted"|"slack_failed"|"sms_drafted"|"sms_attempted"|"sms_sent"|"sms_delivered"|"sms_clicked"|"sms_converted"|"sms_bounced"|"sms_failed"|"sms_undeliverable"|"webhook_drafted"|"webhook_attempted"|"webhook_sent"|"webhook_clicked"|"webhook_converted"|"webhook_failed"|"webhook_undeliverable")[] The message events the webhook reports, such as email_opened or sms_delivered.

---@class customerio.UpdateReportingWebhookResult: table<string, any>
---A table with `name`, `id`, `endpoint`, `disabled`, `full_resolution`, `with_content` and `events` (an array of values).

---@class customerio.UpdateTransactionalContentParams
---@field transactional_id integer Which transactional message template: its number, as `list_transactional_messages` returns it.
---@field content_id integer Which content variant: its number, as the list of contents returns it.
---@field name? string The content variant's name.
---@field created? integer Read-only: when it was created (Unix seconds), as Customer.io returns it; leave it out.
---@field updated? integer Read-only: when it was last changed (Unix seconds), as Customer.io returns it; leave it out.
---@field body? string The HTML content of the message; Liquid such as {{customer.first_name}} is filled in.
---@field language? string A language code such as fr or pt-BR, choosing that translation of the message.
---@field type? "email"|"push" The channel of this step or content (email, push, webhook, SMS as twilio, Slack or in-app), as Customer.io returns it.
---@field from_address? string The sender, such as "Acme <hello@acme.example>"; the address must belong to a verified sender identity.
---@field from_id? integer The sender identity, by its number (`list_sender_identities`), instead of `from_address`.
---@field reply_to? string The address that replies go to.
---@field reply_to_id? integer The sender identity replies go to, by its number (`list_sender_identities`).
---@field recipient? string Who the message goes to, usually Liquid such as {{customer.email}}.
---@field subject? string The subject line of the email.
---@field bcc? string Addresses that get a blind copy, comma-separated.
---@field fake_bcc? boolean true to send the blind copies as separate messages rather than with a Bcc header.
---@field preheader_text? string The preview text mail clients show beside the subject.
---@field headers? table<string, any> Extra email headers, as a table of header name = value.
---@field body_amp? string An AMP for email version of the content, for mail clients that show it.

---@class customerio.UpdateTransactionalContentResult: table<string, any>
---A table with `content` (an array of tables, each with `id`, `name`, `created`, `updated`, `body`, `language`, `type`, `from` and ...).

---@class customerio.UpdateTransactionalTranslationParams
---@field transactional_id integer Which transactional message template: its number, as `list_transactional_messages` returns it.
---@field language string A language code such as fr or pt-BR, choosing that translation of the message.
---@field name? string The content variant's name.
---@field created? integer Read-only: when it was created (Unix seconds), as Customer.io returns it; leave it out.
---@field updated? integer Read-only: when it was last changed (Unix seconds), as Customer.io returns it; leave it out.
---@field body? string The HTML content of the message; Liquid such as {{customer.first_name}} is filled in.
---@field type? "email"|"push" The channel of this step or content (email, push, webhook, SMS as twilio, Slack or in-app), as Customer.io returns it.
---@field from_address? string The sender, such as "Acme <hello@acme.example>"; the address must belong to a verified sender identity.
---@field from_id? integer The sender identity, by its number (`list_sender_identities`), instead of `from_address`.
---@field reply_to? string The address that replies go to.
---@field reply_to_id? integer The sender identity replies go to, by its number (`list_sender_identities`).
---@field recipient? string Who the message goes to, usually Liquid such as {{customer.email}}.
---@field subject? string The subject line of the email.
---@field bcc? string Addresses that get a blind copy, comma-separated.
---@field fake_bcc? boolean true to send the blind copies as separate messages rather than with a Bcc header.
---@field preheader_text? string The preview text mail clients show beside the subject.
---@field headers? table<string, any> Extra email headers, as a table of header name = value.
---@field body_amp? string An AMP for email version of the content, for mail clients that show it.

---@class customerio.UpdateTransactionalTranslationResult: table<string, any>
---A table with `content` (an array of tables, each with `id`, `name`, `created`, `updated`, `body`, `language`, `type`, `from` and ...).

---@class customerio.UploadAssetParams
---@field name string The file's name in the library, with its extension, such as logo.png.
---@field content? string The file's content as text (for text files: CSV, HTML, SVG).
---@field content_base64? string The file's bytes, base64-encoded (for images, PDFs, any binary file).
---@field content_type? string The file's media type, such as image/png.
---@field parent_folder_id? integer The asset folder to put it in (its id); default: the library's top level.

---@class customerio.UploadAssetResult: table<string, any>
---A table with `asset`: the new file's `id`, `name`, `content_type`, `size`, `url`, `created_at`.

---@class customerio.Functions
local customerio = {}

---Add people to a manual segment (by id, email or cio_id). (write)
---@param params customerio.AddCustomersToSegmentParams
---@return customerio.AddCustomersToSegmentResult
function customerio.add_customers_to_segment(params) end

---Add or update a mobile device (push token) of a person. (write)
---@param params customerio.AddDeviceParams
---@return customerio.AddDeviceResult
function customerio.add_device(params) end

---Put an address on the email provider's suppression list. (destructive)
---@param params customerio.AddEmailSuppressionParams
---@return customerio.AddEmailSuppressionResult
function customerio.add_email_suppression(params) end

---Link a previous id of a person to their current one. (write)
---@param params customerio.AliasUserParams
---@return customerio.AliasUserResult
function customerio.alias_user(params) end

---Alias of alias_user.
---@param params customerio.AliasUserParams
---@return customerio.AliasUserResult
function customerio.customerio_create_alias(params) end

---Create a folder in the asset library. (write)
---@param params customerio.CreateAssetFolderParams
---@return customerio.CreateAssetFolderResult
function customerio.create_asset_folder(params) end

---Create a collection (a data table for messages). (write)
---@param params customerio.CreateCollectionParams
---@return customerio.CreateCollectionResult
function customerio.create_collection(params) end

---Create a reusable design studio component (a custom tag with its markup). (write)
---@param params customerio.CreateDesignComponentParams
---@return customerio.CreateDesignComponentResult
function customerio.create_design_component(params) end

---Draft a new email in the design studio. (write)
---@param params customerio.CreateDesignEmailParams
---@return customerio.CreateDesignEmailResult
function customerio.create_design_email(params) end

---Add a language version to a design studio email. (write)
---@param params customerio.CreateDesignEmailTranslationParams
---@return customerio.CreateDesignEmailTranslationResult
function customerio.create_design_email_translation(params) end

---Create a folder in the design studio. (write)
---@param params customerio.CreateDesignFolderParams
---@return customerio.CreateDesignFolderResult
function customerio.create_design_folder(params) end

---Start a CSV import of people, events, objects or relationships. (write)
---@param params customerio.CreateImportParams
---@return customerio.CreateImportResult
function customerio.create_import(params) end

---Create a newsletter (a draft until it is sent). (write)
---@param params customerio.CreateNewsletterParams
---@return customerio.CreateNewsletterResult
function customerio.create_newsletter(params) end

---Add an A/B test group to a newsletter. (write)
---@param params customerio.CreateNewsletterTestGroupParams
---@return customerio.CreateNewsletterTestGroupResult
function customerio.create_newsletter_test_group(params) end

---Add a language version to a newsletter's test group. (write)
---@param params customerio.CreateNewsletterTestTranslationParams
---@return customerio.CreateNewsletterTestTranslationResult
function customerio.create_newsletter_test_translation(params) end

---Add a language version to a newsletter. (write)
---@param params customerio.CreateNewsletterTranslationParams
---@return customerio.CreateNewsletterTranslationResult
function customerio.create_newsletter_translation(params) end

---Create or update a customer, with ModuleX's parameter names (calls identify_customer). (write)
---@param params customerio.CreateOrUpdateCustomerParams
---@return customerio.CreateOrUpdateCustomerResult
function customerio.create_or_update_customer(params) end

---Create a webhook that reports message events. (write)
---@param params customerio.CreateReportingWebhookParams
---@return customerio.CreateReportingWebhookResult
function customerio.create_reporting_webhook(params) end

---Create a manual segment (add people with add_customers_to_segment). (write)
---@param params customerio.CreateSegmentParams
---@return customerio.CreateSegmentResult
function customerio.create_segment(params) end

---Create a reusable content snippet. (write)
---@param params customerio.CreateSnippetParams
---@return customerio.CreateSnippetResult
function customerio.create_snippet(params) end

---Delete a file from the asset library. (destructive)
---@param params customerio.DeleteAssetParams
---@return customerio.DeleteAssetResult
function customerio.delete_asset(params) end

---Delete a folder of the asset library. (destructive)
---@param params customerio.DeleteAssetFolderParams
---@return customerio.DeleteAssetFolderResult
function customerio.delete_asset_folder(params) end

---Delete a collection. (destructive)
---@param params customerio.DeleteCollectionParams
---@return customerio.DeleteCollectionResult
function customerio.delete_collection(params) end

---Delete a person's profile (a later call may create it again). (destructive)
---@param params customerio.DeleteCustomerParams
---@return customerio.DeleteCustomerResult
function customerio.delete_customer(params) end

---Alias of delete_customer.
---@param params customerio.DeleteCustomerParams
---@return customerio.DeleteCustomerResult
function customerio.delete_person(params) end

---Delete a design studio component. (destructive)
---@param params customerio.DeleteDesignComponentParams
---@return customerio.DeleteDesignComponentResult
function customerio.delete_design_component(params) end

---Delete a design studio email. (destructive)
---@param params customerio.DeleteDesignEmailParams
---@return customerio.DeleteDesignEmailResult
function customerio.delete_design_email(params) end

---Remove one language version of a design studio email. (destructive)
---@param params customerio.DeleteDesignEmailTranslationParams
---@return customerio.DeleteDesignEmailTranslationResult
function customerio.delete_design_email_translation(params) end

---Delete a design studio folder. (destructive)
---@param params customerio.DeleteDesignFolderParams
---@return customerio.DeleteDesignFolderResult
function customerio.delete_design_folder(params) end

---Remove a mobile device from a person. (destructive)
---@param params customerio.DeleteDeviceParams
---@return customerio.DeleteDeviceResult
function customerio.delete_device(params) end

---Delete a newsletter. (destructive)
---@param params customerio.DeleteNewsletterParams
---@return customerio.DeleteNewsletterResult
function customerio.delete_newsletter(params) end

---Remove a language version from a newsletter's test group. (destructive)
---@param params customerio.DeleteNewsletterTestTranslationParams
---@return customerio.DeleteNewsletterTestTranslationResult
function customerio.delete_newsletter_test_translation(params) end

---Remove a language version from a newsletter. (destructive)
---@param params customerio.DeleteNewsletterTranslationParams
---@return customerio.DeleteNewsletterTranslationResult
function customerio.delete_newsletter_translation(params) end

---Delete a reporting webhook. (destructive)
---@param params customerio.DeleteReportingWebhookParams
---@return customerio.DeleteReportingWebhookResult
function customerio.delete_reporting_webhook(params) end

---Delete a manual segment. (destructive)
---@param params customerio.DeleteSegmentParams
---@return customerio.DeleteSegmentResult
function customerio.delete_segment(params) end

---Delete a content snippet. (destructive)
---@param params customerio.DeleteSnippetParams
---@return customerio.DeleteSnippetResult
function customerio.delete_snippet(params) end

---Describe people attributes in the data index (display name, type...). (write)
---@param params customerio.DescribeAttributesParams
---@return customerio.DescribeAttributesResult
function customerio.describe_attributes(params) end

---Describe events in the data index (display name, description...). (write)
---@param params customerio.DescribeEventsParams
---@return customerio.DescribeEventsResult
function customerio.describe_events(params) end

---Start an export of the people matching a filter. (write)
---@param params customerio.ExportCustomersParams
---@return customerio.ExportCustomersResult
function customerio.export_customers(params) end

---Start an export of message deliveries. (write)
---@param params customerio.ExportDeliveriesParams
---@return customerio.ExportDeliveriesResult
function customerio.export_deliveries(params) end

---Find the people with an email address. (read)
---@param params customerio.FindPeopleByEmailParams
---@return customerio.FindPeopleByEmailResult
function customerio.find_people_by_email(params) end

---Get the archived content of a sent message (100 calls a day). (read)
---@param params customerio.GetArchivedMessageParams
---@return customerio.GetArchivedMessageResult
function customerio.get_archived_message(params) end

---Get one file of the asset library. (read)
---@param params customerio.GetAssetParams
---@return customerio.GetAssetResult
function customerio.get_asset(params) end

---Get one folder of the asset library. (read)
---@param params customerio.GetAssetFolderParams
---@return customerio.GetAssetFolderResult
function customerio.get_asset_folder(params) end

---Get one broadcast. (read)
---@param params customerio.GetBroadcastParams
---@return customerio.GetBroadcastResult
function customerio.get_broadcast(params) end

---Get one action of a broadcast. (read)
---@param params customerio.GetBroadcastActionParams
---@return customerio.GetBroadcastActionResult
function customerio.get_broadcast_action(params) end

---Get click counts per link of a broadcast action. (read)
---@param params customerio.GetBroadcastActionLinkMetricsParams
---@return customerio.GetBroadcastActionLinkMetricsResult
function customerio.get_broadcast_action_link_metrics(params) end

---Get the metrics of a broadcast action. (read)
---@param params customerio.GetBroadcastActionMetricsParams
---@return customerio.GetBroadcastActionMetricsResult
function customerio.get_broadcast_action_metrics(params) end

---Get one language version of a broadcast action. (read)
---@param params customerio.GetBroadcastActionTranslationParams
---@return customerio.GetBroadcastActionTranslationResult
function customerio.get_broadcast_action_translation(params) end

---Get click counts per link of a broadcast. (read)
---@param params customerio.GetBroadcastLinkMetricsParams
---@return customerio.GetBroadcastLinkMetricsResult
function customerio.get_broadcast_link_metrics(params) end

---Get a broadcast's delivery metrics over time. (read)
---@param params customerio.GetBroadcastMetricsParams
---@return customerio.GetBroadcastMetricsResult
function customerio.get_broadcast_metrics(params) end

---Get the status of one broadcast trigger. (read)
---@param params customerio.GetBroadcastTriggerParams
---@return customerio.GetBroadcastTriggerResult
function customerio.get_broadcast_trigger(params) end

---Alias of get_broadcast_trigger.
---@param params customerio.GetBroadcastTriggerParams
---@return customerio.GetBroadcastTriggerResult
function customerio.customerio_get_trigger(params) end

---Get detailed information about a specific campaign. (read)
---@param params customerio.GetCampaignParams
---@return customerio.GetCampaignResult
function customerio.get_campaign(params) end

---Alias of get_campaign.
---@param params customerio.GetCampaignParams
---@return customerio.GetCampaignResult
function customerio.customerio_get_campaign(params) end

---Get one action of a campaign. (read)
---@param params customerio.GetCampaignActionParams
---@return customerio.GetCampaignActionResult
function customerio.get_campaign_action(params) end

---Get click counts per link of a campaign action. (read)
---@param params customerio.GetCampaignActionLinkMetricsParams
---@return customerio.GetCampaignActionLinkMetricsResult
function customerio.get_campaign_action_link_metrics(params) end

---Get the metrics of a campaign action. (read)
---@param params customerio.GetCampaignActionMetricsParams
---@return customerio.GetCampaignActionMetricsResult
function customerio.get_campaign_action_metrics(params) end

---Get one language version of a campaign action. (read)
---@param params customerio.GetCampaignActionTranslationParams
---@return customerio.GetCampaignActionTranslationResult
function customerio.get_campaign_action_translation(params) end

---Get how people moved through a campaign's journey. (read)
---@param params customerio.GetCampaignJourneyMetricsParams
---@return customerio.GetCampaignJourneyMetricsResult
function customerio.get_campaign_journey_metrics(params) end

---Get click counts per link of a campaign. (read)
---@param params customerio.GetCampaignLinkMetricsParams
---@return customerio.GetCampaignLinkMetricsResult
function customerio.get_campaign_link_metrics(params) end

---Get a campaign's delivery and conversion metrics over a time period. (read)
---@param params customerio.GetCampaignMetricsParams
---@return customerio.GetCampaignMetricsResult
function customerio.get_campaign_metrics(params) end

---Get one collection's description. (read)
---@param params customerio.GetCollectionParams
---@return customerio.GetCollectionResult
function customerio.get_collection(params) end

---Get the rows of a collection. (read)
---@param params customerio.GetCollectionContentsParams
---@return customerio.GetCollectionContentsResult
function customerio.get_collection_contents(params) end

---Get the currently authenticated user and account information. Useful for verifying API credentials. (read)
---@param params customerio.GetCurrentUserParams
---@return customerio.GetCurrentUserResult
function customerio.get_current_user(params) end

---Alias of get_current_user.
---@param params customerio.GetCurrentUserParams
---@return customerio.GetCurrentUserResult
function customerio.customerio_get_current_user(params) end

---Get one design studio component. (read)
---@param params customerio.GetDesignComponentParams
---@return customerio.GetDesignComponentResult
function customerio.get_design_component(params) end

---Get one design studio email. (read)
---@param params customerio.GetDesignEmailParams
---@return customerio.GetDesignEmailResult
function customerio.get_design_email(params) end

---Get one language version of a design studio email. (read)
---@param params customerio.GetDesignEmailTranslationParams
---@return customerio.GetDesignEmailTranslationResult
function customerio.get_design_email_translation(params) end

---Get one folder of the design studio. (read)
---@param params customerio.GetDesignFolderParams
---@return customerio.GetDesignFolderResult
function customerio.get_design_folder(params) end

---Find out whether the email provider suppresses an address, and why. (read)
---@param params customerio.GetEmailSuppressionParams
---@return customerio.GetEmailSuppressionResult
function customerio.get_email_suppression(params) end

---Get the status of one export. (read)
---@param params customerio.GetExportParams
---@return customerio.GetExportResult
function customerio.get_export(params) end

---Get a short-lived download link of an export. (read)
---@param params customerio.GetExportDownloadUrlParams
---@return customerio.GetExportDownloadUrlResult
function customerio.get_export_download_url(params) end

---Get the status of one import. (read)
---@param params customerio.GetImportParams
---@return customerio.GetImportResult
function customerio.get_import(params) end

---Get one message (delivery) and its metrics. (read)
---@param params customerio.GetMessageParams
---@return customerio.GetMessageResult
function customerio.get_message(params) end

---Get one newsletter. (read)
---@param params customerio.GetNewsletterParams
---@return customerio.GetNewsletterResult
function customerio.get_newsletter(params) end

---Get one content variant of a newsletter. (read)
---@param params customerio.GetNewsletterContentParams
---@return customerio.GetNewsletterContentResult
function customerio.get_newsletter_content(params) end

---Get click counts per link of one newsletter content variant. (read)
---@param params customerio.GetNewsletterContentLinkMetricsParams
---@return customerio.GetNewsletterContentLinkMetricsResult
function customerio.get_newsletter_content_link_metrics(params) end

---Get the metrics of one newsletter content variant. (read)
---@param params customerio.GetNewsletterContentMetricsParams
---@return customerio.GetNewsletterContentMetricsResult
function customerio.get_newsletter_content_metrics(params) end

---Get click counts per link of a newsletter. (read)
---@param params customerio.GetNewsletterLinkMetricsParams
---@return customerio.GetNewsletterLinkMetricsResult
function customerio.get_newsletter_link_metrics(params) end

---Get a newsletter's delivery metrics. (read)
---@param params customerio.GetNewsletterMetricsParams
---@return customerio.GetNewsletterMetricsResult
function customerio.get_newsletter_metrics(params) end

---Get one language version of a newsletter test group. (read)
---@param params customerio.GetNewsletterTestTranslationParams
---@return customerio.GetNewsletterTestTranslationResult
function customerio.get_newsletter_test_translation(params) end

---Get one language version of a newsletter. (read)
---@param params customerio.GetNewsletterTranslationParams
---@return customerio.GetNewsletterTranslationResult
function customerio.get_newsletter_translation(params) end

---Get the attributes of an object. (read)
---@param params customerio.GetObjectAttributesParams
---@return customerio.GetObjectAttributesResult
function customerio.get_object_attributes(params) end

---Get the attributes of up to 100 people at once. (read)
---@param params customerio.GetPeopleAttributesParams
---@return customerio.GetPeopleAttributesResult
function customerio.get_people_attributes(params) end

---Get a person's attributes and devices by id, email or cio_id. (read)
---@param params customerio.GetPersonAttributesParams
---@return customerio.GetPersonAttributesResult
function customerio.get_person_attributes(params) end

---Get a person's subscription topic choices. (read)
---@param params customerio.GetPersonSubscriptionPreferencesParams
---@return customerio.GetPersonSubscriptionPreferencesResult
function customerio.get_person_subscription_preferences(params) end

---Find the region (us or eu) and workspace of the account's Track credentials. (read)
---@param params customerio.GetRegionParams
---@return customerio.GetRegionResult
function customerio.get_region(params) end

---Get one reporting webhook. (read)
---@param params customerio.GetReportingWebhookParams
---@return customerio.GetReportingWebhookResult
function customerio.get_reporting_webhook(params) end

---Get one segment. (read)
---@param params customerio.GetSegmentParams
---@return customerio.GetSegmentResult
function customerio.get_segment(params) end

---Count the people in a segment. (read)
---@param params customerio.GetSegmentCustomerCountParams
---@return customerio.GetSegmentCustomerCountResult
function customerio.get_segment_customer_count(params) end

---Get one segment by `segment_id` (calls get_segment). (read)
---@param params customerio.GetSegmentDetailsParams
---@return customerio.GetSegmentDetailsResult
function customerio.get_segment_details(params) end

---Alias of get_segment_details.
---@param params customerio.GetSegmentDetailsParams
---@return customerio.GetSegmentDetailsResult
function customerio.customerio_get_segment_details(params) end

---List the campaigns and newsletters that use a segment. (read)
---@param params customerio.GetSegmentUsageParams
---@return customerio.GetSegmentUsageResult
function customerio.get_segment_usage(params) end

---Get one sender identity. (read)
---@param params customerio.GetSenderIdentityParams
---@return customerio.GetSenderIdentityResult
function customerio.get_sender_identity(params) end

---List the campaigns and messages that use a sender identity. (read)
---@param params customerio.GetSenderIdentityUsageParams
---@return customerio.GetSenderIdentityUsageResult
function customerio.get_sender_identity_usage(params) end

---Get the token that opens a person's subscription centre. (read)
---@param params customerio.GetSubscriptionCenterTokenParams
---@return customerio.GetSubscriptionCenterTokenResult
function customerio.get_subscription_center_token(params) end

---Get click counts per link of a transactional message. (read)
---@param params customerio.GetTransactionalLinkMetricsParams
---@return customerio.GetTransactionalLinkMetricsResult
function customerio.get_transactional_link_metrics(params) end

---Get one transactional message template. (read)
---@param params customerio.GetTransactionalMessageParams
---@return customerio.GetTransactionalMessageResult
function customerio.get_transactional_message(params) end

---Get a transactional message's delivery metrics. (read)
---@param params customerio.GetTransactionalMetricsParams
---@return customerio.GetTransactionalMetricsResult
function customerio.get_transactional_metrics(params) end

---Get one language version of a transactional message. (read)
---@param params customerio.GetTransactionalTranslationParams
---@return customerio.GetTransactionalTranslationResult
function customerio.get_transactional_translation(params) end

---Put a person in a group (an object) through Data Pipelines. (write)
---@param params customerio.GroupUserParams
---@return customerio.GroupUserResult
function customerio.group_user(params) end

---Alias of group_user.
---@param params customerio.GroupUserParams
---@return customerio.GroupUserResult
function customerio.customerio_add_person_to_group(params) end

---Create or update a customer profile in Customer.io. (write)
---@param params customerio.IdentifyCustomerParams
---@return customerio.IdentifyCustomerResult
function customerio.identify_customer(params) end

---Alias of identify_customer.
---@param params customerio.IdentifyCustomerParams
---@return customerio.IdentifyCustomerResult
function customerio.customerio_identify_customer(params) end

---Identify a person and their traits through Data Pipelines. (write)
---@param params customerio.IdentifyUserParams
---@return customerio.IdentifyUserResult
function customerio.identify_user(params) end

---Alias of identify_user.
---@param params customerio.IdentifyUserParams
---@return customerio.IdentifyUserResult
function customerio.customerio_identify_person(params) end

---Alias of identify_user.
---@param params customerio.IdentifyUserParams
---@return customerio.IdentifyUserResult
function customerio.identify_person(params) end

---List recent activity across the workspace. (read)
---@param params customerio.ListActivitiesParams
---@return customerio.ListActivitiesResult
function customerio.list_activities(params) end

---List the folders of the asset library. (read)
---@param params customerio.ListAssetFoldersParams
---@return customerio.ListAssetFoldersResult
function customerio.list_asset_folders(params) end

---List the files of the asset library (images, documents). (read)
---@param params customerio.ListAssetsParams
---@return customerio.ListAssetsResult
function customerio.list_assets(params) end

---List the actions (messages) of a broadcast. (read)
---@param params customerio.ListBroadcastActionsParams
---@return customerio.ListBroadcastActionsResult
function customerio.list_broadcast_actions(params) end

---List the messages a broadcast sent. (read)
---@param params customerio.ListBroadcastMessagesParams
---@return customerio.ListBroadcastMessagesResult
function customerio.list_broadcast_messages(params) end

---List the errors of one broadcast trigger. (read)
---@param params customerio.ListBroadcastTriggerErrorsParams
---@return customerio.ListBroadcastTriggerErrorsResult
function customerio.list_broadcast_trigger_errors(params) end

---List the times a broadcast was triggered. (read)
---@param params customerio.ListBroadcastTriggersParams
---@return customerio.ListBroadcastTriggersResult
function customerio.list_broadcast_triggers(params) end

---Alias of list_broadcast_triggers.
---@param params customerio.ListBroadcastTriggersParams
---@return customerio.ListBroadcastTriggersResult
function customerio.customerio_get_triggers(params) end

---List the API-triggered broadcasts. (read)
---@param params customerio.ListBroadcastsParams
---@return customerio.ListBroadcastsResult
function customerio.list_broadcasts(params) end

---List the actions (steps) of a campaign. (read)
---@param params customerio.ListCampaignActionsParams
---@return customerio.ListCampaignActionsResult
function customerio.list_campaign_actions(params) end

---List the messages a campaign sent. (read)
---@param params customerio.ListCampaignMessagesParams
---@return customerio.ListCampaignMessagesResult
function customerio.list_campaign_messages(params) end

---List all campaigns in the Customer.io workspace. (read)
---@param params customerio.ListCampaignsParams
---@return customerio.ListCampaignsResult
function customerio.list_campaigns(params) end

---Alias of list_campaigns.
---@param params customerio.ListCampaignsParams
---@return customerio.ListCampaignsResult
function customerio.customerio_list_campaigns(params) end

---List the collections. (read)
---@param params customerio.ListCollectionsParams
---@return customerio.ListCollectionsResult
function customerio.list_collections(params) end

---Alias of list_collections.
---@param params customerio.ListCollectionsParams
---@return customerio.ListCollectionsResult
function customerio.customerio_list_collections(params) end

---List the reusable design studio components. (read)
---@param params customerio.ListDesignComponentsParams
---@return customerio.ListDesignComponentsResult
function customerio.list_design_components(params) end

---List the language versions of a design studio email. (read)
---@param params customerio.ListDesignEmailTranslationsParams
---@return customerio.ListDesignEmailTranslationsResult
function customerio.list_design_email_translations(params) end

---List the emails drafted in the design studio. (read)
---@param params customerio.ListDesignEmailsParams
---@return customerio.ListDesignEmailsResult
function customerio.list_design_emails(params) end

---List the folders of the design studio. (read)
---@param params customerio.ListDesignFoldersParams
---@return customerio.ListDesignFoldersResult
function customerio.list_design_folders(params) end

---List the addresses of one sending domain suppressed for a reason. (read)
---@param params customerio.ListDomainEmailSuppressionsParams
---@return customerio.ListDomainEmailSuppressionsResult
function customerio.list_domain_email_suppressions(params) end

---List addresses the email provider suppresses for one reason. (read)
---@param params customerio.ListEmailSuppressionsParams
---@return customerio.ListEmailSuppressionsResult
function customerio.list_email_suppressions(params) end

---List the data exports of the workspace. (read)
---@param params customerio.ListExportsParams
---@return customerio.ListExportsResult
function customerio.list_exports(params) end

---List the IP addresses Customer.io sends from. (read)
---@param params customerio.ListIpAddressesParams
---@return customerio.ListIpAddressesResult
function customerio.list_ip_addresses(params) end

---Alias of list_ip_addresses.
---@param params customerio.ListIpAddressesParams
---@return customerio.ListIpAddressesResult
function customerio.customerio_list_ip_addresses(params) end

---List messages sent from the workspace. (read)
---@param params customerio.ListMessagesParams
---@return customerio.ListMessagesResult
function customerio.list_messages(params) end

---Alias of list_messages.
---@param params customerio.ListMessagesParams
---@return customerio.ListMessagesResult
function customerio.customerio_get_messages(params) end

---List the content variants (languages, A/B tests) of a newsletter. (read)
---@param params customerio.ListNewsletterContentsParams
---@return customerio.ListNewsletterContentsResult
function customerio.list_newsletter_contents(params) end

---List the messages a newsletter sent. (read)
---@param params customerio.ListNewsletterMessagesParams
---@return customerio.ListNewsletterMessagesResult
function customerio.list_newsletter_messages(params) end

---List the A/B test groups of a newsletter. (read)
---@param params customerio.ListNewsletterTestGroupsParams
---@return customerio.ListNewsletterTestGroupsResult
function customerio.list_newsletter_test_groups(params) end

---List all newsletters in the Customer.io workspace. (read)
---@param params customerio.ListNewslettersParams
---@return customerio.ListNewslettersResult
function customerio.list_newsletters(params) end

---Alias of list_newsletters.
---@param params customerio.ListNewslettersParams
---@return customerio.ListNewslettersResult
function customerio.customerio_list_newsletters(params) end

---List the people related to an object. (read)
---@param params customerio.ListObjectRelationshipsParams
---@return customerio.ListObjectRelationshipsResult
function customerio.list_object_relationships(params) end

---List the object types (companies, accounts...). (read)
---@param params customerio.ListObjectTypesParams
---@return customerio.ListObjectTypesResult
function customerio.list_object_types(params) end

---List a person's recent activity. (read)
---@param params customerio.ListPersonActivitiesParams
---@return customerio.ListPersonActivitiesResult
function customerio.list_person_activities(params) end

---List the messages sent to a person. (read)
---@param params customerio.ListPersonMessagesParams
---@return customerio.ListPersonMessagesResult
function customerio.list_person_messages(params) end

---List the objects a person relates to. (read)
---@param params customerio.ListPersonRelationshipsParams
---@return customerio.ListPersonRelationshipsResult
function customerio.list_person_relationships(params) end

---List the segments a person belongs to. (read)
---@param params customerio.ListPersonSegmentsParams
---@return customerio.ListPersonSegmentsResult
function customerio.list_person_segments(params) end

---List the reporting webhooks. (read)
---@param params customerio.ListReportingWebhooksParams
---@return customerio.ListReportingWebhooksResult
function customerio.list_reporting_webhooks(params) end

---Alias of list_reporting_webhooks.
---@param params customerio.ListReportingWebhooksParams
---@return customerio.ListReportingWebhooksResult
function customerio.customerio_get_webhooks(params) end

---List the people in a segment. (read)
---@param params customerio.ListSegmentMembersParams
---@return customerio.ListSegmentMembersResult
function customerio.list_segment_members(params) end

---Alias of list_segment_members.
---@param params customerio.ListSegmentMembersParams
---@return customerio.ListSegmentMembersResult
function customerio.customerio_get_segment_membership(params) end

---List all segments in the Customer.io workspace. (read)
---@param params customerio.ListSegmentsParams
---@return customerio.ListSegmentsResult
function customerio.list_segments(params) end

---Alias of list_segments.
---@param params customerio.ListSegmentsParams
---@return customerio.ListSegmentsResult
function customerio.customerio_list_segments(params) end

---Alias of list_segments.
---@param params customerio.ListSegmentsParams
---@return customerio.ListSegmentsResult
function customerio.customerio_get_segments(params) end

---List the sender identities (from addresses). (read)
---@param params customerio.ListSenderIdentitiesParams
---@return customerio.ListSenderIdentitiesResult
function customerio.list_sender_identities(params) end

---List the reusable content snippets. (read)
---@param params customerio.ListSnippetsParams
---@return customerio.ListSnippetsResult
function customerio.list_snippets(params) end

---Alias of list_snippets.
---@param params customerio.ListSnippetsParams
---@return customerio.ListSnippetsResult
function customerio.customerio_list_snippets(params) end

---List the subscription channels (email, SMS, push...) people can opt out of. (read)
---@param params customerio.ListSubscriptionChannelsParams
---@return customerio.ListSubscriptionChannelsResult
function customerio.list_subscription_channels(params) end

---List the subscription topics people can opt into. (read)
---@param params customerio.ListSubscriptionTopicsParams
---@return customerio.ListSubscriptionTopicsResult
function customerio.list_subscription_topics(params) end

---List the content variants of a transactional message. (read)
---@param params customerio.ListTransactionalContentsParams
---@return customerio.ListTransactionalContentsResult
function customerio.list_transactional_contents(params) end

---List the messages sent from a transactional template. (read)
---@param params customerio.ListTransactionalDeliveriesParams
---@return customerio.ListTransactionalDeliveriesResult
function customerio.list_transactional_deliveries(params) end

---List the transactional message templates. (read)
---@param params customerio.ListTransactionalMessagesParams
---@return customerio.ListTransactionalMessagesResult
function customerio.list_transactional_messages(params) end

---Alias of list_transactional_messages.
---@param params customerio.ListTransactionalMessagesParams
---@return customerio.ListTransactionalMessagesResult
function customerio.customerio_list_transactional_messages(params) end

---List the workspaces the App API key can see, with their message and people counts. (read)
---@param params customerio.ListWorkspacesParams
---@return customerio.ListWorkspacesResult
function customerio.list_workspaces(params) end

---Merge a secondary person into a primary one (irreversible). (destructive)
---@param params customerio.MergeCustomersParams
---@return customerio.MergeCustomersResult
function customerio.merge_customers(params) end

---Remove people from a manual segment (by id, email or cio_id). (write)
---@param params customerio.RemoveCustomersFromSegmentParams
---@return customerio.RemoveCustomersFromSegmentResult
function customerio.remove_customers_from_segment(params) end

---Take an address off the email provider's suppression list. (destructive)
---@param params customerio.RemoveEmailSuppressionParams
---@return customerio.RemoveEmailSuppressionResult
function customerio.remove_email_suppression(params) end

---Report what happened to a delivery (opened, clicked, bounced...). (write)
---@param params customerio.ReportDeliveryMetricParams
---@return customerio.ReportDeliveryMetricResult
function customerio.report_delivery_metric(params) end

---Report a push notification event (older form). (write)
---@param params customerio.ReportPushMetricParams
---@return customerio.ReportPushMetricResult
function customerio.report_push_metric(params) end

---Alias of report_push_metric.
---@param params customerio.ReportPushMetricParams
---@return customerio.ReportPushMetricResult
function customerio.customerio_report_push_events(params) end

---Create or change a reusable content snippet. (write)
---@param params customerio.SaveSnippetParams
---@return customerio.SaveSnippetResult
function customerio.save_snippet(params) end

---Schedule a newsletter to be sent to its audience later. (destructive)
---@param params customerio.ScheduleNewsletterParams
---@return customerio.ScheduleNewsletterResult
function customerio.schedule_newsletter(params) end

---Find objects of a type matching a filter. (read)
---@param params customerio.SearchObjectsParams
---@return customerio.SearchObjectsResult
function customerio.search_objects(params) end

---Find people matching a filter (segments, attributes). (read)
---@param params customerio.SearchPeopleParams
---@return customerio.SearchPeopleResult
function customerio.search_people(params) end

---Alias of search_people.
---@param params customerio.SearchPeopleParams
---@return customerio.SearchPeopleResult
function customerio.search_customers(params) end

---Send many events and profile updates at once, packed into as few batch requests as fit. (write)
---@param params customerio.SendBulkParams
---@return customerio.SendBulkResult
function customerio.send_bulk(params) end

---Send a transactional email. (destructive)
---@param params customerio.SendEmailParams
---@return customerio.SendEmailResult
function customerio.send_email(params) end

---Alias of send_email.
---@param params customerio.SendEmailParams
---@return customerio.SendEmailResult
function customerio.send_transactional_email(params) end

---Send many person, object and delivery operations at once. (write)
---@param params customerio.SendEntityBatchParams
---@return customerio.SendEntityBatchResult
function customerio.send_entity_batch(params) end

---Send one person, object or delivery operation (Track v2). (write)
---@param params customerio.SendEntityOperationParams
---@return customerio.SendEntityOperationResult
function customerio.send_entity_operation(params) end

---Send an event or a page view for a customer, with ModuleX's parameter names. (write)
---@param params customerio.SendEventParams
---@return customerio.SendEventResult
function customerio.send_event(params) end

---Send a transactional in-app message to a person. (destructive)
---@param params customerio.SendInAppMessageParams
---@return customerio.SendInAppMessageResult
function customerio.send_in_app_message(params) end

---Send a transactional inbox message to a person. (destructive)
---@param params customerio.SendInboxMessageParams
---@return customerio.SendInboxMessageResult
function customerio.send_inbox_message(params) end

---Send a newsletter to its audience now. (destructive)
---@param params customerio.SendNewsletterParams
---@return customerio.SendNewsletterResult
function customerio.send_newsletter(params) end

---Send many Data Pipelines calls in one request. (write)
---@param params customerio.SendPipelinesBatchParams
---@return customerio.SendPipelinesBatchResult
function customerio.send_pipelines_batch(params) end

---Alias of send_pipelines_batch.
---@param params customerio.SendPipelinesBatchParams
---@return customerio.SendPipelinesBatchResult
function customerio.customerio_send_batch(params) end

---Send a transactional push notification. (destructive)
---@param params customerio.SendPushParams
---@return customerio.SendPushResult
function customerio.send_push(params) end

---Send a transactional SMS. (destructive)
---@param params customerio.SendSmsParams
---@return customerio.SendSmsResult
function customerio.send_sms(params) end

---Send a transactional WhatsApp message to a person. (destructive)
---@param params customerio.SendWhatsappParams
---@return customerio.SendWhatsappResult
function customerio.send_whatsapp(params) end

---Submit a form's fields, as a web form would. (write)
---@param params customerio.SubmitFormParams
---@return customerio.SubmitFormResult
function customerio.submit_form(params) end

---Delete a person and block their identifier from coming back. (destructive)
---@param params customerio.SuppressCustomerParams
---@return customerio.SuppressCustomerResult
function customerio.suppress_customer(params) end

---Delete a person and block their identifier from coming back (by id, email or cio_id). (destructive)
---@param params customerio.SuppressPersonParams
---@return customerio.SuppressPersonResult
function customerio.suppress_person(params) end

---Alias of suppress_person.
---@param params customerio.SuppressPersonParams
---@return customerio.SuppressPersonResult
function customerio.customerio_customer_io_suppress_person(params) end

---Track an event for a visitor not yet identified (by anonymous id). (write)
---@param params customerio.TrackAnonymousEventParams
---@return customerio.TrackAnonymousEventResult
function customerio.track_anonymous_event(params) end

---Track a custom event for a customer. Events can trigger campaign workflows and are used for segmentation. (write)
---@param params customerio.TrackEventParams
---@return customerio.TrackEventResult
function customerio.track_event(params) end

---Alias of track_event.
---@param params customerio.TrackEventParams
---@return customerio.TrackEventResult
function customerio.customerio_track_event(params) end

---Record a web page view through Data Pipelines. (write)
---@param params customerio.TrackPageViewParams
---@return customerio.TrackPageViewResult
function customerio.track_page_view(params) end

---Alias of track_page_view.
---@param params customerio.TrackPageViewParams
---@return customerio.TrackPageViewResult
function customerio.customerio_track_page(params) end

---Record a mobile screen view through Data Pipelines. (write)
---@param params customerio.TrackScreenViewParams
---@return customerio.TrackScreenViewResult
function customerio.track_screen_view(params) end

---Alias of track_screen_view.
---@param params customerio.TrackScreenViewParams
---@return customerio.TrackScreenViewResult
function customerio.customerio_track_screen(params) end

---Track an event through Data Pipelines. (write)
---@param params customerio.TrackUserEventParams
---@return customerio.TrackUserEventResult
function customerio.track_user_event(params) end

---Send an API-triggered broadcast now. (destructive)
---@param params customerio.TriggerBroadcastParams
---@return customerio.TriggerBroadcastResult
function customerio.trigger_broadcast(params) end

---Alias of trigger_broadcast.
---@param params customerio.TriggerBroadcastParams
---@return customerio.TriggerBroadcastResult
function customerio.customerio_trigger_broadcast(params) end

---Unsubscribe the person a delivery was sent to, as its unsubscribe link does. (destructive)
---@param params customerio.UnsubscribeDeliveryParams
---@return customerio.UnsubscribeDeliveryResult
function customerio.unsubscribe_delivery(params) end

---Alias of unsubscribe_delivery.
---@param params customerio.UnsubscribeDeliveryParams
---@return customerio.UnsubscribeDeliveryResult
function customerio.customerio_unsubscribe_delivery(params) end

---Lift the suppression of an identifier. (write)
---@param params customerio.UnsuppressCustomerParams
---@return customerio.UnsuppressCustomerResult
function customerio.unsuppress_customer(params) end

---Rename a library file or move it to another folder. (write)
---@param params customerio.UpdateAssetParams
---@return customerio.UpdateAssetResult
function customerio.update_asset(params) end

---Rename or move a folder of the asset library. (write)
---@param params customerio.UpdateAssetFolderParams
---@return customerio.UpdateAssetFolderResult
function customerio.update_asset_folder(params) end

---Change the content of a broadcast action. (write)
---@param params customerio.UpdateBroadcastActionParams
---@return customerio.UpdateBroadcastActionResult
function customerio.update_broadcast_action(params) end

---Change one language version of a broadcast action. (write)
---@param params customerio.UpdateBroadcastActionTranslationParams
---@return customerio.UpdateBroadcastActionTranslationResult
function customerio.update_broadcast_action_translation(params) end

---Change the content of a campaign action. (write)
---@param params customerio.UpdateCampaignActionParams
---@return customerio.UpdateCampaignActionResult
function customerio.update_campaign_action(params) end

---Change one language version of a campaign action. (write)
---@param params customerio.UpdateCampaignActionTranslationParams
---@return customerio.UpdateCampaignActionTranslationResult
function customerio.update_campaign_action_translation(params) end

---Rename a collection or replace its data. (write)
---@param params customerio.UpdateCollectionParams
---@return customerio.UpdateCollectionResult
function customerio.update_collection(params) end

---Replace the rows of a collection. (write)
---@param params customerio.UpdateCollectionContentsParams
---@return customerio.UpdateCollectionContentsResult
function customerio.update_collection_contents(params) end

---Change a design studio component. (write)
---@param params customerio.UpdateDesignComponentParams
---@return customerio.UpdateDesignComponentResult
function customerio.update_design_component(params) end

---Change a design studio email. (write)
---@param params customerio.UpdateDesignEmailParams
---@return customerio.UpdateDesignEmailResult
function customerio.update_design_email(params) end

---Change one language version of a design studio email. (write)
---@param params customerio.UpdateDesignEmailTranslationParams
---@return customerio.UpdateDesignEmailTranslationResult
function customerio.update_design_email_translation(params) end

---Rename or move a design studio folder. (write)
---@param params customerio.UpdateDesignFolderParams
---@return customerio.UpdateDesignFolderResult
function customerio.update_design_folder(params) end

---Change one content variant of a newsletter. (write)
---@param params customerio.UpdateNewsletterContentParams
---@return customerio.UpdateNewsletterContentResult
function customerio.update_newsletter_content(params) end

---Change one language version of a newsletter test group. (write)
---@param params customerio.UpdateNewsletterTestTranslationParams
---@return customerio.UpdateNewsletterTestTranslationResult
function customerio.update_newsletter_test_translation(params) end

---Change one language version of a newsletter. (write)
---@param params customerio.UpdateNewsletterTranslationParams
---@return customerio.UpdateNewsletterTranslationResult
function customerio.update_newsletter_translation(params) end

---Change a reporting webhook. (write)
---@param params customerio.UpdateReportingWebhookParams
---@return customerio.UpdateReportingWebhookResult
function customerio.update_reporting_webhook(params) end

---Change one content variant of a transactional message. (write)
---@param params customerio.UpdateTransactionalContentParams
---@return customerio.UpdateTransactionalContentResult
function customerio.update_transactional_content(params) end

---Change one language version of a transactional message. (write)
---@param params customerio.UpdateTransactionalTranslationParams
---@return customerio.UpdateTransactionalTranslationResult
function customerio.update_transactional_translation(params) end

---Upload a file (an image, a PDF...) to the asset library. (write)
---@param params customerio.UploadAssetParams
---@return customerio.UploadAssetResult
function customerio.upload_asset(params) end

---`app.integrations.customerio`: the functions (default account), or `.<account>.<function>`.
---@class customerio.Namespace: customerio.Functions
---@field [string] customerio.Functions

---@class app.Integrations
---@field customerio customerio.Namespace

---@class app
---@field integrations app.Integrations
---@field dry_run boolean true in a dry run: writes return their planned request instead of being sent
app = {}
