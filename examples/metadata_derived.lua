-- The seed reference's "Metadata-Derived Lua Example", verbatim. It passes a string for
-- `attributes`, which must be a table: the bridge refuses it with a validation_error that
-- names `attributes`, before any request is sent (luabridge exits with code 1).
local result = app.integrations.customerio.customerio_identify_customer({
  id = "example_id",
  email = "example_email",
  name = "example_name",
  attributes = "example_attributes"
})
print(result)
