local result = app.integrations.customerio.list_segments({})

for _, segment in ipairs(result.segments or {}) do
  print(segment.name .. " (ID: " .. segment.id .. ")")
end
