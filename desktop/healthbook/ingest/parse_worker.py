"""Parse a large Apple Health export.xml in a second process while this one writes.

expat's callbacks and SQLCipher's inserts both hold the GIL, so threads cannot overlap them;
a child process can. The child (`healthbook --ingest-worker FILE [MEMBER]`) runs expat and
sends what it extracts (Records as texts grouped by type, unit and source; other elements as
items) back through a pipe; the parent converts and writes them, as after an in-process parse.

Frames are a 4-byte length and a `marshal`led tuple of plain values (str, int, float, tuples,
lists, dicts): no objects are unpickled, and only the item classes named below are built.
Nothing touches the disk. When the parent stops reading (cancel, error, killed), the child
is killed or dies of a broken pipe; the vault's transaction is the parent's alone.
"""

from __future__ import annotations

import dataclasses
import marshal
import os
import queue
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import healthbook
from healthbook.i18n import _
from healthbook.ingest.apple_export_xml import read_export_xml
from healthbook.ingest.context import ParseContext
from healthbook.ingest.errors import ImportFailed, UnsafeFile
from healthbook.ingest.healthkit import ClinicalRef, Extracted, RawRecords
from healthbook.ingest.items import Demographics, Ignored, Sample, SampleRows, Skipped
from healthbook.vault import Record, RecordKind

WORKER_FLAG = "--ingest-worker"
WORKER_MIN_BYTES = 24 << 20  # below this (about 90,000 records) starting a process costs more
_LENGTH = struct.Struct("<I")
_CLASSES: dict[str, type] = {cls.__name__: cls for cls in (
    RawRecords, SampleRows, Sample, Skipped, Ignored, Demographics, ClinicalRef, Record)}
_ERRORS: dict[str, type[ImportFailed]] = {"unsafe": UnsafeFile, "failed": ImportFailed}


def worth_a_worker(xml_bytes: int) -> bool:
    """Whether an export.xml of this size is parsed in a second process."""
    return xml_bytes >= WORKER_MIN_BYTES and (os.cpu_count() or 1) >= 2


def encode(item: Extracted) -> tuple[Any, ...]:
    """An item as a tuple of plain values: its class name, then its fields in order."""
    values = [getattr(item, f.name) for f in dataclasses.fields(item)]
    if type(item) is Record:
        if item.attachment is not None:
            raise TypeError("records with attachments are not sent between processes")
        values[0] = item.kind.value
        values.pop()  # the attachment (always None here)
    return (type(item).__name__, *values)


def decode(values: Sequence[Any]) -> Extracted:
    """The item `encode` made `values` from."""
    cls = _CLASSES[values[0]]
    if cls is Record:
        return Record(RecordKind(values[1]), *values[2:])
    return cls(*values[1:])


def worker_command(path: Path, member: str | None) -> list[str]:
    """The command line of a parse worker, in a bundle (frozen) or from Python."""
    args = [WORKER_FLAG, str(path)] + ([member] if member else [])
    if getattr(sys, "frozen", False):
        return [sys.executable, *args]
    return [sys.executable, "-m", "healthbook", *args]


def items_in_worker(ctx: ParseContext, member: str | None) -> Iterator[Extracted]:
    """What the extraction of export.xml (zip `member`, or the bare file) yields, from a child
    process."""
    env = {k: v for k, v in os.environ.items() if not k.endswith("PASSPHRASE")}  # not needed
    package_root = str(Path(healthbook.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    try:
        proc = subprocess.Popen(worker_command(ctx.path, member), stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, env=env,
                                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
    except OSError as exc:
        raise ImportFailed(_("Healthbook could not start its export reader ({error}).").format(
                               error=exc)) from exc
    assert proc.stdout is not None
    try:
        while True:
            frame = _read_frame(proc.stdout)
            if frame is None:
                code = proc.wait()
                raise ImportFailed(_("The export reader stopped unexpectedly (exit code "
                                     "{code}).").format(code=code))
            if frame[0] == "end":
                break
            if frame[0] == "error":
                raise _ERRORS[frame[1]](frame[2])
            ctx.done_bytes = frame[1]
            for values in frame[2]:
                yield decode(values)
    finally:
        proc.stdout.close()
        if proc.poll() is None:
            proc.kill()
        proc.wait()


def _read_frame(stream: IO[bytes]) -> tuple[Any, ...] | None:
    """The next frame, or None when the child closed its end early."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (length,) = _LENGTH.unpack(head)
    body = stream.read(length)
    return marshal.loads(body) if len(body) == length else None


def worker_main(argv: Sequence[str]) -> int:
    """The child: parse export.xml of argv[0] (zip member argv[1]) and send frames."""
    out = _FrameWriter(os.fdopen(os.dup(1), "wb"))
    os.dup2(2, 1)  # a stray print goes to stderr, never into the frames
    path = Path(argv[0])
    ctx = ParseContext(path, path.stat().st_size)
    batch: list[tuple[Any, ...]] = []
    sent = 0
    try:
        for item in read_export_xml(ctx, argv[1] if len(argv) > 1 else None):
            batch.append(encode(item))
            if ctx.done_bytes != sent:  # about one frame per chunk of XML read
                sent = ctx.done_bytes
                out.send(("items", sent, batch))
                batch = []
        out.send(("items", ctx.done_bytes, batch))
        out.send(("end",))
    except UnsafeFile as exc:
        out.send(("error", "unsafe", str(exc)))
    except ImportFailed as exc:
        out.send(("error", "failed", str(exc)))
    except (OSError, MemoryError, RecursionError, ValueError) as exc:
        out.send(("error", "failed", f"{path.name} could not be read ({exc})."))
    out.close()
    return 0


class _FrameWriter:
    """Writes frames from a thread of its own, so parsing goes on while the parent is busy
    writing to the vault and the pipe is full. At most QUEUE frames (a few MB) wait."""

    QUEUE = 64

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.frames: queue.Queue[bytes | None] = queue.Queue(self.QUEUE)
        self.broken = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def send(self, frame: tuple[Any, ...]) -> None:
        """Queue a frame; once the parent has gone, exit quietly."""
        if self.broken:
            raise SystemExit(0)
        body = marshal.dumps(frame)
        self.frames.put(_LENGTH.pack(len(body)) + body)

    def close(self) -> None:
        """Send what is queued, then close the pipe."""
        self.frames.put(None)
        self.thread.join()

    def _run(self) -> None:
        try:
            while (data := self.frames.get()) is not None:
                self.stream.write(data)
            self.stream.close()
        except OSError:  # BrokenPipeError: the parent stopped reading
            self.broken = True
            while self.frames.get() is not None:  # let the parser finish or notice
                pass
