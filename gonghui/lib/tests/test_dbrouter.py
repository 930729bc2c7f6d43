"""The read replica's rules that need no second server (the rest: gonghui/tests/test_replica.py)."""

from collections import deque

from django.db import transaction

from gonghui.lib import dbrouter


def test_the_lag_is_how_long_ago_the_replica_had_what_it_has_not_replayed() -> None:
    history: deque[tuple[float, float]] = deque()
    # A long import streams WAL and commits once: the last replayed transaction is 30 s old.
    state = {"in_recovery": True, "streaming": True, "replayed_age": 30.0}
    assert dbrouter.lag_seconds(history, 10.0, received=100, replayed=100, **state) == 0
    # WAL first seen unreplayed: at most as old as the last replayed transaction (one check).
    assert dbrouter.lag_seconds(history, 11.0, received=200, replayed=150, **state) == 30.0
    # The replica keeps up: what it had received at the last check is replayed.
    assert dbrouter.lag_seconds(history, 12.0, received=300, replayed=250, **state) == 0
    # Replay stops: what it received at 12.0 is still not replayed at 15.0.
    assert dbrouter.lag_seconds(history, 15.0, received=300, replayed=250, **state) == 3.0
    assert dbrouter.lag_seconds(history, 16.0, received=300, replayed=300, **state) == 0


def test_a_paused_replay_is_behind_from_the_first_check() -> None:
    lag = dbrouter.lag_seconds(deque(), 20.0, True, 400.0, 300.0, True, 2.0)
    assert lag == 2.0


def test_unreplayed_wal_of_a_standby_that_replayed_nothing_yet_is_too_old_until_replayed() -> None:
    history: deque[tuple[float, float]] = deque()
    assert dbrouter.lag_seconds(history, 20.0, True, 400.0, 300.0, True, None) == float("inf")
    assert dbrouter.lag_seconds(history, 21.0, True, 500.0, 300.0, True, None) == float("inf")
    assert dbrouter.lag_seconds(history, 22.0, True, 500.0, 400.0, True, 0.5) == 1.0  # seen at 21.0
    assert dbrouter.lag_seconds(history, 23.0, True, 500.0, 500.0, True, 0.1) == 0


def test_without_streaming_the_last_replayed_transaction_counts() -> None:
    history: deque[tuple[float, float]] = deque([(1.0, 5.0)])
    lag = dbrouter.lag_seconds(history, 9.0, True, None, 40.0, False, 7.5)
    assert lag == 7.5 and not history
    assert dbrouter.lag_seconds(deque(), 9.0, True, None, None, False, None) == float("inf")
    assert dbrouter.lag_seconds(deque(), 9.0, False, None, None, False, None) == 0  # promoted


def test_reads_stay_on_the_primary_when_no_replica_is_configured(settings) -> None:
    settings.REPLICA_READ_VIEWS = ["results:*"]
    router = dbrouter.ReplicaRouter()
    with dbrouter.use_replica() as on_replica:
        assert on_replica is False
        assert router.db_for_read(object) == "default"
    assert router.db_for_write(object) == "default"
    assert router.allow_migrate("replica", "members") is False
    assert dbrouter.replica_view("results:dashboard") and not dbrouter.replica_view("members:list")


def test_reads_inside_a_primary_transaction_stay_on_the_primary(transactional_db) -> None:
    router = dbrouter.ReplicaRouter()
    with dbrouter.reads_on_replica():
        assert router.db_for_read(object) == "replica"
        with transaction.atomic():
            assert router.db_for_read(object) == "default"
    assert router.db_for_read(object) == "default"


def test_after_a_write_the_rest_of_the_request_reads_from_the_primary() -> None:
    router = dbrouter.ReplicaRouter()
    with dbrouter.reads_on_replica():
        assert router.db_for_read(object) == "replica"
        assert router.db_for_write(object) == "default"
        assert router.db_for_read(object) == "default"
    with dbrouter.reads_on_replica():  # the next request or block starts afresh
        assert router.db_for_read(object) == "replica"
