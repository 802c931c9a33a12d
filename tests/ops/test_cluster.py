"""The cluster's nginx configuration and the loss test's verdict, without starting anything."""

from pathlib import Path
from types import SimpleNamespace

from ops.check import in_windows, judge
from ops.cluster import render_nginx_config


def _config(media_root):
    return render_nginx_config(
        listen="127.0.0.1:8080",
        app_ports=[9001, 9002],
        run_dir=Path("/srv/run"),
        static_root=Path("/srv/static"),
        media_root=media_root,
    )


def test_nginx_config_sends_requests_to_both_app_servers():
    config = _config(None)
    assert "server 127.0.0.1:9001 " in config
    assert "server 127.0.0.1:9002 " in config
    assert "{{" not in config


def test_nginx_config_retries_only_what_never_reached_a_server_or_was_idempotent():
    config = _config(None)
    assert "proxy_next_upstream error timeout http_502 http_503;" in config
    assert "non_idempotent" not in config.replace("(no `non_idempotent`)", "")


def test_nginx_serves_media_from_the_shared_directory_only_without_object_storage():
    assert "alias /srv/media/;" in _config(Path("/srv/media"))
    assert "location /media/" not in _config(None)


def _resident(number, acked=None, unacked=None):
    return SimpleNamespace(email=f"r{number}@x", acked=acked, unacked=unacked)


def _verified(**residents):
    return {
        "residents": {
            f"{name}@x": {"participations": len(ballots), "ballots": ballots}
            for name, ballots in residents.items()
        },
        "ballots_of_nobody": 0,
    }


def test_ballot_stored_as_last_acknowledged_is_no_loss():
    verdict = judge([_resident(1, acked=[3, 5])], _verified(r1=[[3, 5]]))
    assert (verdict["lost"], verdict["doubled"], verdict["never_acknowledged"]) == (0, 0, 0)


def test_acknowledged_ballot_stored_with_other_choices_is_lost():
    assert judge([_resident(1, acked=[3, 5])], _verified(r1=[[3]]))["lost"] == 1


def test_acknowledged_ballot_missing_is_lost():
    assert judge([_resident(1, acked=[3])], _verified(r1=[]))["lost"] == 1


def test_two_ballots_of_one_person_are_doubled():
    assert judge([_resident(1, acked=[3])], _verified(r1=[[3], [3]]))["doubled"] == 1


def test_stored_ballot_never_acknowledged_is_reported():
    verdict = judge([_resident(1, acked=[3], unacked=[4])], _verified(r1=[[4]]))
    assert verdict["never_acknowledged"] == 1


def test_server_errors_are_expected_only_inside_a_kill_window():
    windows = [(10.0, 20.0), (40.0, 42.0)]
    assert in_windows(15.0, windows)
    assert in_windows(41.0, windows)
    assert not in_windows(30.0, windows)
