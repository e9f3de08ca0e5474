local result = app.integrations.customerio.track_event({
  id = "user_12345",
  name = "purchase",
  data = {
    product = "Pro Plan",
    amount = 99.00,
    currency = "USD"
  }
})

print(result.message)
