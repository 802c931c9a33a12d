"""Residents' pages of a consultation served by the voting app (the ballot, the results)."""
