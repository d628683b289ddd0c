"""Work done in forked processes, so a build uses more than one core.

A build has three independent pieces once the notes are planned: the decks,
the reading handout and the slide handout. :func:`start` runs a function in
a child process (``os.fork``): the child inherits everything already loaded
(the model, the plan, imported libraries), runs the function and sends back
its result through a pipe, pickled. A child may also :meth:`Channel.send`
values before it ends (the plan, before it goes on to write the decks).

A failure in a child is raised again in the parent as what it was: a
:class:`~publisher.diagnostics.UserError` with the same diagnostics, or the
same exception (its traceback in the child kept as a note, for ``--debug``).

Without ``os.fork`` (Windows), with one core, or with ``PUBLISHER_JOBS=1``,
the function runs in this process when its result is first asked for, so the
outputs are the same either way.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO, Generic, TypeVar

from .collector import collect_cycles, keep_what_exists, stop_collecting
from .diagnostics import Diagnostic, UserError

T = TypeVar("T")

_HEADER = struct.Struct("!Q")
# A message larger than a pipe holds would keep the child waiting until the parent
# reads it; it goes through a temporary file instead.
PIPE_LIMIT = 32 * 1024
JOBS_VARIABLE = "PUBLISHER_JOBS"


def parallel() -> bool:
    """True when work may be spread over processes on this machine."""
    if not hasattr(os, "fork"):
        return False
    setting = os.environ.get(JOBS_VARIABLE, "").strip()
    if setting.isdigit():
        return int(setting) > 1
    return (os.cpu_count() or 1) > 1


class WorkerStopped(RuntimeError):
    """A worker process ended without a result (killed, or crashed in a library)."""


class Channel:
    """How a running job talks to the parent before its result."""

    def __init__(
        self, write: Callable[[tuple[str, Any]], None], *, forked: bool, last: bool = False
    ) -> None:
        self._write = write
        self._forked = forked
        self._last = last  # run here as the process's last work (start(last=True))

    def send(self, value: Any) -> None:
        self._write(("value", value))

    def step_back(self, by: int) -> None:
        """Let longer jobs have the processor first from now on.

        A forked job lowers its priority by ``by`` (``nice``: 1 to 19) so that
        when there are more jobs than cores, the longest runs at full speed and
        this one takes what it leaves; work run in this process is unchanged.
        """
        if self._forked and hasattr(os, "nice"):
            with contextlib.suppress(OSError):
                os.nice(by)

    def settle(self) -> None:
        """What exists now lives until the job ends (the plan): a forked job collects once,
        then leaves what is left out of its later collections, so that :meth:`collect`
        walks only what comes after."""
        if self._forked:
            collect_cycles()
            keep_what_exists()

    def last_work(self) -> None:
        """What the job does from now on is all its process does before it exits.

        A forked job, or one run here as the process's last work, keeps what exists
        out of collections and stops collecting: what it makes lives to the end.
        Other work run here is unchanged.
        """
        if self._forked or self._last:
            keep_what_exists()
            stop_collecting()

    def collect(self) -> None:
        """Free what refers only to itself (a written deck's package), in a forked job.

        Work run in this process leaves collecting to the collector's thresholds,
        as for any program: a full collection here would walk all of its objects.
        """
        if self._forked:
            collect_cycles()


def _outcome(function: Callable[[Channel], T], channel: Channel) -> tuple[Any, ...]:
    """Run ``function``: ("ok", result), ("user", diagnostics) or ("error", exception, text)."""
    try:
        return ("ok", function(channel))
    except UserError as error:
        return ("user", tuple(error.diagnostics))
    except BaseException as error:  # carried to the parent and raised there
        return ("error", error, traceback.format_exc())


def _raise(message: tuple[Any, ...], *, forked: bool) -> None:
    kind = message[0]
    if kind == "user":
        diagnostics: tuple[Diagnostic, ...] = message[1]
        raise UserError(*diagnostics)
    if kind == "error":
        error: BaseException = message[1]
        if forked:  # raised here, it keeps its own traceback
            error.add_note(f"in a worker process:\n{message[2]}")
        raise error


class Job(Generic[T]):
    """A function running in a child process (or, when not parallel, waiting to run here)."""

    def __init__(self, function: Callable[[Channel], T], *, fork: bool, last: bool = False) -> None:
        self._function = function
        self._forked = fork
        self._last = last
        self._pid = 0
        self._stream: BinaryIO | None = None  # the pipe from the child
        self._pending: Iterator[tuple[Any, ...]] | None = None
        self._final: tuple[Any, ...] | None = None
        if fork:
            self._fork()

    # --- the child ---------------------------------------------------------------------

    def _fork(self) -> None:
        read, write = os.pipe()
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        pid = os.fork()
        if pid:
            os.close(write)
            self._pid, self._stream = pid, os.fdopen(read, "rb")
            return
        os.close(read)
        keep_what_exists()  # what the child inherited is the parent's: no need to walk it
        status = 0
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: the parent cleans up

            def put(message: tuple[Any, ...]) -> None:
                data = _pickled(message)
                if len(data) > PIPE_LIMIT:  # a file: the child goes on without waiting
                    data = _pickled(("file", _spill(data)))
                os.write(write, _HEADER.pack(len(data)))
                view = memoryview(data)
                while view:
                    view = view[os.write(write, view) :]

            put(_outcome(self._function, Channel(put, forked=True)))
        except BaseException:  # nothing may escape a forked child
            status = 1
        finally:
            os._exit(status)

    # --- the parent --------------------------------------------------------------------

    def _messages(self) -> Iterator[tuple[Any, ...]]:
        if not self._pid:
            yield from self._run_here()
            return
        stream = self._stream
        assert stream is not None
        while header := stream.read(_HEADER.size):
            (size,) = _HEADER.unpack(header)
            message = pickle.loads(stream.read(size))
            yield _unspilled(message) if message[0] == "file" else message
        stream.close()
        self._stream = None
        _, status = os.waitpid(self._pid, 0)
        self._pid = 0
        if self._final is None:
            raise WorkerStopped(f"a worker process stopped without a result ({_status(status)})")

    def _run_here(self) -> Iterator[tuple[Any, ...]]:
        sent: list[Any] = []
        final = _outcome(self._function, Channel(sent.append, forked=False, last=self._last))
        yield from sent
        yield final

    def _next(self) -> tuple[Any, ...]:
        if self._pending is None:
            self._pending = self._messages()
        for message in self._pending:
            if message[0] != "value":
                self._final = message
                for _ in self._pending:  # the last message: close the pipe, reap the child
                    pass
            return message
        raise WorkerStopped("a worker process sent nothing more")

    def receive(self) -> Any:
        """The next value the job sent; raises what the job raised if it ended instead."""
        message = self._next()
        if message[0] == "value":
            return message[1]
        _raise(message, forked=self._forked)
        raise WorkerStopped("the job ended without sending a value")

    def result(self) -> T:
        """Wait for the job's result (skipping values not received); raise what it raised."""
        while self._final is None:
            self._next()
        _raise(self._final, forked=self._forked)
        value: T = self._final[1]
        return value

    def cancel(self) -> None:
        """Stop the child (if still running) and reap it; for cleaning up after a failure."""
        if self._pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGTERM)
            os.waitpid(self._pid, 0)
            self._pid = 0
        if self._stream is not None:
            self._stream.close()
            self._stream = None
        self._pending = iter(())


def _spill(data: bytes) -> str:
    """Put a large message in a temporary file; its name goes through the pipe instead."""
    handle, name = tempfile.mkstemp(prefix="publisher-", suffix=".pickle")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    return name


def _unspilled(message: tuple[Any, ...]) -> tuple[Any, ...]:
    try:
        with open(message[1], "rb") as stream:
            value: tuple[Any, ...] = pickle.load(stream)
    finally:
        os.unlink(message[1])
    return value


def _pickled(message: tuple[Any, ...]) -> bytes:
    try:
        return pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an exception that cannot be pickled: carry its text
        if message[0] != "error":
            raise
        stand_in = RuntimeError(f"{type(message[1]).__name__}: {message[1]}")
        return pickle.dumps(("error", stand_in, message[2]), protocol=pickle.HIGHEST_PROTOCOL)


def _status(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


def start(
    function: Callable[[Channel], T], *, fork: bool | None = None, last: bool = False
) -> Job[T]:
    """Run ``function(channel)`` in a child process when the machine allows it.

    ``last``: the job is this process's last work (it exits after it, and forks
    nothing more). When jobs run in parallel it runs here, and
    :meth:`Channel.last_work` applies to it as to a child's; run one after
    another, other jobs still run here after it, so it is an ordinary job.
    """
    if last and parallel():
        return Job(function, fork=False, last=True)
    return Job(function, fork=parallel() if fork is None else fork)
