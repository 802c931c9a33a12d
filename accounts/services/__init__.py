"""Every write in accounts that carries a rule: the web views, the admin and the API call these."""
