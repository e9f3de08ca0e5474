local result = app.integrations.customerio.identify_customer({
  id = "user_12345",
  email = "jane.doe@example.com",
  name = "Jane Doe",
  attributes = {
    plan = "premium",
    company = "Acme Corp"
  }
})

print(result.message)
