-- Multi-account usage: the same functions under each configured account.
-- With no credentials set, the emulator provides `default`, `production` and `staging`.
local customerio = app.integrations.customerio

local default_segments = customerio.list_segments({})
local explicit_default = customerio.default.list_segments({})
local production = customerio.production.list_segments({})
local staging = customerio.staging.list_segments({})

print("default:    " .. #default_segments.segments .. " segments")
print("default:    " .. #explicit_default.segments .. " segments (explicit)")
print("production: " .. #production.segments .. " segments")
print("staging:    " .. #staging.segments .. " segments")

for _, account in ipairs({ "production", "staging" }) do
  local me = customerio[account].get_current_user({})
  print(account .. " -> " .. me.email)
end
