"""A version can be a named milestone (marked, not copied); a check keeps a fingerprint
of its files and results so that the same check is not kept twice; and a strategy
remembers where each person stopped (page, guided mode, name).

Revision ID: 0007
Revises: 0006
"""

import hashlib
import json

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def fingerprint(files: str, results: str, warnings: str) -> str:
    """The same as storage.checks.fingerprint, frozen here as migrations must be."""
    hashes = sorted(str(f.get("sha256") or f.get("name")) for f in json.loads(files))
    text = json.dumps([hashes, json.loads(results), json.loads(warnings)], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def upgrade() -> None:
    with op.batch_alter_table("strategy_versions") as batch:
        batch.add_column(sa.Column("milestone", sa.String(200), nullable=True))
    with op.batch_alter_table("checks") as batch:
        batch.add_column(sa.Column("fingerprint", sa.String(64), nullable=True))
    checks = sa.table(
        "checks",
        sa.column("id", sa.Integer),
        sa.column("files", sa.Text),
        sa.column("results", sa.Text),
        sa.column("warnings", sa.Text),
        sa.column("fingerprint", sa.String),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(checks.c.id, checks.c.files, checks.c.results, checks.c.warnings)).all()
    for row in rows:
        connection.execute(
            sa.update(checks)
            .where(checks.c.id == row.id)
            .values(fingerprint=fingerprint(row.files, row.results, row.warnings))
        )
    op.create_table(
        "resume_points",
        sa.Column("strategy_id", sa.String(32), sa.ForeignKey("strategies.id"), primary_key=True),
        sa.Column("who", sa.String(200), primary_key=True),
        sa.Column("page", sa.String(40), nullable=False),
        sa.Column("guided", sa.Boolean, nullable=False),
        sa.Column("author", sa.String(100), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("resume_points")
    with op.batch_alter_table("checks") as batch:
        batch.drop_column("fingerprint")
    with op.batch_alter_table("strategy_versions") as batch:
        batch.drop_column("milestone")
