"""Uploaded articles become ingest jobs: each upload is written to a JSON Lines file and
ingested by a `newsevents ingest` subprocess, one job at a time. The server itself only
ever reads the store; the subprocess is an ordinary writer that lets go of the file
between batches, so the page keeps answering while it runs."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_KEEP_JOBS = 100
_OUTPUT_CHARS = 4000


@dataclass
class Job:
    """One upload's ingest run."""

    job_id: str
    n_articles: int
    path: Path
    state: str = "queued"  # queued, running, done, failed
    exit_code: int | None = None
    output: str = ""
    submitted: float = field(default_factory=time.time)
    finished: float | None = None

    def to_json(self) -> dict[str, Any]:
        """The job as the API shows it."""
        return {
            "job_id": self.job_id,
            "n_articles": self.n_articles,
            "state": self.state,
            "exit_code": self.exit_code,
            "output": self.output,
            "submitted": self.submitted,
            "finished": self.finished,
        }


class IngestJobs:
    """A queue of ingest jobs run in order by one background thread."""

    def __init__(self, db: Path, spool: Path | None = None) -> None:
        self.db = db
        self.spool = spool or Path(tempfile.mkdtemp(prefix="newsevents-uploads-"))
        self._jobs: dict[str, Job] = {}
        self._queue: deque[Job] = deque()
        self._cv = threading.Condition()
        self._proc: subprocess.Popen[str] | None = None
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="ingest-jobs", daemon=True)
        self._thread.start()

    def submit(self, articles: list[dict[str, Any]]) -> Job:
        """Write the articles to the spool and queue their ingest."""
        job_id = uuid.uuid4().hex[:12]
        path = self.spool / f"upload-{job_id}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for a in articles:
                out.write(json.dumps(a, ensure_ascii=False) + "\n")
        job = Job(job_id, len(articles), path)
        with self._cv:
            self._jobs[job_id] = job
            while len(self._jobs) > _KEEP_JOBS:
                oldest = next(iter(self._jobs))
                if self._jobs[oldest].state in ("queued", "running"):
                    break
                del self._jobs[oldest]
            self._queue.append(job)
            self._cv.notify()
        return job

    def get(self, job_id: str) -> Job | None:
        """A job by id, if it is still remembered."""
        with self._cv:
            return self._jobs.get(job_id)

    def stop(self) -> None:
        """End the running ingest (it resumes cleanly if run again) and take no more jobs."""
        with self._cv:
            self._stopped = True
            proc = self._proc
            self._cv.notify_all()
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()

    def _run(self) -> None:
        while True:
            with self._cv:
                while not self._queue and not self._stopped:
                    self._cv.wait()
                if self._stopped:
                    return
                job = self._queue.popleft()
                job.state = "running"
                cmd = [
                    sys.executable, "-m", "newsevents.cli", "ingest", str(job.path),
                    "--db", str(self.db), "--workers", "1",
                ]  # fmt: skip
                proc = subprocess.Popen(
                    cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
                )
                self._proc = proc
            output, _ = proc.communicate()
            with self._cv:
                self._proc = None
                job.exit_code = proc.returncode
                job.output = output[-_OUTPUT_CHARS:]
                job.state = "done" if proc.returncode == 0 else "failed"
                job.finished = time.time()
            job.path.unlink(missing_ok=True)
