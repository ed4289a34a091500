"""review: deal overrides, review indexes, articles_fts (SQLite FTS5 over jieba tokens)

Revision ID: 0003
Revises: 0002
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "deal_overrides",
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("amount_cny", sa.Float(), nullable=True),
        sa.Column("project_count", sa.Integer(), nullable=True),
        sa.Column("province", sa.String(length=40), nullable=True),
        sa.Column("city", sa.String(length=40), nullable=True),
        sa.Column("district", sa.String(length=80), nullable=True),
        sa.Column("park", sa.String(length=120), nullable=True),
        sa.Column("event_type", sa.String(length=20), nullable=True),
        sa.Column("event_date", sa.String(length=10), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("parties", sa.JSON(), nullable=True),
        sa.Column("industries", sa.JSON(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["deal_id"], ["deals.id"]),
        sa.PrimaryKeyConstraint("deal_id"),
    )
    op.create_index("ix_deals_review_state", "deals", ["review_state"])
    op.create_index("ix_deals_event_type", "deals", ["event_type"])
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # Hand-written: autogenerate does not know FTS5 (env.py filters *_fts* tables).
        op.execute("CREATE VIRTUAL TABLE articles_fts USING fts5("
                   "words, grams, tokenize = 'unicode61 remove_diacritics 0')")
        op.execute("CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
                   "DELETE FROM articles_fts WHERE rowid = old.id; END")
        from store.search import rebuild_index

        rebuild_index(bind)
    # PostgreSQL: add articles.search_tsv (tsvector of jieba tokens) with a GIN index here.


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS articles_fts_delete")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    op.drop_index("ix_deals_event_type", table_name="deals")
    op.drop_index("ix_deals_review_state", table_name="deals")
    op.drop_table("deal_overrides")
