"""Run a function in a forked child process and hand its result back.

What the function allocates goes when the child exits. A long-running writer that merges
each commit in a child stays the size it was: merging in the writer itself left heap
behind that Python frees but cannot return to the system, commit after commit (see
docs/scaling.md, "Where the writer's memory goes").
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import pickle
import resource
import signal
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ["ChildFailed", "ChildResult", "call_in_child", "can_fork"]

T = TypeVar("T")

_PR_SET_PDEATHSIG = 1


class ChildFailed(RuntimeError):
    """The child process died without a result, or raised an error that cannot be sent."""


@dataclass(frozen=True)
class ChildResult(Generic[T]):
    """The function's return value and the child's peak resident memory in MB."""

    value: T
    peak_mb: float


def can_fork() -> bool:
    """True where `call_in_child` works: Linux, whose children can be told to die with
    their parent (elsewhere a killed writer could leave a child holding the database)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def call_in_child(fn: Callable[[], T]) -> ChildResult[T]:
    """Call `fn` in a forked child and return what it returned, or raise what it raised.

    The caller must hold no open database connection or lock that the child would share.
    If this process is killed, the child is killed too; an interrupt here kills the child
    and is raised again once the child is gone."""
    read_fd, write_fd = os.pipe()
    parent = os.getpid()
    # Objects that exist now are left out of the child's collections, so that its
    # collector does not touch (and copy) every page of the parent's heap.
    gc.freeze()
    try:
        pid = os.fork()
    finally:
        gc.unfreeze()
    if pid == 0:
        os.close(read_fd)
        _child(fn, write_fd, parent)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
    except BaseException:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
        raise
    if not data:
        raise ChildFailed(f"the child process {pid} died without a result ({_describe(status)})")
    ok, value, peak_mb = pickle.loads(data)
    if not ok:
        raise value
    return ChildResult(value, peak_mb)


def _child(fn: Callable[[], T], write_fd: int, parent: int) -> None:
    """Run in the child: call, send the outcome, and leave without running the parent's
    exit handlers (a pool's finaliser would stop the parent's workers)."""
    try:
        _die_with(parent)
        _reset_peak()
        try:
            outcome: tuple[bool, object, float] = (True, fn(), _peak_mb())
        except BaseException as exc:  # sent to the parent, which raises it
            outcome = (False, _sendable(exc), _peak_mb())
        with os.fdopen(write_fd, "wb") as pipe:
            pipe.write(pickle.dumps(outcome))
    finally:
        os._exit(0)


def _die_with(parent: int) -> None:
    """Ask the kernel to kill this child when its parent dies (a SIGKILLed writer must not
    leave a child writing the database)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _reset_peak() -> None:
    """Start the child's peak at its current size: a forked child inherits its parent's."""
    with contextlib.suppress(OSError), open("/proc/self/clear_refs", "w") as f:
        f.write("5")


def _peak_mb() -> float:
    """This process's peak resident memory in MB, from /proc (reset at the start) or, where
    that is not readable, from getrusage."""
    with contextlib.suppress(OSError), open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _sendable(exc: BaseException) -> BaseException:
    """The exception itself when it survives pickling, else a ChildFailed with its text."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        text = "".join(traceback.format_exception(exc)).rstrip()
        return ChildFailed(f"the child process failed: {text}")
    return exc


def _describe(status: int) -> str:
    """A wait status in words."""
    if os.WIFSIGNALED(status):
        return f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
