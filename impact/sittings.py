"""A working evening as a few entries: every change is kept as a version (a crash loses
nothing), but people read their history by sitting: one person's changes without a
long pause, closed by a named milestone where they set one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Generic, Protocol, TypeVar

PAUSE = timedelta(minutes=45)  # a longer break starts a new sitting


class Version(Protocol):
    @property
    def version(self) -> int: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def author(self) -> str | None: ...
    @property
    def milestone(self) -> str | None: ...


V = TypeVar("V", bound=Version)


@dataclass(frozen=True)
class Sitting(Generic[V]):
    versions: tuple[V, ...]  # newest first, as the history lists them

    @property
    def newest(self) -> V:
        return self.versions[0]

    @property
    def oldest(self) -> V:
        return self.versions[-1]

    @property
    def milestone(self) -> str | None:
        """The note of the milestone that closes this sitting, if one does."""
        return self.newest.milestone

    @property
    def author(self) -> str | None:
        return self.newest.author


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def sittings(versions: Sequence[V], pause: timedelta = PAUSE) -> list[Sitting[V]]:
    """Versions (newest first) grouped into sittings, newest first. A sitting ends at a
    milestone, when someone else saves, or after a pause longer than ``pause``."""
    groups: list[list[V]] = []
    previous: V | None = None
    for item in sorted(versions, key=lambda v: v.version):
        starts = (
            previous is None
            or previous.milestone is not None
            or (previous.author or "") != (item.author or "")
            or _utc(item.created_at) - _utc(previous.created_at) > pause
        )
        if starts:
            groups.append([item])
        else:
            groups[-1].append(item)
        previous = item
    return [Sitting(tuple(reversed(group))) for group in reversed(groups)]


def last_milestone(versions: Sequence[V]) -> V | None:
    """The newest version marked as a milestone."""
    marked = [v for v in versions if v.milestone is not None]
    return max(marked, key=lambda v: v.version) if marked else None
