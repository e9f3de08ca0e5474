local result = app.integrations.customerio.list_campaigns({})

for _, campaign in ipairs(result.campaigns or {}) do
  print(campaign.name .. " — Status: " .. tostring(campaign.active))
end
