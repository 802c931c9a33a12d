"""Residents' initiatives: a group around a local issue, its needs, updates, actions, outcome."""
