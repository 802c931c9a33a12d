"""Residents' pages of a consultation served by the consultations app (the ballot)."""
