local result = app.integrations.customerio.track_event({
  id = "user_12345",
  name = "logged_in"
})
