-- Quickstart: runs against the built-in emulated workspace when no credentials are set.
local customerio = app.integrations.customerio

-- Who are we? (proves the credentials)
local me = customerio.get_current_user({})
print("Account: " .. me.email .. " (region " .. me.region .. ")")

-- Create or update a person, then record what they did.
local person = customerio.identify_customer({
  id = "user_12345",
  email = "jane.doe@example.com",
  name = "Jane Doe",
  attributes = { plan = "premium", company = "Acme Corp" },
})
print(person.message)

local event = customerio.track_event({
  id = "user_12345",
  name = "purchase",
  data = { product = "Pro Plan", amount = 99.00, currency = "USD" },
})
print(event.message)

-- Read the workspace.
for _, segment in ipairs(customerio.list_segments({}).segments) do
  print("Segment: " .. segment.name .. " (ID: " .. segment.id .. ")")
end

local campaign = customerio.get_campaign({ id = 42 })
print("Campaign: " .. campaign.name .. ", active: " .. tostring(campaign.active))

-- A mistake gives an error table that says what to change.
local ok, err = pcall(customerio.identify_customer, { id = "user_12345", emial = "typo@example.com" })
print("Caught: " .. err.code .. ": " .. err.message)

return { person = person.id, event = event.event_id, campaign = campaign.name }
