"""Every write with a rule: starting and reviewing, joining, needs, updates, actions."""
