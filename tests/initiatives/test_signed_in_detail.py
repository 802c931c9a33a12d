"""A signed-in resident's initiative page: the story the same for everyone is rendered once per
content version (initiatives/detail_page.py), the person's own bits per request (issue #17)."""

import pytest

from home.templatetags import mam_tags
from initiatives.services import editing, membership, needs, updates
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, running
from tests.initiatives.local_helpers import draft
from tests.initiatives.test_pages import grow

pytestmark = pytest.mark.django_db
MAX_QUERIES = 6


@pytest.fixture
def initiative(home_page, page_cache_on):
    index = centre_with_index(home_page)[1]
    found = running(index, title="Zielone podwórko")
    grow(found, 3)
    return found


def test_a_signed_in_residents_initiative_page_takes_at_most_six_queries(
    initiative, django_assert_max_num_queries, signed_in_client
):
    client = signed_in_client(confirmed_user())
    url = initiative.get_absolute_url()
    client.get(url)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert "Zielone podwórko" in response.content.decode()


def test_a_members_sign_up_is_not_shown_to_a_non_member(initiative, committed, signed_in_client):
    need = initiative.needs.first()
    member = confirmed_user()
    with committed():
        membership.initiative_join(initiative=initiative, user=member, kind="member")
        needs.need_sign_up(need=need, user=member)
    url = initiative.get_absolute_url()
    mine = signed_in_client(member).get(url).content.decode()
    theirs = signed_in_client(confirmed_user()).get(url).content.decode()
    assert 'value="withdraw"' in mine
    assert 'value="withdraw"' not in theirs
    assert "Należysz do tej grupy." in mine
    assert "Należysz do tej grupy." not in theirs


def test_coordinators_controls_and_drafts_are_not_shown_to_a_resident(initiative, signed_in_client):
    application = draft(initiative)
    link = f"lokalna/{application.pk}/"
    url = initiative.get_absolute_url()
    coordinator = signed_in_client(initiative.started_by).get(url).content.decode()
    resident = signed_in_client(confirmed_user()).get(url).content.decode()
    assert link in coordinator
    assert "/koordynacja/" in coordinator
    assert link not in resident
    assert "/koordynacja/" not in resident
    again = signed_in_client(initiative.started_by).get(url).content.decode()
    assert link in again


def test_a_new_update_shows_at_once(initiative, committed, signed_in_client):
    client = signed_in_client(confirmed_user())
    url = initiative.get_absolute_url()
    client.get(url)
    with committed():
        updates.update_post(initiative=initiative, user=initiative.started_by, body="Posadzone!")
    assert "Posadzone!" in client.get(url).content.decode()


def test_a_new_member_with_consent_shows_at_once(initiative, committed, signed_in_client):
    client = signed_in_client(confirmed_user())
    url = initiative.get_absolute_url()
    client.get(url)
    joining = confirmed_user(display_name="Halina Nowakowska")
    with committed():
        membership.initiative_join(
            initiative=initiative, user=joining, kind="member", show_name=True
        )
    assert "Halina Nowakowska" in client.get(url).content.decode()


def test_a_changed_need_shows_at_once(initiative, committed, signed_in_client):
    client = signed_in_client(confirmed_user())
    url = initiative.get_absolute_url()
    client.get(url)
    with committed():
        needs.need_post(
            initiative=initiative, user=initiative.started_by, title="Przynieść łopaty", wanted=2
        )
    assert "Przynieść łopaty" in client.get(url).content.decode()


def test_an_updates_report_link_is_not_shown_to_its_author(initiative, signed_in_client):
    url = initiative.get_absolute_url()
    resident = signed_in_client(confirmed_user()).get(url).content.decode()
    author = signed_in_client(initiative.started_by).get(url).content.decode()
    assert resident.count('class="report-link"') > author.count('class="report-link"')


def test_an_update_author_who_left_the_group_is_not_offered_to_report_their_update(
    initiative, committed, signed_in_client
):
    neighbour = confirmed_user()
    with committed():
        joined = membership.initiative_join(initiative=initiative, user=neighbour, kind="member")
        membership.role_set(
            initiative=initiative, coordinator=initiative.started_by, member=joined, role="contact"
        )
        updates.update_post(initiative=initiative, user=neighbour, body="Posadziliśmy klon.")
        membership.initiative_leave(initiative=initiative, user=neighbour)
    page = signed_in_client(neighbour).get(initiative.get_absolute_url()).content.decode()
    own = page[page.index("Posadziliśmy klon.") :]
    own = own[: own.index("</article>")]
    assert 'class="report-link"' not in own


@pytest.fixture
def shared_parts(monkeypatch):
    """The HTML of every shared part rendered (not read from the cache), by part name."""
    rendered: dict[str, list[str]] = {}
    original = mam_tags.page_cache.shared_part

    def recording(page, request, render, *, name=""):
        def render_and_keep():
            html = str(render())
            rendered.setdefault(name, []).append(html)
            return html

        return original(page, request, render_and_keep, name=name)

    monkeypatch.setattr(mam_tags.page_cache, "shared_part", recording)
    return rendered


def test_no_persons_own_state_is_rendered_into_the_shared_parts(
    initiative, committed, shared_parts, signed_in_client
):
    """A member signed up for a need, invited to nothing, renders the page first: the parts
    kept for everyone hold no form, CSRF token, membership, sign-up or edit link."""
    member = confirmed_user()
    with committed():
        membership.initiative_join(initiative=initiative, user=member, kind="member")
        needs.need_sign_up(need=initiative.needs.first(), user=member)
    mine = signed_in_client(member).get(initiative.get_absolute_url()).content.decode()
    assert 'value="withdraw"' in mine
    assert set(shared_parts) == {"top", "needs", "story", "timeline"}
    shared = "".join(html for parts in shared_parts.values() for html in parts)
    for own in ("<form", "csrfmiddlewaretoken", 'value="withdraw"', "/zmien/", "/dolacz/"):
        assert own not in shared
    assert "Należysz do tej grupy." not in shared


def test_the_coordinators_edit_link_and_drafts_stay_outside_the_shared_parts(
    initiative, shared_parts, signed_in_client
):
    draft(initiative)
    page = (
        signed_in_client(initiative.started_by).get(initiative.get_absolute_url()).content.decode()
    )
    assert "/zmien/" in page
    shared = "".join(html for parts in shared_parts.values() for html in parts)
    assert "/zmien/" not in shared
    assert "lokalna/" not in shared.replace("lokalna/nowa/", "")


def test_an_edit_shows_at_once_to_a_signed_in_resident(initiative, committed, signed_in_client):
    client = signed_in_client(confirmed_user())
    url = initiative.get_absolute_url()
    client.get(url)
    with committed():
        editing.initiative_edit(
            initiative=initiative,
            user=initiative.started_by,
            title=initiative.title,
            issue=initiative.issue,
            goal="Trzy drzewa i ławka.",
            place=initiative.place,
        )
    page = client.get(url).content.decode()
    assert "Trzy drzewa i ławka." in page
    assert 'class="initiative-edits"' in page


def test_an_update_authors_page_reads_the_timeline_alone_not_the_whole_story(
    initiative, django_assert_max_num_queries, signed_in_client
):
    """The author's timeline is rendered for them (no report link on their own update) from
    the updates and linked activities only: 11 queries measured, against 19 for the story."""
    client = signed_in_client(initiative.started_by)
    url = initiative.get_absolute_url()
    client.get(url)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
