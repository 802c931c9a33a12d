"""What consultations keep of the vote after the split, without importing the voting app."""

from consultations import api as consultations_api
from consultations.models import ConsultationPage
from voting import tally


def test_the_api_names_the_town_pool_as_the_ballot_files_do():
    assert consultations_api.TOWN_POOL == tally.TOWN_POOL


def test_the_ballot_and_results_pages_are_the_consultations_own_sub_urls():
    names = {pattern.name for pattern in ConsultationPage.get_subpage_urls()}
    assert {"vote", "results", "ballots_json", "ballots_csv", "tally_program"} <= names
