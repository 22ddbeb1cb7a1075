"""A check keeps the rows of its whole (every KPI per period, no segment) apart from all
its rows: the review reads a few dozen rows per check instead of thousands (a 50-campaign
export gives each KPI fifty segment rows per period), and existing checks get theirs.

Revision ID: 0010
Revises: 0009
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def wholes(results: str) -> str:
    """The same as storage.checks.wholes_json, frozen here as migrations must be."""
    return json.dumps([r for r in json.loads(results) if r.get("segment") is None], ensure_ascii=False)


def upgrade() -> None:
    with op.batch_alter_table("checks") as batch:
        batch.add_column(sa.Column("wholes", sa.Text, nullable=True))
    checks = sa.table(
        "checks", sa.column("id", sa.Integer), sa.column("results", sa.Text), sa.column("wholes", sa.Text)
    )
    connection = op.get_bind()
    for (check_id,) in connection.execute(sa.select(checks.c.id)).all():  # one check in memory at a time
        results = connection.execute(sa.select(checks.c.results).where(checks.c.id == check_id)).scalar_one()
        connection.execute(sa.update(checks).where(checks.c.id == check_id).values(wholes=wholes(results)))


def downgrade() -> None:
    with op.batch_alter_table("checks") as batch:
        batch.drop_column("wholes")
