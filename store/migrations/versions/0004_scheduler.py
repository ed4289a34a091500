"""scheduler: crawl leases, next run per source, bytes and 304s per run

Revision ID: 0004
Revises: 0003
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "crawl_leases",
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("holder", sa.String(length=200), nullable=False),
        sa.Column("acquired_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("source_id"),
    )
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("next_run_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("crawl_runs") as batch:
        batch.add_column(sa.Column("bytes_fetched", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("list_not_modified", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("crawl_runs") as batch:
        batch.drop_column("list_not_modified")
        batch.drop_column("bytes_fetched")
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("next_run_at")
    op.drop_table("crawl_leases")
