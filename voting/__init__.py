"""Votes on a consultation: ballots online and on paper, the tally and the published results.

Above `proposals` (a ballot chooses proposals; publishing marks them selected) and below
`outcomes` (exports and the council report read the results). The tables keep the names they
had in `consultations` (each model's `Meta.db_table`); migration 0001 only moved the state.
"""
