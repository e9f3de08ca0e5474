local result = app.integrations.customerio.identify_customer({
  id = "user_12345",
  attributes = {
    plan = "enterprise",
    mrr = 299
  }
})
