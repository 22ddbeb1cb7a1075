"""The workshop's vocabulary: cards, profiles, goals, KPI choices and the strategy.

Pydantic models with ``extra="forbid"`` so that a typo in a card file or a strategy
file is reported with its path instead of being silently dropped.
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Stage = Literal["awareness", "consideration", "conversion", "retention", "advocacy"]
STAGES: tuple[Stage, ...] = ("awareness", "consideration", "conversion", "retention", "advocacy")
Period = Literal["week", "month", "quarter", "year"]
PERIODS: tuple[Period, ...] = ("week", "month", "quarter", "year")
AREAS: tuple[str, ...] = (
    "revenue",
    "leads",
    "recruiting",
    "satisfaction",
    "awareness",
    "retention",
    "other",
)
Area = Literal["revenue", "leads", "recruiting", "satisfaction", "awareness", "retention", "other"]
HARD_AREAS = frozenset({"revenue", "leads", "recruiting", "retention"})
DEPARTMENTS: tuple[str, ...] = (
    "marketing",
    "sales",
    "hr",
    "support",
    "pr",
    "ecommerce",
    "finance",
    "management",
)
LANGUAGES: tuple[str, ...] = ("de", "en")
LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}
Language = Literal["de", "en"]
FORMAT = "impact-strategy/1"
FORMAT_VERSION = 1

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"


# Bounds on every free text a file can carry: a strategy file is untrusted input, and
# a 3 MB "person" would reach every page and the PDF. Wider than the forms allow.
Short = Annotated[str, Field(max_length=100)]
Text = Annotated[str, Field(max_length=500)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LocalText(Strict):
    """A text in German and English; a team's own card may carry only one of them."""

    de: str = Field(default="", max_length=1000)
    en: str = Field(default="", max_length=1000)

    @model_validator(mode="after")
    def _one_language_at_least(self) -> LocalText:
        if not (self.de.strip() or self.en.strip()):
            raise ValueError("needs a text in at least one language (de or en)")
        return self

    def get(self, lang: str) -> str:
        """In the reader's language, else in the other one the card has."""
        own = getattr(self, lang, "") if lang in LANGUAGES else ""
        return own or self.de or self.en


class Card(Strict):
    id: str = Field(pattern=ID_PATTERN)
    stage: Stage
    kind: Literal["kpi", "metric"]
    title: LocalText
    question: LocalText
    formula: str = Field(min_length=1, max_length=500)
    unit: str = Field(max_length=20)
    direction: Literal["up", "down"] = "up"
    inputs: list[Short] = Field(max_length=30)
    owner: Short = "marketing"
    sources: list[Text] = Field(default_factory=list, max_length=20)
    industries: list[Short] = Field(default_factory=list, max_length=20)
    pitfall: LocalText | None = None

    @property
    def is_metric(self) -> bool:
        return self.kind == "metric"


class ReferenceValue(Strict):
    """A published figure shown beside a target: never without its source and year."""

    label: LocalText
    value: str
    source: str = Field(min_length=1)
    year: int = Field(ge=1990, le=2100)
    card: str | None = None
    # True only when the figure is computed exactly as the card computes it (same inputs,
    # same basis, same kind of channel): then, and only then, it may stand as a first
    # target. An engagement rate per follower is not one per impression.
    same_measure: bool = False


class SuggestedGoal(Strict):
    title: LocalText
    area: Area
    hard: bool
    months: int = Field(default=12, ge=1, le=60)


class QuickStartCard(Strict):
    """A card the quick start lays on the board for this kind of business, the goal it
    serves and, where the card's own department does not exist in such a business,
    who owns it instead."""

    card: str
    goal: int = Field(ge=1)  # the profile's suggested goal it serves: 1 is the first
    owner: Short | None = None


class Profile(Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: LocalText
    description: LocalText
    example: LocalText
    goals: list[SuggestedGoal] = Field(min_length=1)
    priority_cards: dict[Stage, list[str]]
    departments: list[str] = Field(min_length=1)
    reference_values: list[ReferenceValue] = Field(default_factory=list)
    quick_start: list[QuickStartCard] = Field(min_length=1)


def new_id() -> str:
    return secrets.token_hex(4)


class Owner(Strict):
    department: Short | None = None
    person: Short | None = None
    source: Text | None = None


class Goal(Strict):
    id: str = Field(default_factory=new_id, pattern=ID_PATTERN)
    title: str = Field(min_length=1, max_length=300)
    area: Area = "other"
    hard: bool = False
    deadline: date | None = None
    # the profile's suggestion it was adopted from ("<profile>/<suggestion>"): a goal keeps it
    # when its title is rewritten, so the suggestion stays marked as adopted
    origin: str | None = Field(default=None, max_length=160, pattern=r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$")

    @field_validator("title")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value


class KpiChoice(Strict):
    """A card laid on the board: the card plus what the team decided about it."""

    id: str = Field(default_factory=new_id, pattern=ID_PATTERN)
    card: Short
    stage: Stage
    goal: str | None = None
    target: float | None = Field(default=None, allow_inf_nan=False)
    baseline: float | None = Field(default=None, allow_inf_nan=False)
    total: float | None = Field(default=None, allow_inf_nan=False)  # to reach by the goal's deadline, summed
    period: Period | None = "month"
    owner: Owner = Field(default_factory=Owner)
    channel: Short | None = None


class Strategy(Strict):
    format: str = FORMAT
    id: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]{0,31}$")
    name: str = Field(min_length=1, max_length=200)
    organisation: str = Field(default="", max_length=200)
    language: Language = "de"
    industry_profile: Short | None = None
    goals: list[Goal] = Field(default_factory=list, max_length=200)
    kpis: list[KpiChoice] = Field(default_factory=list, max_length=500)
    custom_cards: list[Card] = Field(default_factory=list, max_length=200)
    departments: list[Short] = Field(default_factory=list, max_length=100)
    parking_lot: list[Text] = Field(default_factory=list, max_length=2000)  # questions the room parks for later
    currency: str | None = Field(
        default=None, pattern=r"^[A-Z]{3}$"
    )  # money targets' currency (default: the card's, €)

    def goal(self, goal_id: str | None) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)

    def kpi(self, kpi_id: str) -> KpiChoice | None:
        return next((k for k in self.kpis if k.id == kpi_id), None)

    def kpis_in(self, stage: str) -> list[KpiChoice]:
        return [k for k in self.kpis if k.stage == stage]

    def all_departments(self) -> list[str]:
        """The standard departments, then the team's own, then any found on KPIs."""
        seen: list[str] = list(DEPARTMENTS)
        for dep in [*self.departments, *(k.owner.department for k in self.kpis)]:
            if dep and dep not in seen:
                seen.append(dep)
        return seen
