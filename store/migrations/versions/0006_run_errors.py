"""crawl run errors: the URLs a run could not use, with kind and short reason

Revision ID: 0006
Revises: 0005
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "crawl_run_errors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("target", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["crawl_runs.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_crawl_run_errors_run_id", "crawl_run_errors", ["run_id"])
    op.create_index("ix_crawl_run_errors_source_url", "crawl_run_errors", ["source_id", "url"])


def downgrade() -> None:
    op.drop_index("ix_crawl_run_errors_source_url", table_name="crawl_run_errors")
    op.drop_index("ix_crawl_run_errors_run_id", table_name="crawl_run_errors")
    op.drop_table("crawl_run_errors")
