"""Writes with rules for proposals: one module per workflow."""
