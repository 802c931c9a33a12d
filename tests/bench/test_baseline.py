"""The load run's baseline view exists only when MAM_BENCH is on."""

from django.test import RequestFactory

from bench.views import baseline


def test_baseline_is_not_mounted_by_default(client, db):
    assert client.get("/bench/baseline/").status_code == 404


def test_baseline_answers_a_short_fixed_text():
    response = baseline(RequestFactory().get("/bench/baseline/"))
    assert response.status_code == 200
    assert response.content == b"ok\n"
