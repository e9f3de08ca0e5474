---@meta
-- Generated from the customerio declarations by `python -m bridge.docgen`. Do not edit by hand.

---@class customerio.GetCampaignParams
---@field id integer The campaign ID to retrieve

---@class customerio.GetCampaignResult: table<string, any>
---The campaign's fields at the top level: `id`, `name`, `active`, `state`, `actions`, `tags`, ...

---@class customerio.GetCurrentUserParams

---@class customerio.GetCurrentUserResult: table<string, any>
---`email`, `account` (the account name), `region`, `environment_id` and `track_url` (with Track credentials), `workspaces` (with an App API key).

---@class customerio.GetRegionParams

---@class customerio.GetRegionResult: table<string, any>
---`region` ("us" or "eu"), `url` (the Track host to use) and `environment_id` (the workspace).

---@class customerio.IdentifyCustomerParams
---@field id string Unique identifier for the customer (user ID, email, or external ID)
---@field email? string Customer email address
---@field name? string Customer full name
---@field attributes? table<string, any> Additional custom attributes (key-value pairs)

---@class customerio.IdentifyCustomerResult: table<string, any>
---`success` (true), `id`, and `message`, a sentence saying what happened.

---@class customerio.ListCampaignsParams

---@class customerio.ListCampaignsResult: table<string, any>
---`campaigns`: an array of campaigns with `id`, `name`, `active`, `state`, `type` and more.

---@class customerio.ListNewslettersParams
---@field limit? integer How many newsletters per page (at most 100)
---@field start? string The `next` value of the previous page, to get the page after it
---@field sort? "asc"|"desc" Order by creation: "asc" or "desc"

---@class customerio.ListNewslettersResult: table<string, any>
---`newsletters`: an array of newsletters; `next`: pass it as `start` for the next page (empty on the last page).

---@class customerio.ListSegmentsParams

---@class customerio.ListSegmentsResult: table<string, any>
---`segments`: an array of segments with `id`, `name`, `description`, `state`, `type` and `tags`.

---@class customerio.ListWorkspacesParams

---@class customerio.ListWorkspacesResult: table<string, any>
---`workspaces`: an array with `id`, `name`, `messages_sent`, `people`, ...

---@class customerio.TrackEventParams
---@field id string Customer identifier (must match the ID used in identify)
---@field name string Event name (e.g., "purchase", "signup")
---@field data? table<string, any> Event data — key-value pairs with event details
---@field event_id? string De-duplication key; a fresh ULID when omitted. Reuse it when retrying so the event counts once
---@field timestamp? integer When the event happened, in unix seconds (default: now)

---@class customerio.TrackEventResult: table<string, any>
---`success` (true), `event_id` (the de-duplication key sent), and `message`.

---@class customerio.Functions
local customerio = {}

---Get detailed information about a specific campaign. (read)
---@param params customerio.GetCampaignParams
---@return customerio.GetCampaignResult
function customerio.get_campaign(params) end

---Alias of get_campaign.
---@param params customerio.GetCampaignParams
---@return customerio.GetCampaignResult
function customerio.customerio_get_campaign(params) end

---Get the currently authenticated user and account information. Useful for verifying API credentials. (read)
---@param params customerio.GetCurrentUserParams
---@return customerio.GetCurrentUserResult
function customerio.get_current_user(params) end

---Alias of get_current_user.
---@param params customerio.GetCurrentUserParams
---@return customerio.GetCurrentUserResult
function customerio.customerio_get_current_user(params) end

---Find the region (us or eu) and workspace of the account's Track credentials. (read)
---@param params customerio.GetRegionParams
---@return customerio.GetRegionResult
function customerio.get_region(params) end

---Create or update a customer profile in Customer.io. (write)
---@param params customerio.IdentifyCustomerParams
---@return customerio.IdentifyCustomerResult
function customerio.identify_customer(params) end

---Alias of identify_customer.
---@param params customerio.IdentifyCustomerParams
---@return customerio.IdentifyCustomerResult
function customerio.customerio_identify_customer(params) end

---List all campaigns in the Customer.io workspace. (read)
---@param params customerio.ListCampaignsParams
---@return customerio.ListCampaignsResult
function customerio.list_campaigns(params) end

---Alias of list_campaigns.
---@param params customerio.ListCampaignsParams
---@return customerio.ListCampaignsResult
function customerio.customerio_list_campaigns(params) end

---List all newsletters in the Customer.io workspace. (read)
---@param params customerio.ListNewslettersParams
---@return customerio.ListNewslettersResult
function customerio.list_newsletters(params) end

---Alias of list_newsletters.
---@param params customerio.ListNewslettersParams
---@return customerio.ListNewslettersResult
function customerio.customerio_list_newsletters(params) end

---List all segments in the Customer.io workspace. (read)
---@param params customerio.ListSegmentsParams
---@return customerio.ListSegmentsResult
function customerio.list_segments(params) end

---Alias of list_segments.
---@param params customerio.ListSegmentsParams
---@return customerio.ListSegmentsResult
function customerio.customerio_list_segments(params) end

---List the workspaces the App API key can see, with their message and people counts. (read)
---@param params customerio.ListWorkspacesParams
---@return customerio.ListWorkspacesResult
function customerio.list_workspaces(params) end

---Track a custom event for a customer. Events can trigger campaign workflows and are used for segmentation. (write)
---@param params customerio.TrackEventParams
---@return customerio.TrackEventResult
function customerio.track_event(params) end

---Alias of track_event.
---@param params customerio.TrackEventParams
---@return customerio.TrackEventResult
function customerio.customerio_track_event(params) end

---`app.integrations.customerio`: the functions (default account), or `.<account>.<function>`.
---@class customerio.Namespace: customerio.Functions
---@field [string] customerio.Functions

---@class app.Integrations
---@field customerio customerio.Namespace

---@class app
---@field integrations app.Integrations
---@field dry_run boolean true in a dry run: writes return their planned request instead of being sent
app = {}
