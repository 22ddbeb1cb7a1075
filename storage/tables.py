"""The schema as SQLAlchemy Core tables; Alembic migrations create it."""

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

strategies = Table(
    "strategies",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("organisation", String(200), nullable=False, default=""),
    Column("latest_version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # The workspace that owns it; "" when the app runs without access protection.
    Column("workspace", String(64), nullable=False, server_default=""),
)

strategy_versions = Table(
    "strategy_versions",
    metadata,
    Column("strategy_id", String(32), ForeignKey("strategies.id"), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("author", String(100), nullable=True),
    Column("summary", String(300), nullable=False, default=""),
    Column("document", Text, nullable=False),
    # A named point ("" when unnamed); None for the versions saved as work goes on.
    Column("milestone", String(200), nullable=True),
)

checks = Table(
    "checks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("strategy_id", String(32), ForeignKey("strategies.id"), nullable=False),
    Column("strategy_version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("files", Text, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("results", Text, nullable=False),
    Column("warnings", Text, nullable=False),
    Column("fingerprint", String(64), nullable=True),  # files and results: the same check is kept once
    Column("wholes", Text, nullable=True),  # the results without segment: what a review reads
)

column_mappings = Table(
    "column_mappings",
    metadata,
    Column("strategy_id", String(32), ForeignKey("strategies.id"), primary_key=True),
    Column("signature", String(64), primary_key=True),
    Column("format", String(40), nullable=True),
    Column("mapping", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("example", String(255), nullable=True),  # a file the mapping was made for
)

report_settings = Table(
    "report_settings",
    metadata,
    Column("strategy_id", String(32), ForeignKey("strategies.id"), primary_key=True),
    Column("author", String(200), nullable=False),
    Column("color", String(7), nullable=False),
    Column("footer", String(300), nullable=False),
    Column("logo", LargeBinary, nullable=True),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

voting_rounds = Table(
    "voting_rounds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("strategy_id", String(32), ForeignKey("strategies.id"), nullable=False),
    Column("code", String(12), nullable=False, unique=True),
    Column("subject", String(20), nullable=False),
    Column("title", String(200), nullable=False),
    Column("options", Text, nullable=False),
    Column("dots", Integer, nullable=False),
    Column("is_open", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

votes = Table(
    "votes",
    metadata,
    Column("round_id", Integer, ForeignKey("voting_rounds.id"), primary_key=True),
    Column("participant", String(40), primary_key=True),
    Column("option_id", String(80), primary_key=True),
    Column("name", String(60), nullable=False),
    Column("dots", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

rooms = Table(
    "rooms",
    metadata,
    Column("strategy_id", String(32), ForeignKey("strategies.id"), primary_key=True),
    Column("code", String(12), nullable=False, unique=True),  # never one of voting_rounds.code
    Column("view", String(12), nullable=False),
    Column("step", Integer, nullable=False),
    Column("stage", String(20), nullable=False),
    Column("card", String(80), nullable=True),
    Column("deadline", Float, nullable=True),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

resume_points = Table(
    "resume_points",
    metadata,
    Column("strategy_id", String(32), ForeignKey("strategies.id"), primary_key=True),
    Column("who", String(200), primary_key=True),  # a signed-in account; "" for an installation without one
    Column("page", String(40), nullable=False),
    Column("guided", Boolean, nullable=False),
    Column("author", String(100), nullable=True),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

access_failures = Table(
    "access_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(12), nullable=False),  # "password" or "join"
    Column("source", String(64), nullable=False),  # the client's address
    Column("target", String(64), nullable=False),  # the workspace tried ("" for a join code)
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_access_failures_source", "kind", "source", "at"),
    Index("ix_access_failures_target", "kind", "target", "at"),
)

sign_ins = Table(
    "sign_ins",
    metadata,
    Column("id", String(32), primary_key=True),  # what the signed-in session holds
    Column("workspace", String(64), nullable=False),
    Column("credential", String(16), nullable=False),  # a fingerprint of the password hash it was made with
    Column("token_hash", String(64), nullable=True, unique=True),  # the browser's cookie, hashed
    Column("ticket_hash", String(64), nullable=True, unique=True),  # the one-use ticket that sets the cookie
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)
