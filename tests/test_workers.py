"""Jobs in forked processes: results, early values and failures come back as they were."""

from __future__ import annotations

import gc
import os
import threading
from pathlib import Path

import pytest

from publisher import workers
from publisher.diagnostics import Diagnostic, UserError
from publisher.workers import Channel, WorkerStopped, start

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this system")
BOTH = [pytest.param(True, marks=needs_fork, id="forked"), pytest.param(False, id="here")]


class Unpicklable(Exception):
    def __init__(self, lock: object) -> None:
        super().__init__("holds a lock")
        self.lock = lock


@pytest.mark.parametrize("fork", BOTH)
def test_result_and_values_sent_before_it(fork: bool) -> None:
    def work(channel: Channel) -> tuple[int, int]:
        channel.send("plan")
        channel.send(list(range(5)))
        return os.getpid(), 42

    job = start(work, fork=fork)
    assert job.receive() == "plan"
    assert job.receive() == [0, 1, 2, 3, 4]
    pid, answer = job.result()
    assert answer == 42
    assert (pid != os.getpid()) == fork


@pytest.mark.parametrize("fork", BOTH)
def test_a_job_that_steps_back_lowers_only_its_own_priority(fork: bool) -> None:
    def work(channel: Channel) -> tuple[int, int]:
        before = os.nice(0)
        channel.step_back(3)
        return before, os.nice(0)

    here = os.nice(0)
    if here > 16:
        pytest.skip("this process already runs at about the lowest priority")
    before, after = start(work, fork=fork).result()
    lowered = min(before + 3, 19)  # 19: the lowest priority
    assert after == (lowered if fork else before)  # work run here keeps its priority
    assert os.nice(0) == here


class Loop:
    """An object that refers to itself: only a collection frees it."""

    def __init__(self) -> None:
        self.me = self


def _loops() -> int:
    return sum(isinstance(o, Loop) for o in gc.get_objects())


@pytest.mark.parametrize("fork", BOTH)
def test_a_forked_job_s_last_work_runs_without_collections(fork: bool) -> None:
    """A child that only prints and exits stops collecting; work run here keeps collecting."""

    def work(channel: Channel) -> tuple[bool, bool]:
        before = gc.isenabled()
        channel.last_work()
        return before, gc.isenabled()

    assert gc.isenabled()
    assert start(work, fork=fork).result() == (True, not fork)
    assert gc.isenabled()  # the parent's collector is its own


@needs_fork
def test_a_job_run_here_as_the_process_s_last_work_stops_collecting_as_a_child_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only when jobs run in parallel: one after another, other jobs run here after it."""
    calls: list[str] = []
    monkeypatch.setattr(workers, "keep_what_exists", lambda: calls.append("freeze"))
    monkeypatch.setattr(workers, "stop_collecting", lambda: calls.append("stop"))

    def work(channel: Channel) -> int:
        channel.last_work()
        return os.getpid()

    assert start(work, fork=False).result() == os.getpid() and calls == []
    monkeypatch.setenv(workers.JOBS_VARIABLE, "1")  # one after another: an ordinary job
    assert start(work, last=True).result() == os.getpid() and calls == []
    monkeypatch.setenv(workers.JOBS_VARIABLE, "3")
    assert start(work, last=True).result() == os.getpid()  # here, not forked
    assert calls == ["freeze", "stop"]


@pytest.mark.parametrize("fork", BOTH)
def test_a_forked_job_settles_what_exists_and_collects_what_refers_only_to_itself(
    fork: bool,
) -> None:
    def work(channel: Channel) -> tuple[int, int, int]:
        enabled = gc.isenabled()
        gc.disable()  # no collection but the one asked for
        try:
            gc.collect()
            frozen = gc.get_freeze_count()
            plan = [[n] for n in range(500)]  # made by the job, kept to its end
            channel.settle()
            settled = gc.get_freeze_count() - frozen
            for _ in range(50):
                Loop()
            made = _loops()
            channel.collect()
            assert len(plan) == 500
            return settled, made, _loops()
        finally:
            if enabled:
                gc.enable()

    settled, made, left = start(work, fork=fork).result()
    assert made == 50
    if fork:
        assert settled > 500 and left == 0
    else:
        assert settled == 0 and left == 50  # work run here leaves it to the thresholds
        gc.collect()


@pytest.mark.parametrize("fork", BOTH)
def test_large_values_arrive_whole(fork: bool) -> None:
    big = ["x" * 1000 + str(i) for i in range(2000)]  # far more than a pipe holds

    def work(channel: Channel) -> list[str]:
        channel.send(big)
        return big[::-1]

    job = start(work, fork=fork)
    assert job.receive() == big
    assert job.result() == big[::-1]


@pytest.mark.parametrize("fork", BOTH)
def test_result_skips_values_not_received(fork: bool) -> None:
    def work(channel: Channel) -> str:
        channel.send(1)
        channel.send(2)
        return "done"

    assert start(work, fork=fork).result() == "done"


@pytest.mark.parametrize("fork", BOTH)
def test_user_error_keeps_its_diagnostics(fork: bool) -> None:
    problem = Diagnostic("notes.md", 3, "error", "template: unexpected end")

    def work(_channel: Channel) -> None:
        raise UserError(problem)

    with pytest.raises(UserError) as raised:
        start(work, fork=fork).result()
    assert raised.value.diagnostics == (problem,)


@pytest.mark.parametrize("fork", BOTH)
def test_other_errors_keep_their_type_and_message(fork: bool) -> None:
    def work(_channel: Channel) -> None:
        raise KeyError("deck 7")

    with pytest.raises(KeyError, match="deck 7") as raised:
        start(work, fork=fork).result()
    notes = getattr(raised.value, "__notes__", [])
    assert any("in a worker process" in note for note in notes) == fork  # here: its own traceback


@pytest.mark.parametrize("fork", BOTH)
def test_an_error_before_any_value_is_raised_by_receive(fork: bool) -> None:
    def work(_channel: Channel) -> None:
        raise ValueError("no plan")

    with pytest.raises(ValueError, match="no plan"):
        start(work, fork=fork).receive()


@needs_fork
def test_an_unpicklable_error_still_arrives_as_text() -> None:
    def work(_channel: Channel) -> None:
        raise Unpicklable(threading.Lock())

    with pytest.raises(RuntimeError, match="Unpicklable: holds a lock"):
        start(work, fork=True).result()


@needs_fork
def test_a_child_that_dies_is_reported() -> None:
    def work(_channel: Channel) -> None:
        os._exit(9)

    with pytest.raises(WorkerStopped, match="exit status 9"):
        start(work, fork=True).result()


@needs_fork
def test_cancel_stops_a_running_child(tmp_path: Path) -> None:
    marker = tmp_path / "finished"

    def work(_channel: Channel) -> None:
        import time

        time.sleep(30)
        marker.write_text("yes")

    job = start(work, fork=True)
    job.cancel()
    assert not marker.exists()


def test_jobs_variable_turns_forking_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(workers.JOBS_VARIABLE, "1")
    assert not workers.parallel()
    job = start(lambda _channel: os.getpid())
    assert job.result() == os.getpid()
    monkeypatch.setenv(workers.JOBS_VARIABLE, "2")
    assert workers.parallel() == hasattr(os, "fork")
