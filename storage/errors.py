"""Typed storage errors, so pages can say what happened instead of showing a trace."""


class StorageError(Exception):
    """Base of every error the storage layer raises on purpose."""


class StrategyNotFound(StorageError):
    def __init__(self, strategy_id: str, version: int | None = None) -> None:
        super().__init__(f"strategy {strategy_id!r}" + (f" version {version}" if version else "") + " not found")
        self.strategy_id = strategy_id
        self.version = version


class VersionConflict(StorageError):
    """Someone else saved a newer version since this one was loaded."""

    def __init__(self, strategy_id: str, expected: int, actual: int) -> None:
        super().__init__(f"strategy {strategy_id!r}: expected version {expected}, the database has {actual}")
        self.strategy_id = strategy_id
        self.expected = expected
        self.actual = actual


class DatabaseUnavailable(StorageError):
    """The database could not be reached or refused the operation."""


class CorruptVersion(StorageError):
    """A stored document no longer validates (hand-edited database, newer app)."""
