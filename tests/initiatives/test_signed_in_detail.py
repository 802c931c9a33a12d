"""A signed-in resident's initiative page: the story the same for everyone is rendered once per
content version (initiatives/detail_page.py), the person's own bits per request (issue #17)."""

import re

import pytest
from django.core.cache import cache

from accounts.services import moderation
from home import page_cache
from home.templatetags import mam_tags
from initiatives.services import editing, membership, needs, updates
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, organiser, running
from tests.initiatives.local_helpers import draft
from tests.initiatives.test_moderation import moderator
from tests.initiatives.test_pages import grow

pytestmark = pytest.mark.django_db
MAX_QUERIES = 6
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


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


# --- Someone with nothing of their own on the page: one part shared by every such person ---


def queries_of_a_warm_request(client, url, django_assert_max_num_queries, limit) -> int:
    client.get(url)
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_an_outsiders_page_costs_the_same_few_queries_with_more_of_everything(
    initiative, django_assert_max_num_queries, signed_in_client
):
    """The initiative's row with the person's membership and sign-ups (one query), the rest
    from the shared part: as many queries with 3 as with 9 needs, updates and members."""
    client = signed_in_client(confirmed_user())
    url = initiative.get_absolute_url()
    few = queries_of_a_warm_request(client, url, django_assert_max_num_queries, 3)
    grow(initiative, 6)
    assert queries_of_a_warm_request(client, url, django_assert_max_num_queries, 3) == few


def form_tokens(response) -> set[str]:
    return set(TOKEN.findall(response.content.decode()))


def test_two_outsiders_share_the_part_each_with_their_own_csrf_tokens(
    initiative, shared_parts, signed_in_client
):
    first, second = signed_in_client(confirmed_user()), signed_in_client(confirmed_user())
    url = initiative.get_absolute_url()
    first_page, second_page = first.get(url), second.get(url)
    assert len(shared_parts["outsider"]) == 1  # rendered for the first, read by the second
    assert "/dolacz/" in second_page.content.decode()
    first_tokens, second_tokens = form_tokens(first_page), form_tokens(second_page)
    assert len(second_tokens) >= 2  # the join form's and the header's
    assert first_tokens.isdisjoint(second_tokens)
    assert page_cache.CSRF_PLACEHOLDER.decode() not in second_page.content.decode()


def test_the_stored_outsider_part_keeps_no_csrf_token(initiative, signed_in_client):
    response = signed_in_client(confirmed_user()).get(initiative.get_absolute_url())
    key = page_cache.copy_key(initiative.index, response.wsgi_request, kind="shared:outsider")
    stored = cache.get(key)["html"]
    assert page_cache.CSRF_PLACEHOLDER.decode() in stored
    assert form_tokens(response).isdisjoint(TOKEN.findall(stored))


def test_a_member_never_gets_the_outsider_part(
    initiative, committed, shared_parts, signed_in_client
):
    url = initiative.get_absolute_url()
    signed_in_client(confirmed_user()).get(url)  # the outsider part is stored
    member = confirmed_user()
    with committed():
        membership.initiative_join(initiative=initiative, user=member, kind="member")
    page = signed_in_client(member).get(url).content.decode()
    assert len(shared_parts["outsider"]) == 1
    assert "Należysz do tej grupy." in page
    assert 'value="leave"' in page


def test_a_non_member_signed_up_for_a_need_sees_their_withdraw_form(
    initiative, committed, signed_in_client
):
    url = initiative.get_absolute_url()
    signed_in_client(confirmed_user()).get(url)  # the outsider part is stored
    helper = confirmed_user()
    with committed():
        needs.need_sign_up(need=initiative.needs.first(), user=helper)
    page = signed_in_client(helper).get(url).content.decode()
    assert 'value="withdraw"' in page
    assert 'value="withdraw"' not in signed_in_client(confirmed_user()).get(url).content.decode()


def test_the_centres_organiser_never_gets_the_outsider_part(initiative, signed_in_client):
    url = initiative.get_absolute_url()
    signed_in_client(confirmed_user()).get(url)
    page = signed_in_client(organiser(initiative.centre)).get(url).content.decode()
    assert "/zmien/" in page


def test_an_outsider_loses_the_page_at_once_when_the_initiative_is_hidden(
    initiative, committed, signed_in_client
):
    client = signed_in_client(confirmed_user())
    url = initiative.get_absolute_url()
    assert client.get(url).status_code == 200
    with committed():
        moderation.contribution_hide(
            target=initiative, moderator=moderator(initiative.centre), reason="Reklama."
        )
    assert client.get(url).status_code == 404
