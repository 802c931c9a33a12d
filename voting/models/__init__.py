"""Votes: who took part (Participation) kept apart from what was chosen (Ballot).

Secrecy by design: a Participation says *that* a person voted and how (online or on paper);
a Ballot says *what* was chosen and carries no person. An online ballot is found again (to
change it) through `voter_key`, a keyed hash of voter and consultation computed with a server
secret (voting.services.voting.voter_key); the key is erased when the results are
published. Ballots have random UUIDs and no timestamps, so their order or time does not
match them to participations either.

A paper ballot's card carries the voter's name and number; staff type the name into the
Participation and the choices into the Ballot. Views and exports show one or the other,
never both together.
"""

from voting.models.ballots import (
    Ballot,
    BallotChoice,
    BallotCorrection,
    Channel,
    Participation,
    counted_ballots,
)
from voting.models.paper import PaperEntry, PaperProtocol
from voting.models.results import PublishJob, ResultFile, ResultSnapshot, TieDraw

__all__ = [
    "Channel",
    "Participation",
    "Ballot",
    "counted_ballots",
    "BallotChoice",
    "BallotCorrection",
    "PaperEntry",
    "PaperProtocol",
    "ResultSnapshot",
    "ResultFile",
    "TieDraw",
    "PublishJob",
]
