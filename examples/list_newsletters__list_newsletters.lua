local result = app.integrations.customerio.list_newsletters({})

for _, newsletter in ipairs(result.newsletters or {}) do
  print(newsletter.name .. " — Status: " .. tostring(newsletter.state))
end
