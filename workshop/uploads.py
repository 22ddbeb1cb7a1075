"""The files of one data check as a person gathers them: each kept once with its hash,
sniffed once, read once per content and choices (a cache shared by every session of a
server), read again with the choices remembered for its shape, and the same file
uploaded twice counted once. The page keeps one ``Uploads`` per session (a page switch
must not lose the files); the command line makes one for its arguments."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from impact import pipeline
from impact.importers import Choices, ExportError, Sniffed
from impact.pipeline import FileRead, Recall


@dataclass(frozen=True)
class Upload:
    """A file as it arrived, with its content's hash."""

    name: str
    data: bytes
    sha256: str  # worked out once, when the file arrives


def choices_key(choices: Choices | None) -> str:
    """Choices as a stable text, for a cache key."""
    if choices is None:
        return ""
    return json.dumps({"format": choices.format, **choices.as_json()}, sort_keys=True, ensure_ascii=False)


SESSION_READS = 16  # files read with their choices, kept for one person's check


class ReadCache:
    """Files read with given choices, by content: the same export read by two people,
    or read again after a page switch, is read once. Bounded (oldest out first) and
    safe for the server's threads. What it holds is never changed by its users."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._reads: OrderedDict[tuple[str, str, str], FileRead] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str, str]) -> FileRead | None:
        """The read kept for (name, content hash, choices), if any."""
        with self._lock:
            found = self._reads.get(key)
            if found is not None:
                self._reads.move_to_end(key)
            return found

    def put(self, key: tuple[str, str, str], read: FileRead) -> None:
        """Keep a read; the oldest goes when the cache is full."""
        with self._lock:
            self._reads[key] = read
            self._reads.move_to_end(key)
            while len(self._reads) > self.size:
                self._reads.popitem(last=False)

    def __len__(self) -> int:
        return len(self._reads)


class Uploads:
    """The files gathered for one check."""

    def __init__(self, cache: ReadCache | None = None, *, today: date | None = None) -> None:
        self.cache = cache if cache is not None else ReadCache(SESSION_READS)
        self.today = today
        self._files: dict[str, Upload] = {}
        self._sniffed: dict[tuple[str, str], Sniffed | ExportError] = {}

    def keep(self, name: str, data: bytes) -> Upload:
        """A file by its name; a new file of the same name replaces the old one."""
        known = self._files.get(name)
        if known is not None and known.data == data:
            return known
        upload = Upload(name, data, pipeline.content_hash(data))
        self._files[name] = upload
        return upload

    def keep_all(self, files: Iterable[tuple[str, bytes]]) -> None:
        """Several files as (name, content)."""
        for name, data in files:
            self.keep(name, data)

    def forget(self, name: str) -> None:
        """The file is taken out of the check."""
        self._files.pop(name, None)
        for key in [k for k in self._sniffed if k[0] == name]:
            del self._sniffed[key]

    def sniffed(self, name: str) -> Sniffed | ExportError | None:
        """The file as sniffed (once per content), why it cannot be, or None when not here."""
        upload = self._files.get(name)
        if upload is None:
            return None
        key = (name, upload.sha256)
        if key not in self._sniffed:
            self._sniffed[key] = pipeline.sniff_upload(name, upload.data, upload.sha256)
        return self._sniffed[key]

    def read_with(self, name: str, choices: Choices | None) -> FileRead | None:
        """The file read with these choices (the preview while a person decides); None
        for a file that is not here or could not be sniffed."""
        found = self.sniffed(name)
        if not isinstance(found, Sniffed):
            return None
        key = (name, found.sha256, choices_key(choices))
        read = self.cache.get(key)
        if read is None:
            read = pipeline.read_sniffed(found, choices=choices, today=self.today)
            self.cache.put(key, read)
        return read

    def read_all(self, recall: Recall | None = None) -> list[FileRead]:
        """Every file, read with the choices remembered for its shape; the same content
        twice counts once (the second says which file it repeats)."""
        reads = []
        for name, upload in self._files.items():
            found = self.sniffed(name)
            if not isinstance(found, Sniffed):
                error = found if isinstance(found, ExportError) else ExportError("empty")
                reads.append(pipeline.unreadable(name, upload.sha256, upload.data, error))
                continue
            choices = recall(pipeline.signature(found)) if recall else None
            read = self.read_with(name, choices)
            assert read is not None  # sniffed just above
            reads.append(read)
        return pipeline.mark_duplicates(reads)
