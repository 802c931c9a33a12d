"""The request's read-ahead (config/read_ahead.py): one round trip, never a stale answer."""

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from django.test import RequestFactory

from config import read_ahead
from config.cache import ReadAheadLocMemCache


def _backend(name):
    return ReadAheadLocMemCache(name, {})


def test_keys_read_ahead_are_answered_without_reaching_the_store(monkeypatch):
    backend = _backend("ra-1")
    backend.set("a", 1)
    backend.set("b", 2)
    with read_ahead.active():
        backend.read_ahead([("a", None), ("b", None), ("absent", None)])
        monkeypatch.setattr(LocMemCache, "get", lambda *a, **k: 1 / 0)
        assert backend.get("a") == 1
        assert backend.get_many(["a", "b", "absent"]) == {"a": 1, "b": 2}
        assert backend.get("absent", "default") == "default"


def test_the_requests_own_write_is_read_back_not_the_value_read_ahead():
    backend = _backend("ra-2")
    backend.set("version", 1)
    with read_ahead.active():
        backend.read_ahead([("version", None)])
        backend.incr("version")
        assert backend.get("version") == 2
        backend.set("version", 7)
        assert backend.get("version") == 7
        backend.delete("version")
        assert backend.get("version") is None


def test_without_an_active_request_the_backend_reads_the_store_as_before():
    backend = _backend("ra-3")
    backend.set("a", 1)
    backend.read_ahead([("a", None)])  # no request: nothing kept
    backend.set("a", 2)
    assert backend.get("a") == 2


def test_an_address_learns_shared_keys_but_never_a_session_or_a_persons_permissions(
    monkeypatch,
):
    read_ahead.forget_all()
    backend = _backend("ra-4")
    monkeypatch.setattr(read_ahead, "caches", {"default": backend})

    def view(request):
        backend.get("mam:chrome:version")
        backend.get("mam:perms:version")
        backend.get("mam:perms:123:7:0")
        backend.get("django.contrib.sessions.cached_dbabc")
        return "response"

    middleware = read_ahead.ReadAheadMiddleware(view)
    assert middleware(RequestFactory().get("/page/")) == "response"
    (learned,) = read_ahead._learned.values()
    assert [key for key, _version in learned] == ["mam:chrome:version", "mam:perms:version"]


def test_a_post_reads_nothing_ahead_and_learns_nothing(monkeypatch):
    read_ahead.forget_all()
    backend = _backend("ra-5")
    monkeypatch.setattr(read_ahead, "caches", {"default": backend})
    middleware = read_ahead.ReadAheadMiddleware(lambda request: backend.get("k"))
    middleware(RequestFactory().post("/page/"))
    assert read_ahead._learned == {}


def test_a_version_bumped_by_another_process_is_read_fresh_by_the_next_request(monkeypatch):
    read_ahead.forget_all()
    backend = _backend("ra-6")
    monkeypatch.setattr(read_ahead, "caches", {"default": backend})
    backend.set("version", 1)
    middleware = read_ahead.ReadAheadMiddleware(lambda request: backend.get("version"))
    assert middleware(RequestFactory().get("/p/")) == 1
    backend.incr("version")  # elsewhere, between two requests
    assert middleware(RequestFactory().get("/p/")) == 2


def _with_session(cookie: str):
    request = RequestFactory().get("/page/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = cookie
    return request


def test_a_sessions_personal_keys_are_read_ahead_on_its_next_request(monkeypatch):
    read_ahead.forget_all()
    backend = _backend("ra-7")
    monkeypatch.setattr(read_ahead, "caches", {"default": backend})
    backend.set("mam:perms:123:7:0", {"perm"})
    middleware = read_ahead.ReadAheadMiddleware(lambda request: backend.get("mam:perms:123:7:0"))
    cookie = "a" * 32
    assert middleware(_with_session(cookie)) == {"perm"}
    fetched = []
    monkeypatch.setattr(backend, "_fetch", lambda pairs: fetched.extend(pairs) or {})
    middleware(_with_session(cookie))
    assert ("mam:perms:123:7:0", 1) in fetched


def test_a_sessions_personal_keys_are_not_read_ahead_for_another_session(monkeypatch):
    read_ahead.forget_all()
    backend = _backend("ra-8")
    monkeypatch.setattr(read_ahead, "caches", {"default": backend})
    middleware = read_ahead.ReadAheadMiddleware(lambda request: backend.get("mam:perms:123:7:0"))
    middleware(_with_session("a" * 32))
    fetched = []
    monkeypatch.setattr(backend, "_fetch", lambda pairs: fetched.extend(pairs) or {})
    middleware(_with_session("b" * 32))
    assert ("mam:perms:123:7:0", 1) not in fetched


def test_a_personal_key_read_ahead_is_answered_fresh_after_a_change_between_requests(
    monkeypatch,
):
    read_ahead.forget_all()
    backend = _backend("ra-9")
    monkeypatch.setattr(read_ahead, "caches", {"default": backend})
    backend.set("mam:email:7", "unconfirmed")
    middleware = read_ahead.ReadAheadMiddleware(lambda request: backend.get("mam:email:7"))
    cookie = "c" * 32
    assert middleware(_with_session(cookie)) == "unconfirmed"
    backend.set("mam:email:7", "confirmed")  # elsewhere, between two requests
    assert middleware(_with_session(cookie)) == "confirmed"


def test_the_session_cookie_itself_is_not_kept_in_the_process(monkeypatch):
    read_ahead.forget_all()
    backend = _backend("ra-10")
    monkeypatch.setattr(read_ahead, "caches", {"default": backend})
    middleware = read_ahead.ReadAheadMiddleware(lambda request: backend.get("mam:perms:1:2:0"))
    cookie = "d" * 32
    middleware(_with_session(cookie))
    assert read_ahead._personal
    assert all(cookie not in where for where in read_ahead._personal)
