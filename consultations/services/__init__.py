"""Consultations' workflows: phases (phases.py), casting ballots (voting.py), results (results.py).

The web views, the admin, the API and management commands all call these functions, so each
rule is written once.
"""

from consultations.services.phases import close_phase_early

__all__ = ["close_phase_early"]
