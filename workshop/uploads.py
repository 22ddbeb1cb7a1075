"""The files of one data check as a person gathers them: each kept once with its hash,
sniffed once, read once per content and choices (a cache shared by every session of a
server), read again with the choices remembered for its shape, and the same file
uploaded twice counted once. The page keeps one ``Uploads`` per session (a page switch
must not lose the files); the command line makes one for its arguments."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from impact import pipeline
from impact.importers import Choices, ExportError, Sniffed
from impact.pipeline import FileRead, Recall
from workshop import offload


@dataclass
class Upload:
    """A file as it arrived: its content, its hash (worked out once, when it arrives) and,
    once it is needed, the file sniffed (or why it cannot be)."""

    data: bytes
    sha256: str
    sniffed: Sniffed | ExportError | None = None


def choices_key(choices: Choices | None) -> str:
    """Choices as a text, for a cache key (no choices and empty ones read the same)."""
    return repr(choices or Choices())


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
                del self._reads[next(iter(self._reads))]  # the one read longest ago

    def __len__(self) -> int:
        return len(self._reads)


class Uploads:
    """The files gathered for one check, by name."""

    def __init__(self, cache: ReadCache | None = None, *, today: date | None = None, shared: bool = False) -> None:
        self.cache = cache if cache is not None else ReadCache(SESSION_READS)
        self.today = today  # the reference day for dates written without a year (None: today)
        self.shared = shared  # on a server: large files are read in the helper process (offload.py)
        self._files: dict[str, Upload] = {}

    def keep(self, name: str, data: bytes) -> None:
        """A file by its name; a new file of the same name replaces the old one."""
        known = self._files.get(name)
        if known is None or known.data != data:
            self._files[name] = Upload(data, pipeline.content_hash(data))

    def keep_all(self, files: Iterable[tuple[str, bytes]]) -> None:
        """Several files as (name, content)."""
        for name, data in files:
            self.keep(name, data)

    def forget(self, name: str) -> None:
        """The file is taken out of the check."""
        self._files.pop(name, None)

    def sniffed(self, name: str) -> Sniffed | ExportError | None:
        """The file as sniffed (once per content), why it cannot be, or None when not here."""
        upload = self._files.get(name)
        return self._sniff(name, upload) if upload is not None else None

    def read_with(self, name: str, choices: Choices | None) -> FileRead | None:
        """The file read with these choices (the preview while a person decides); None
        for a file that is not here or could not be sniffed."""
        upload = self._files.get(name)
        found = self._sniff(name, upload) if upload is not None else None
        return self._read(name, found, choices) if isinstance(found, Sniffed) else None

    def read_all(self, recall: Recall | None = None) -> list[FileRead]:
        """Every file, read with the choices remembered for its shape; the same content
        twice counts once (the second says which file it repeats)."""
        reads = []
        for name, upload in self._files.items():
            found = self._sniff(name, upload)
            if isinstance(found, Sniffed):
                reads.append(self._read(name, found, recall(pipeline.signature(found)) if recall else None))
            else:
                reads.append(pipeline.unreadable(name, upload.sha256, upload.data, found))
        return pipeline.mark_duplicates(reads)

    def _sniff(self, name: str, upload: Upload) -> Sniffed | ExportError:
        if upload.sniffed is None:
            if self._large(len(upload.data)):  # not where every session waits
                upload.sniffed = offload.sniff(name, upload.data, upload.sha256)
            else:
                upload.sniffed = pipeline.sniff_upload(name, upload.data, upload.sha256)
        return upload.sniffed

    def waiting(self) -> list[str]:
        """Large files not read yet: the person is told they are being read."""
        return [
            name for name, upload in self._files.items() if self._large(len(upload.data)) and upload.sniffed is None
        ]

    def _large(self, size: int) -> bool:
        """A file read in the helper process (on a server, from a size on)."""
        return self.shared and size >= offload.OFFLOAD_FROM_BYTES

    def _read(self, name: str, found: Sniffed, choices: Choices | None) -> FileRead:
        key = (name, found.sha256, choices_key(choices))
        read = self.cache.get(key)
        if read is None:
            if self._large(found.size):
                read = offload.read(name, found.data, found.sha256, choices, self.today)
            else:
                read = pipeline.read_sniffed(found, choices=choices, today=self.today)
            self.cache.put(key, read)
        return read
