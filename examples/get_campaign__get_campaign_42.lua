local result = app.integrations.customerio.get_campaign({
  id = 42
})

print("Campaign: " .. result.name)
print("Active: " .. tostring(result.active))
