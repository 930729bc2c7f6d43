"""The load side of B4: one keep-alive client per thread, closed-loop saturation and
open-loop pacing, and the figures of their runs."""

import http.client
import threading
import time
from collections.abc import Callable

# The i-th request of a run: method, path and body.
type Request = Callable[[int], tuple[str, str, bytes]]


class Client:
    """One keep-alive connection; reconnects when the server closes it."""

    def __init__(self, port: int, headers: dict[str, str]) -> None:
        self.port, self.headers, self.conn = port, headers, None

    def send(self, method: str, path: str, body: bytes = b"") -> int:
        for attempt in range(2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                self.conn.request(method, path, body=body, headers=self.headers)
                response = self.conn.getresponse()
                response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return response.status
            except (OSError, http.client.HTTPException):
                if self.conn is not None:
                    self.conn.close()
                self.conn = None
                if attempt:
                    return -1
        return -1


def saturate(port: int, headers: dict, make: Request, seconds: float, clients: int) -> dict:
    """Closed loop: `clients` threads, each sending its next request as soon as the last answered."""
    stop = time.perf_counter() + seconds
    statuses: dict[str, int] = {}
    lock = threading.Lock()
    counter = iter(range(10**9))

    def worker() -> None:
        client = Client(port, headers)
        while time.perf_counter() < stop:
            with lock:
                i = next(counter)
            method, path, body = make(i)
            status = client.send(method, path, body)
            with lock:
                statuses[str(status)] = statuses.get(str(status), 0) + 1

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    total = sum(statuses.values())
    return {
        "rps": total / elapsed,
        "statuses": statuses,
        "requests": total,
        "elapsed": elapsed,
        "used": next(counter),
    }


def combined(runs: list[dict]) -> dict:
    statuses: dict[str, int] = {}
    for run in runs:
        for status, n in run["statuses"].items():
            statuses[status] = statuses.get(status, 0) + n
    total, elapsed = sum(r["requests"] for r in runs), sum(r["elapsed"] for r in runs)
    rates = [r["rps"] for r in runs]
    return {"rps": total / elapsed, "statuses": statuses, "requests": total, "rounds": rates}


def paced(port: int, headers: dict, make: Request, rate: float, seconds: float, clients: int) -> dict:
    """Open loop at a fixed rate; latency counts from the scheduled send time, so a stall shows.
    Each client opens its connection (one untimed request) before the schedule starts: a counter
    keeps its connection, and setting one up is not part of a verification."""
    n = int(rate * seconds)
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    lock = threading.Lock()
    slots = iter(range(n))
    count = max(clients * 2, 16)
    ready = threading.Barrier(count + 1)
    start = 0.0

    def worker() -> None:
        client = Client(port, headers)
        client.send("GET", "/bench/minimal/")
        ready.wait()
        while True:
            with lock:
                i = next(slots, None)
            if i is None:
                return
            due = start + i / rate
            if (wait := due - time.perf_counter()) > 0:
                time.sleep(wait)
            method, path, body = make(i)
            status = client.send(method, path, body)
            done = time.perf_counter()
            with lock:
                latencies.append(done - due)
                statuses[str(status)] = statuses.get(str(status), 0) + 1

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for t in threads:
        t.start()
    start = time.perf_counter() + 0.2
    ready.wait()
    for t in threads:
        t.join()
    summary = percentiles(latencies)
    return {"rate": rate, "requests": n, "statuses": statuses, "latencies": latencies, **summary}


def percentiles(latencies: list[float]) -> dict:
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000

    return {"p50_ms": pct(0.50), "p99_ms": pct(0.99), "max_ms": ordered[-1] * 1000}


def pooled(runs: list[dict]) -> dict:
    """The paced rounds as one run: every latency counts once in the percentiles."""
    statuses: dict[str, int] = {}
    for run in runs:
        for status, n in run["statuses"].items():
            statuses[status] = statuses.get(status, 0) + n
    latencies = [latency for run in runs for latency in run["latencies"]]
    return {"requests": len(latencies), "statuses": statuses, **percentiles(latencies)}
