"""review: deal overrides, review indexes, articles_fts (FTS5 on SQLite, tsvector + GIN on PostgreSQL)

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
    else:
        # Same two token streams as tsvectors (store/search.py writes them as literals).
        op.execute("CREATE TABLE articles_fts (id INTEGER PRIMARY KEY REFERENCES articles(id) "
                   "ON DELETE CASCADE, words_tsv TSVECTOR NOT NULL, grams_tsv TSVECTOR NOT NULL)")
        op.execute("CREATE INDEX articles_fts_words ON articles_fts USING GIN (words_tsv)")
        op.execute("CREATE INDEX articles_fts_grams ON articles_fts USING GIN (grams_tsv)")
    from store.search import rebuild_index

    rebuild_index(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS articles_fts_delete")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    else:
        op.execute("DROP TABLE IF EXISTS articles_fts")
    op.drop_index("ix_deals_event_type", table_name="deals")
    op.drop_index("ix_deals_review_state", table_name="deals")
    op.drop_table("deal_overrides")
