"""The one object the application layer holds: every operation on the database, for
one engine. Nothing above storage sees an engine or a connection; a test can hand the
application a store of its own (a subclass that fails on purpose, say)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from impact.importers.choices import Choices
from impact.model import Strategy
from impact.report.branding import Branding
from impact.voting import Option, Room, Round, Showing
from storage import access, checks, report_settings, repository, resume, voting
from storage.access import Failures, SignIn
from storage.checks import CheckSummary, RememberedMapping, SavedCheck, StoredCheck
from storage.db import Engine, make_engine
from storage.repository import StrategySummary, VersionInfo

if TYPE_CHECKING:
    import pandas as pd
from storage.resume import ResumePoint


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """The database at ``url`` (DATABASE_URL, else SQLite under data/), migrated to
        the current schema; DatabaseUnavailable when it cannot be used."""
        return cls(make_engine(url))

    def close(self) -> None:
        self.engine.dispose()

    # strategies and their versions
    def create_strategy(self, strategy: Strategy, *, author: str | None, summary: str, workspace: str) -> Strategy:
        return repository.create_strategy(self.engine, strategy, author=author, summary=summary, workspace=workspace)

    def save_version(
        self, strategy: Strategy, *, expected_version: int | None, author: str | None, summary: str, workspace: str
    ) -> int:
        return repository.save_version(
            self.engine,
            strategy,
            expected_version=expected_version,
            author=author,
            summary=summary,
            workspace=workspace,
        )

    def load_strategy(self, strategy_id: str, version: int | None = None, *, workspace: str) -> tuple[Strategy, int]:
        return repository.load_strategy(self.engine, strategy_id, version, workspace=workspace)

    def list_strategies(self, *, workspace: str) -> list[StrategySummary]:
        return repository.list_strategies(self.engine, workspace=workspace)

    def list_versions(self, strategy_id: str, *, workspace: str) -> list[VersionInfo]:
        return repository.list_versions(self.engine, strategy_id, workspace=workspace)

    def mark_milestone(self, strategy_id: str, version: int, note: str, *, workspace: str) -> None:
        repository.mark_milestone(self.engine, strategy_id, version, note, workspace=workspace)

    def strategy_exists(self, strategy_id: str, *, workspace: str) -> bool:
        return repository.strategy_exists(self.engine, strategy_id, workspace=workspace)

    def strategy_id_taken(self, strategy_id: str) -> bool:
        return repository.strategy_id_taken(self.engine, strategy_id)

    def move_to_workspace(self, strategy_ids: list[str] | None, *, source: str, target: str) -> list[str]:
        return repository.move_to_workspace(self.engine, strategy_ids, source=source, target=target)

    # access: failures and sign-ins every process shares
    def record_failure(self, kind: str, source: str, target: str, at: datetime) -> None:
        access.record_failure(self.engine, kind, source, target, at)

    def recent_failures(self, kind: str, source: str, target: str, since: datetime) -> Failures:
        return access.recent_failures(self.engine, kind, source, target, since)

    def clear_failures(self, kind: str, source: str, target: str) -> None:
        access.clear_failures(self.engine, kind, source, target)

    def forget_access_before(self, before: datetime) -> int:
        return access.forget_before(self.engine, before)

    def start_sign_in(self, sign_in: SignIn, *, ticket_hash: str, created_at: datetime) -> None:
        access.start_sign_in(self.engine, sign_in, ticket_hash=ticket_hash, created_at=created_at)

    def redeem_ticket(
        self, ticket_hash: str, token_hash: str, *, issued_after: datetime, now: datetime
    ) -> SignIn | None:
        return access.redeem_ticket(self.engine, ticket_hash, token_hash, issued_after=issued_after, now=now)

    def sign_in_by_token(self, token_hash: str, now: datetime) -> SignIn | None:
        return access.sign_in_by_token(self.engine, token_hash, now)

    def sign_in_by_id(self, sign_in_id: str, now: datetime) -> SignIn | None:
        return access.sign_in_by_id(self.engine, sign_in_id, now)

    def ticket_redeemed(self, sign_in_id: str) -> bool:
        return access.ticket_redeemed(self.engine, sign_in_id)

    def end_sign_in(self, sign_in_id: str) -> None:
        access.end_sign_in(self.engine, sign_in_id)

    # where each person stopped
    def remember_place(self, strategy_id: str, who: str, point: ResumePoint) -> None:
        resume.remember_place(self.engine, strategy_id, who, point)

    def recall_place(self, strategy_id: str, who: str) -> ResumePoint | None:
        return resume.recall_place(self.engine, strategy_id, who)

    # data checks
    def save_check(
        self,
        strategy_id: str,
        strategy_version: int,
        *,
        files: list[dict[str, Any]],
        data: pd.DataFrame,
        results: list[dict[str, Any]],
        warnings: list[Any],
    ) -> SavedCheck:
        return checks.save_check(
            self.engine, strategy_id, strategy_version, files=files, data=data, results=results, warnings=warnings
        )

    def list_checks(self, strategy_id: str) -> list[CheckSummary]:
        return checks.list_checks(self.engine, strategy_id)

    def load_checks(self, strategy_id: str) -> list[StoredCheck]:
        return checks.load_checks(self.engine, strategy_id)

    def load_check(self, check_id: int, *, with_data: bool = True) -> StoredCheck:
        return checks.load_check(self.engine, check_id, with_data=with_data)

    # the choices people made for a file's shape
    def remember_mapping(self, strategy_id: str, signature: str, choices: Choices, *, example: str | None) -> None:
        checks.remember_mapping(self.engine, strategy_id, signature, choices, example=example)

    def recall_mapping(self, strategy_id: str, signature: str) -> Choices | None:
        return checks.recall_mapping(self.engine, strategy_id, signature)

    def forget_mapping(self, strategy_id: str, signature: str) -> None:
        checks.forget_mapping(self.engine, strategy_id, signature)

    def list_mappings(self, strategy_id: str) -> list[RememberedMapping]:
        return checks.list_mappings(self.engine, strategy_id)

    # voting in the room
    def open_round(self, strategy_id: str, *, subject: str, title: str, options: list[Option], dots: int) -> Round:
        return voting.open_round(self.engine, strategy_id, subject=subject, title=title, options=options, dots=dots)

    def round_by_code(self, code: str) -> Round | None:
        return voting.round_by_code(self.engine, code)

    def current_round(self, strategy_id: str) -> Round | None:
        return voting.current_round(self.engine, strategy_id)

    def close_round(self, round_id: int) -> None:
        voting.close_round(self.engine, round_id)

    def cast(self, round_id: int, participant: str, name: str, ballot: dict[str, int]) -> dict[str, int]:
        return voting.cast(self.engine, round_id, participant, name, ballot)

    def room_for(self, strategy_id: str) -> Room:
        return voting.room_for(self.engine, strategy_id)

    def room_by_code(self, code: str) -> Room | None:
        return voting.room_by_code(self.engine, code)

    def show(self, strategy_id: str, showing: Showing) -> None:
        voting.show(self.engine, strategy_id, showing)

    def latest_round_state(self, strategy_id: str) -> tuple[int, bool] | None:
        return voting.latest_round_state(self.engine, strategy_id)

    def ballots(self, round_id: int) -> dict[str, dict[str, int]]:
        return voting.ballots(self.engine, round_id)

    def participants(self, round_id: int) -> list[str]:
        return voting.participants(self.engine, round_id)

    # the PDF's branding
    def remember_branding(self, strategy_id: str, branding: Branding) -> None:
        report_settings.remember_branding(self.engine, strategy_id, branding)

    def recall_branding(self, strategy_id: str) -> Branding:
        return report_settings.recall_branding(self.engine, strategy_id)
