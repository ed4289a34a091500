"""deals: prefecture of a county-level city (city 昆山, prefecture 苏州), backfilled

Revision ID: 0007
Revises: 0006
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

deals = sa.table("deals", sa.column("id", sa.Integer), sa.column("province", sa.String),
                 sa.column("city", sa.String), sa.column("prefecture", sa.String))
overrides = sa.table("deal_overrides", sa.column("deal_id", sa.Integer),
                     sa.column("province", sa.String), sa.column("city", sa.String),
                     sa.column("prefecture", sa.String))


def upgrade() -> None:
    with op.batch_alter_table("deals") as batch:
        batch.add_column(sa.Column("prefecture", sa.String(length=40), nullable=True))
        batch.create_index("ix_deals_prefecture", ["prefecture"])
    with op.batch_alter_table("deal_overrides") as batch:
        batch.add_column(sa.Column("prefecture", sa.String(length=40), nullable=True))
    backfill(op.get_bind())


def backfill(bind: sa.engine.Connection) -> None:
    """Deals whose city is a county-level city get its prefecture from the gazetteer (one
    look-up per distinct city and province); a corrected city gets one in its override,
    or "" when it has none but the extracted city has (so the extracted one is not shown)."""
    from store.places import county_prefecture

    found: dict[tuple[str, str | None], str | None] = {}

    def prefecture(city: str, province: str | None) -> str | None:
        if (city, province) not in found:
            found[city, province] = county_prefecture(city, province)
        return found[city, province]

    rows = bind.execute(sa.select(deals.c.id, deals.c.city, deals.c.province)
                        .where(deals.c.city.is_not(None), deals.c.prefecture.is_(None))).all()
    for deal_id, city, province in rows:
        value = prefecture(city, province)
        if value:
            bind.execute(deals.update().where(deals.c.id == deal_id).values(prefecture=value))
    rows = bind.execute(
        sa.select(overrides.c.deal_id, overrides.c.city,
                  sa.func.coalesce(overrides.c.province, deals.c.province), deals.c.prefecture)
        .join(deals, deals.c.id == overrides.c.deal_id)
        .where(overrides.c.city.is_not(None), overrides.c.prefecture.is_(None))).all()
    for deal_id, city, province, extracted in rows:
        value = prefecture(city, province) or ("" if extracted else None)
        if value is not None and value != extracted:
            bind.execute(overrides.update().where(overrides.c.deal_id == deal_id)
                         .values(prefecture=value))


def downgrade() -> None:
    with op.batch_alter_table("deal_overrides") as batch:
        batch.drop_column("prefecture")
    with op.batch_alter_table("deals") as batch:
        batch.drop_index("ix_deals_prefecture")
        batch.drop_column("prefecture")
