local result = app.integrations.customerio.get_current_user({})

print("Account: " .. result.email)
