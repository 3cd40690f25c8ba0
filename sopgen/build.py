"""Definition files -> output files: discovery, incremental planning, parallel work, the manifest.

`plan` decides which SOPs need building (and names every output, in a fixed order, so names do
not depend on what changed); `execute` builds them serially or in worker processes started with
`spawn` (as on Windows); `build` ties both to the manifest. A failing SOP never stops the others,
and every file is written atomically, so an interrupted build leaves no half-written file.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from . import cache
from .definition.loader import Profile, load_organisation
from .discovery import discover, quick_nomor, same_numbers
from .errors import Diagnostic, OutputError, UserError
from .files import MAX_STEM, safe_stem, write_atomic
from .folders import BOOK_NAME, DECREE_DRAFT_STEM, REGISTER_NAME
from .library import Batch, Library, batch
from .manifest import Entry, Manifest, fingerprint, organisation_hash, stamp
from .runtime import worker_setup
from .writers import SUFFIXES

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

Status = Literal["dibuat", "mutakhir", "gagal"]


@dataclass(frozen=True)
class Task:
    source: Path
    key: str
    fingerprint: str
    nomor: str
    stem: str
    formats: tuple[str, ...]
    out: Path
    organisation: str = ""
    """Hash of the folder's organisation profile and emblem, as `plan` computed it (the worker's cache key)."""
    library: Library | None = None
    """The SOPs its `keterkaitan` may link to (only for a definition that links)."""


@dataclass
class Result:
    source: Path
    key: str
    status: Status
    nomor: str = ""
    stem: str = ""
    fingerprint: str = ""
    formats: tuple[str, ...] = ()
    outputs: list[Path] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    title: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "gagal"


@dataclass
class Report:
    results: list[Result]
    missing: list[Diagnostic]
    interrupted: bool = False
    notes: list[Diagnostic] = field(default_factory=list)
    """Warnings about the batch as a whole (two definitions with one number)."""

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> int:
        return self.count("gagal") + len(self.missing)


RESERVED_STEMS = frozenset([*(Path(name).stem.lower() for name in (BOOK_NAME, REGISTER_NAME)), DECREE_DRAFT_STEM])
"""Names the book, the register and the draft decree take in the output folder: no SOP is named so."""
TIE_BREAK = 40
"""Longest file-name part added to break a tie, so the name stays distinct when it is cut."""


def _with_suffix(base: str, suffix: str) -> str:
    suffix = safe_stem(suffix)[:TIE_BREAK].rstrip(".- ") or "sop"
    return safe_stem(f"{base[: MAX_STEM - len(suffix) - 1].rstrip('.- ')}-{suffix}")


def output_stem(nomor: str, source: Path, taken: set[str]) -> str:
    """Outputs are named after the SOP number. A tie (another SOP's name, the book's or register's,
    or a name cut to the length limit) is broken by the file name, then by a counter, so every
    output has one owner and the names depend only on the sources, in their fixed order."""
    base = safe_stem(nomor, safe_stem(source.stem)) if nomor else safe_stem(source.stem)
    stem, count = base, 1
    while stem.lower() in taken or stem.lower() in RESERVED_STEMS:
        stem = _with_suffix(base, source.stem if count == 1 else f"{source.stem}-{count}")
        count += 1
    taken.add(stem.lower())
    return stem


def claimed_stems(manifest: Manifest, keys: set[str], out: Path) -> set[str]:
    """Names owned by definitions built into `out` by other runs, whose files still exist."""
    claimed = set()
    for key, entry in list(manifest.entries.items()):
        if key in keys:
            continue
        if (out / key).is_file():
            claimed.add(entry.stem.lower())
        else:
            del manifest.entries[key]  # its definition is gone: the name is free again
    return claimed


def output_stems(sources: Sequence[Path], out: Path | None = None) -> dict[Path, str]:
    """The output name of every source, in the fixed order `plan` uses."""
    ordered = sorted(sources, key=lambda p: p.as_posix())
    taken: set[str] = set()
    if out is not None:
        taken = claimed_stems(Manifest.load(out), {manifest_key(s, out) for s in ordered}, out)
    return {source: output_stem(quick_nomor(source), source, taken) for source in ordered}


def manifest_key(source: Path, out: Path) -> str:
    """The definition's path relative to the output folder (absolute across Windows drives or where a
    link cannot be resolved), so a folder of definitions and outputs can move together."""
    try:
        return Path(os.path.relpath(source.resolve(), out.resolve())).as_posix()
    except (ValueError, OSError, RuntimeError):
        return Path(os.path.abspath(source)).as_posix()


def source_fingerprints(
    sources: Sequence[Path], links: Batch, organisations: dict[Path, str] | None = None
) -> dict[Path, str]:
    """Each definition's fingerprint: its bytes, its folder's profile and emblem, sopgen's code, and
    for a definition that names other SOPs, what it prints of them."""
    organisations = {} if organisations is None else organisations
    found = {}
    for source in sources:
        folder = source.parent.resolve()
        if folder not in organisations:
            organisations[folder] = organisation_hash(folder)
        named = links.library.digest() if source in links.linking else ""
        found[source] = fingerprint(source, organisations[folder] + named)
    return found


def plan(
    paths: Sequence[Path], formats: Sequence[str], out: Path, force: bool = False
) -> tuple[list[Task], list[Result], list[Diagnostic], Manifest]:
    """Which SOPs to build and which are up to date, with the output name of each."""
    sources, missing = discover(paths)
    manifest = Manifest.load(out)
    organisations: dict[Path, str] = {}
    taken = claimed_stems(manifest, {manifest_key(s, out) for s in sources}, out)
    tasks: list[Task] = []
    current: list[Result] = []
    links = batch(sources, out)
    digests = source_fingerprints(sources, links, organisations)
    for source in sorted(sources, key=lambda p: p.as_posix()):
        folder = source.parent.resolve()
        key = manifest_key(source, out)
        digest = digests[source]
        entry = None if force else manifest.up_to_date(key, digest, list(formats), out)
        nomor = entry.nomor if entry else quick_nomor(source)
        stem = output_stem(nomor, source, taken)
        if entry is not None and entry.stem == stem:
            current.append(
                Result(
                    source,
                    key,
                    "mutakhir",
                    entry.nomor,
                    entry.stem,
                    entry.fingerprint,
                    tuple(entry.formats),
                    [out / name for name in entry.outputs],
                    title=entry.judul,
                )
            )
        else:
            tasks.append(
                Task(
                    source,
                    key,
                    digest,
                    nomor,
                    stem,
                    tuple(formats),
                    out,
                    organisations[folder],
                    links.library if source in links.linking else None,
                )
            )
    return tasks, current, missing, manifest


@lru_cache(maxsize=16)
def _organisation(folder: Path, digest: str) -> Profile | UserError:
    """Organisation profiles, loaded once per worker process (keyed by content hash)."""
    try:
        return load_organisation(folder)
    except UserError as exc:
        return exc


def run_task(task: Task) -> Result:
    """Build one SOP into every requested format. Never raises for the user's own mistakes."""
    from .pipeline import prepare
    from .writers import get as get_writer

    result = Result(task.source, task.key, "gagal", task.nomor, task.stem, task.fingerprint, task.formats)
    folder = task.source.parent
    organisation = _organisation(folder.resolve(), task.organisation)
    if isinstance(organisation, UserError):
        result.errors = organisation.diagnostics
        return result
    try:
        prepared = prepare(task.source, organisation, task.library or Library())
    except UserError as exc:
        result.errors = exc.diagnostics
        return result
    result.warnings = prepared.warnings
    result.title = prepared.document.sop.judul
    document = prepared.laid_out
    for name in task.formats:
        writer = get_writer(name)
        target = task.out / f"{task.stem}{writer.suffix}"
        try:
            write_atomic(target, partial(writer.write, document))
        except OutputError as exc:
            result.errors.append(Diagnostic(task.source, None, None, str(exc)))
            continue
        result.outputs.append(target)
    if not result.errors:
        result.status = "dibuat"
        cache.store(task.out, task.stem, task.fingerprint, (prepared.document, prepared.laid_out))
    return result


def _run_in_worker(task: Task) -> Result:
    try:
        return run_task(task)
    except SystemExit as stop:  # stopped by the parent: the file being written was removed on the way
        os._exit(stop.code if isinstance(stop.code, int) else 1)


PER_WORKER = 8
"""Starting a worker process (spawn, as on Windows) costs about as much as building three or four SOPs,
so a batch runs in this process unless each worker gets at least this many SOPs (bench/bench_perf.py)."""


def worker_count(tasks: int, jobs: int | None) -> int:
    """How many worker processes to use: `jobs` if the user chose, else parallel only when it pays."""
    if jobs is not None:
        return max(1, min(jobs, tasks))
    return max(1, min(os.cpu_count() or 1, tasks // PER_WORKER))


def _stop_resource_tracker() -> None:
    """The pool starts multiprocessing's resource tracker, which would outlive this command."""
    from multiprocessing import resource_tracker

    stop = getattr(resource_tracker._resource_tracker, "_stop", None)
    if callable(stop):
        stop()


def execute(tasks: Sequence[Task], jobs: int | None, on_done: Callable[[Result], None]) -> tuple[list[Result], bool]:
    """Run the tasks; on Ctrl-C, finish what is running, start nothing more, and say so."""
    done: list[Result] = []
    workers = worker_count(len(tasks), jobs)
    if workers <= 1:
        try:
            for task in tasks:
                result = run_task(task)
                done.append(result)
                on_done(result)
        except KeyboardInterrupt:
            return done, True
        return done, False
    return _execute_in_workers(tasks, workers, on_done)


def _execute_in_workers(
    tasks: Sequence[Task], workers: int, on_done: Callable[[Result], None]
) -> tuple[list[Result], bool]:
    # Imported here: a build that runs in this process (most) does not load multiprocessing.
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from multiprocessing import get_context

    done: list[Result] = []
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=worker_setup)
    pending: set[Future[Result]] = set()
    previous: dict[int, Any] = {}
    interrupted = False
    try:
        pending = {executor.submit(_run_in_worker, task) for task in tasks}
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                done.append(future.result())
                on_done(done[-1])
    except KeyboardInterrupt:
        interrupted = True
        for future in pending:
            future.cancel()
        # The SOPs being built are finished and kept; a second Ctrl-C (or SIGTERM) stops them too,
        # without interrupting the clean-up below.
        for number in STOP_SIGNALS:
            previous[number] = signal.signal(number, lambda *_: _stop_workers(executor))
        executor.shutdown(wait=True, cancel_futures=True)
        for future in pending:
            if future.done() and not future.cancelled() and future.exception() is None:
                done.append(future.result())
    finally:
        if interrupted:
            _stop_workers(executor)
        executor.shutdown(wait=True, cancel_futures=True)
        _stop_resource_tracker()
        if interrupted:
            _remove_temporaries(tasks)
        for number, handler in previous.items():
            signal.signal(number, handler)
    return done, interrupted


STOP_SIGNALS = [getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)]


def _stop_workers(executor: ProcessPoolExecutor) -> None:
    """Stop the workers at once: each removes its half-written file as it goes (see runtime.worker_setup)."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join(timeout=5)


def _remove_temporaries(tasks: Sequence[Task]) -> None:
    """A worker stopped hard may leave its temporary file (`.NAME.xxxx.tmp`): remove them all."""
    for task in tasks:
        for suffix in SUFFIXES.values():
            for temporary in task.out.glob(f".{task.stem}{suffix}.*.tmp"):
                temporary.unlink(missing_ok=True)


def record(manifest: Manifest, results: Iterable[Result], out: Path) -> None:
    """Update the manifest from what this build did; failed SOPs are forgotten, so retried."""
    for result in results:
        if result.status == "gagal":
            manifest.entries.pop(result.key, None)
        elif result.status == "dibuat":
            # `nomor` is the number the outputs were named from, as `plan` read it.
            manifest.entries[result.key] = Entry(
                result.key,
                result.fingerprint,
                result.nomor,
                result.stem,
                sorted(result.formats),
                sorted(p.name for p in result.outputs),
                {p.name: stamp(p) for p in sorted(result.outputs)},
                result.title,
            )
    manifest.save()


def build(
    paths: Sequence[Path],
    formats: Sequence[str],
    out: Path,
    jobs: int | None = 1,
    force: bool = False,
    on_plan: Callable[[int, int], None] = lambda todo, current: None,
    on_done: Callable[[Result], None] = lambda result: None,
) -> Report:
    tasks, current, missing, manifest = plan(paths, formats, out, force)
    on_plan(len(tasks), len(current))
    done, interrupted = execute(tasks, jobs, on_done)
    results = sorted(current + done, key=lambda r: r.source.as_posix())
    if results or manifest.path.exists():
        try:
            record(manifest, results, out)
        except OutputError as exc:
            missing.append(Diagnostic(manifest.path, None, None, str(exc)))
    return Report(results, missing, interrupted, same_numbers([r.source for r in results]))
