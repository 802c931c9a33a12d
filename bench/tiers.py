"""One tier of a benchmark run: generate its data, count queries, time the exports, weigh
pages, load each target with wrk, publish the result and load the results page."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import time

import requests

from bench import wrk
from bench.names import BENCH_PASSWORD as PASSWORD
from bench.names import EMAIL_DOMAIN
from bench.processes import PYTHON, ROOT, Server, log, module
from bench.targets import (
    AFTER_PUBLISHING,
    MAIN_TARGETS,
    SIGNED_IN,
    SPARE_USERS,
    TARGETS,
    tier_sizes,
)


def paths(env) -> dict:
    """The URLs under test, and proposal ids for the detail and the ballot."""
    code = (
        "import json, django; django.setup();"
        "from bench.names import CONSULTATION_SLUG as S; from bench.content import content_urls;"
        "from consultations.models import ConsultationPage as C;"
        "c = C.objects.get(slug=S); b = c.url;"
        "top = list(c.proposals.order_by('-supports_count','pk')"
        ".values_list('pk', flat=True)[:50]);"
        "acc = list(c.proposals.filter(status='accepted').values_list('pk', flat=True)[:40]);"
        "cat = c.categories.first().pk;"
        "print(json.dumps({'list': b + 'propozycje/',"
        " 'list_filtered': b + f'propozycje/?category={cat}&sort=supported',"
        " 'detail': b + 'propozycje/{pk}/', 'detail_ids': top,"
        " 'geojson': b + 'propozycje/mapa/geojson/', 'results': b + 'wyniki/',"
        " 'ballot': b + 'glosowanie/', 'ballot_ids': acc, 'home': '/',"
        " 'api': f'/api/v1/proposals/?consultation={c.pk}',"
        " 'api_detail': '/api/v1/proposals/{pk}/', 'baseline': '/bench/baseline/',"
        " 'implementation': b + 'realizacja/', **content_urls()}))"
    )
    return json.loads(
        subprocess.run(  # noqa: S603
            [PYTHON, "-c", code], env=env, check=True, capture_output=True, text=True, cwd=ROOT
        ).stdout
    )


def probe(server: Server, target: str, urls: dict) -> str | None:
    """Why a target is skipped (its URL answers 404: not built on this branch), or None."""
    key = target.removesuffix("_signed_in").removesuffix("_last")
    if key not in urls:
        return f"no {key} page in the generated data"
    with_id = key in ("detail", "api_detail")
    path = urls[key].format(pk=urls["detail_ids"][0]) if with_id else urls[key]
    status = requests.get(server.url + path, timeout=30, allow_redirects=False).status_code
    if status == 404:
        return f"{path} answers 404 (not on this branch)"
    return None


def _accounts(offset: int, count: int) -> list[str]:
    return [f"resident{n}@{EMAIL_DOMAIN}" for n in range(offset, offset + count)]


def load_for(server: Server, target: str, urls: dict, connections: int, offset: int):
    """What wrk asks for on `target`: its paths, and signed-in sessions where it needs them."""
    key = target.removesuffix("_signed_in").removesuffix("_last")
    if key in ("detail", "api_detail"):
        paths_ = [urls[key].format(pk=pk) for pk in urls["detail_ids"]]
    else:
        paths_ = [urls["ballot" if key == "ballot" else key]]
    sessions = []
    if target in SIGNED_IN:
        form = urls["ballot"] if target == "ballot" else ""
        sessions = [
            wrk.sign_in(server.url, email, PASSWORD, form_path=form)
            for email in _accounts(offset, connections)
        ]
    if target == "ballot":
        return wrk.Load(
            paths=paths_,
            sessions=sessions,
            method="POST",
            bodies=wrk.ballot_bodies(urls["ballot_ids"]),
        )
    return wrk.Load(paths=paths_, sessions=sessions)


ASSET = re.compile(
    r'<(?:link[^>]+rel="(?:stylesheet|icon|preload)"[^>]*href|script[^>]+src|img[^>]+src)="([^"]+)"'
)


def weigh(server: Server, path: str) -> dict:
    """Bytes a first visit transfers (compressed as served; HTML gzipped as a proxy would)."""
    headers = {"Accept-Encoding": "br, gzip"}
    page = requests.get(server.url + path, headers=headers, timeout=30)
    html = page.content
    encoded = page.headers.get("Content-Encoding")
    html_bytes = len(gzip.compress(html)) if not encoded else int(page.headers["Content-Length"])
    total, count, assets = html_bytes, 1, []
    for url in dict.fromkeys(ASSET.findall(html.decode())):
        if url.startswith(("http://", "https://", "//", "data:")):
            continue
        response = requests.get(server.url + url, headers=headers, timeout=30, stream=True)
        size = len(response.raw.read(decode_content=False))
        total += size
        count += 1
        assets.append((url, size, response.headers.get("Content-Encoding", "identity")))
    return {
        "html_gzip": html_bytes,
        "html_raw": len(html),
        "total": total,
        "requests": count,
        "assets": assets,
    }


def _attempt(step):
    """Run one measurement; a failure is recorded and the run goes on."""
    try:
        return step()
    except Exception as error:  # noqa: BLE001 (any failure is a result to write down)
        log(f"failed: {error!r}")
        return {"error": repr(error)[:300]}


def run_tier(tier, env, args, port, report):
    sizes = tier_sizes(tier)
    log(f"tier {tier}: generating {sizes}")
    gen_args = [f"--{k}={v}" for k, v in sizes.items()]
    start = time.perf_counter()
    out = module(
        env, "bench.generate", *gen_args, f"--users={sizes['ballots'] + SPARE_USERS}", "--reset"
    )
    report["generate"][tier] = {"seconds": round(time.perf_counter() - start, 1), "log": out}
    urls = paths(env)
    log("counting queries")
    report["queries"][tier] = _attempt(lambda: json.loads(module(env, "bench.measure", "queries")))
    log("profiling one request per main page")
    report.setdefault("profile", {})[tier] = _attempt(
        lambda: json.loads(module(env, "bench.measure", "profile"))
    )
    log("exports")
    report["exports"][tier] = {}
    _exports(env, report, tier, "proposals")
    with Server(env, port) as server:
        report["weight"][tier] = {
            name: _attempt(
                lambda key=key: weigh(server, urls[key].format(pk=urls["detail_ids"][0]))
            )
            for name, key in (
                ("home page", "home"),
                ("proposal list", "list"),
                ("proposal detail", "detail"),
            )
        }
        offset = sizes["ballots"]
        chosen = args.targets.split(",") if args.targets else [t for t, _label in TARGETS]
        log("counting each target's queries")
        report.setdefault("target_queries", {})[tier] = _attempt(
            lambda: json.loads(
                module(env, "bench.measure", "target-queries", json.dumps(urls), ",".join(chosen))
            )
        )
        before = [t for t in chosen if t not in AFTER_PUBLISHING and t != "baseline_last"]
        if "baseline" in before:
            before.append("baseline_last")  # the yardstick first and last: how far it drifted
        offset = _load(server, before, urls, env, args, tier, report, offset)
    log("closing the vote and publishing the result")
    report.setdefault("publish", {})[tier] = _attempt(
        lambda: json.loads(module(env, "bench.measure", "publish").strip().splitlines()[-1])
    )
    _exports(env, report, tier, "ballots")
    # A new server: the workers' cached pages and phases start from the published state.
    with Server(env, port) as server:
        after = [t for t in chosen if t in AFTER_PUBLISHING]
        _load(server, after, urls, env, args, tier, report, offset)


def _exports(env, report, tier, kind):
    log(f"exports: {kind}")
    for how in ("copy", "csv"):
        report["exports"][tier][f"{kind} {how}"] = _attempt(
            lambda how=how: json.loads(module(env, "bench.measure", "export", kind, how))
        )


def _load(server, targets, urls, env, args, tier, report, offset):
    for target in targets:
        if args.main_only_for_10000 and tier == 10000 and target not in MAIN_TARGETS:
            continue
        skipped = probe(server, target, urls)
        if skipped:
            report["load"][tier][target] = {"skipped": skipped}
            log(f"{target}: skipped, {skipped}")
            continue
        load = _attempt(
            lambda target=target, offset=offset: load_for(
                server, target, urls, args.connections, offset
            )
        )
        offset += args.connections
        if isinstance(load, dict):  # signing in failed
            report["load"][tier][target] = load
            continue
        # Warm each worker's caches and connections before measuring.
        _attempt(lambda load=load: _wrk(server, load, args, seconds=3))
        load_average = os.getloadavg()[0]
        figures = _attempt(lambda load=load: _wrk(server, load, args, seconds=args.seconds))
        if "rps" in figures:
            figures["load_average_before"] = round(load_average, 2)
        report["load"][tier][target] = figures
        log(f"{target}: {figures}")
    return offset


def _wrk(server, load, args, *, seconds: int) -> dict:
    return wrk.run(
        server.url, load, seconds=seconds, threads=args.threads, connections=args.connections
    )
