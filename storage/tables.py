"""The schema as SQLAlchemy Core tables; Alembic migrations create it."""

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
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
)
