"""Residents' own pages: profile, residence, privacy tools, reporting content."""
