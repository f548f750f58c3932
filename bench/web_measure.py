"""Measuring for ``bench/web.py`` (in its own process): concurrent clients requesting a
scenario's addresses (threads + httpx, bounded by count and time), and the report, each
scenario beside the trivial page of the same server (the ceiling).
"""

from __future__ import annotations

import contextlib
import os
import statistics
import threading
import time

GOALS = {"page d'édition": 100.0, "recherche": 200.0, "recherche (mots fréquents)": 200.0,
         "recherche (annexes, plusieurs mots)": 200.0}
CEILING = "page triviale (plafond)"
SERVERS = {"gunicorn": "gunicorn (vigie serve)", "dev": "serveur de développement de Django"}
TIMEOUT = 30.0  # seconds a client waits for one answer


def measure(base: str, urls: list[str], clients: int, seconds: float, most: int) -> dict:
    """``clients`` threads request ``urls`` in turn until ``most`` requests or ``seconds``
    (a request under way then still ends, within TIMEOUT)."""
    import httpx

    with httpx.Client(base_url=base, timeout=TIMEOUT) as warm, contextlib.suppress(
            httpx.HTTPError):  # caches, connections
        warm.get(urls[-1])
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    counter = iter(range(most))

    def client(offset: int) -> None:
        with httpx.Client(base_url=base, timeout=TIMEOUT) as http:
            for n in counter:
                if time.perf_counter() > deadline:
                    return
                began = time.perf_counter()
                try:
                    ok = http.get(urls[(n + offset) % len(urls)]).status_code == 200
                except httpx.HTTPError:  # a timeout counts, as an error, at its full length
                    ok = False
                with lock:
                    latencies.append(time.perf_counter() - began)
                    errors[0] += not ok

    start = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k * 7,)) for k in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    cuts = statistics.quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 \
        else latencies * 99
    return {"p50": cuts[49] * 1000, "p95": cuts[94] * 1000, "rps": len(latencies) / wall,
            "count": len(latencies), "errors": errors[0]}


def report(label: str, measured: dict, clients: int) -> None:
    low, high = measured["load"]
    print(f"\n{label} — pendant la mesure : {measured['ingests']} ingestion(s) complète(s) "
          f"de la démonstration terminée(s) en parallèle (priorité des traitements : nice "
          f"{measured['nice']}, VIGIE_BATCH_NICE) ; charge moyenne de la machine "
          f"{low:.1f} à {high:.1f} ({os.cpu_count()} cœurs)")
    for kind, results in measured["servers"].items():
        ceiling = results[CEILING]
        print(f"\n  {SERVERS[kind]}")
        print(f"  {'':<36}│{'1 client':^25}│{f'{clients} clients':^33}│"
              f"{'rapport au plafond':^25}│")
        print(f"  {'scénario':<36}│{'p50 ms':>9}{'p95 ms':>9}{'n':>6} │{'p50 ms':>9}"
              f"{'p95 ms':>9}{'req/s':>8}{'n':>6} │{'p95 1 cl.':>11}{'req/s':>12} │ "
              f"objectif p95 ({clients} clients)")
        for name, r in results.items():
            alone, load = r["alone"], r["load"]
            goal = GOALS.get(name)
            verdict = (f"< {goal:.0f} ms : {'oui' if load['p95'] < goal else 'NON'}"
                       if goal else "")
            errors = alone["errors"] + load["errors"]
            if errors:
                verdict += f" ({errors} erreur(s) ou délai de {TIMEOUT:.0f} s dépassé)"
            print(f"  {name:<36}│{alone['p50']:9.1f}{alone['p95']:9.1f}{alone['count']:6d} │"
                  f"{load['p50']:9.1f}{load['p95']:9.1f}{load['rps']:8.1f}{load['count']:6d} │"
                  f"{alone['p95'] / ceiling['alone']['p95']:10.1f}×"
                  f"{load['rps'] / ceiling['load']['rps']:12.1%} │ {verdict}")
    firsts = [(name, r["first"]) for name, r in results.items() if r.get("first")]
    if firsts:
        print("  première demande de chaque adresse (page rendue, pas encore gardée), 1 client :")
        for name, first in firsts:
            print(f"    {name:<36} p50 {first['p50']:7.1f} ms   p95 {first['p95']:7.1f} ms"
                  f"   ({first['count']} adresses)")
