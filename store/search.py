"""Full-text search over articles in Chinese and Japanese.

SQLite's FTS5 cannot split CJK text into words, so we hand it text that is already
split: an FTS5 table `articles_fts` (rowid = article id) with two columns,
  words: jieba tokens (cut_for_search on Chinese; plain cut without HMM on Japanese,
         where posseg and the HMM are slow and wrong),
  grams: overlapping character bigrams of every CJK run, the safety net that makes any
         2-character word (签约, 工場) match wherever jieba put its word boundaries.
A query term matches when it is a phrase in either column; terms are ANDed.
PostgreSQL (no zhparser in Debian) gets the same two token streams as a table
`articles_fts` (id = article id) of two `tsvector` columns with GIN indexes. The vectors
and queries are written as tsvector/tsquery literals with positions, so PostgreSQL's
parser and locale never split or fold the CJK tokens, and phrases use `<->`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from store.models import Article

logger = logging.getLogger(__name__)

FTS_TABLE = "articles_fts"
# A run of CJK ideographs, kana or Hangul: split into bigrams.
CJK_RUN_RE = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+")
# Kana marks a text (or a query) as Japanese.
KANA_RE = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]")
# Tokens FTS5 should see: letters, digits and CJK; punctuation and spaces are dropped.
TOKEN_RE = re.compile(r"\w+", re.UNICODE)
# Longest text segmented per article: the lead of an article is what people search for,
# and jieba on a whole 100 kB page is slow.
MAX_INDEXED_CHARS = 20_000
# PostgreSQL keeps tsvector positions up to 16383 (larger ones are clamped).
PG_MAX_POSITION = 16_383
# PostgreSQL refuses lexemes over 2,046 bytes; tokens that long are never searched for.
PG_MAX_LEXEME_CHARS = 500


@cache
def _jieba():  # type: ignore[no-untyped-def]
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def is_japanese(text: str, lang: str | None = None) -> bool:
    return bool(lang and lang.lower().startswith("ja")) or bool(KANA_RE.search(text))


def _clean_tokens(tokens: Iterable[str]) -> Iterator[str]:
    for token in tokens:
        for part in TOKEN_RE.findall(token):
            yield part.lower()


def segment_words(text: str, lang: str | None = None) -> list[str]:
    """jieba tokens of `text`: search mode on Chinese, plain cut without HMM on Japanese."""
    jieba = _jieba()
    if is_japanese(text, lang):
        return list(_clean_tokens(jieba.cut(text, HMM=False)))
    return list(_clean_tokens(jieba.cut_for_search(text, HMM=False)))


def bigrams(text: str) -> list[str]:
    """Overlapping CJK character bigrams (a lone character stays a unigram) plus Latin words."""
    out: list[str] = []
    pos = 0
    for match in CJK_RUN_RE.finditer(text):
        out.extend(_clean_tokens([text[pos:match.start()]]))
        run = match.group()
        out.extend([run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)])
        pos = match.end()
    out.extend(_clean_tokens([text[pos:]]))
    return out


def index_columns(title: str | None, body: str | None, lang: str | None) -> tuple[str, str]:
    """The (words, grams) column values of one article."""
    content = f"{title or ''}\n{(body or '')[:MAX_INDEXED_CHARS]}"
    return " ".join(segment_words(content, lang)), " ".join(bigrams(content))


def _pg_quote(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def pg_tsvector(tokens: str) -> str:
    """tsvector literal of space-separated tokens, each at its position (for phrases)."""
    parts = [f"{_pg_quote(t)}:{min(i, PG_MAX_POSITION)}"
             for i, t in enumerate(tokens.split(), start=1) if len(t) <= PG_MAX_LEXEME_CHARS]
    return " ".join(parts)


def _write_row(connection: Any, dialect: str, article_id: int, words: str, grams: str) -> None:
    if dialect == "sqlite":
        connection.execute(text(f"INSERT INTO {FTS_TABLE}(rowid, words, grams) VALUES (:id, :w, :g)"),
                           {"id": article_id, "w": words, "g": grams})
    else:
        connection.execute(text(f"INSERT INTO {FTS_TABLE}(id, words_tsv, grams_tsv) VALUES "
                                "(:id, CAST(:w AS tsvector), CAST(:g AS tsvector))"),
                           {"id": article_id, "w": pg_tsvector(words), "g": pg_tsvector(grams)})


def index_article(session: Session, article: Article, columns: tuple[str, str] | None = None,
                  fresh: bool = False) -> None:
    """Write (or rewrite) the article's full-text row; called by ingest after the flush.
    `columns`: index_columns() of the article computed beforehand (in a crawl worker);
    `fresh`: the article was inserted by this session, so it has no row to delete."""
    dialect = session.get_bind().dialect.name
    words, grams = columns or index_columns(article.title, article.text, article.lang)
    key = "rowid" if dialect == "sqlite" else "id"
    if not fresh:
        session.execute(text(f"DELETE FROM {FTS_TABLE} WHERE {key} = :id"), {"id": article.id})
    _write_row(session, dialect, article.id, words, grams)


def index_articles(session: Session, rows: list[tuple[int, tuple[str, str]]]) -> None:
    """Write the full-text rows of articles this session just inserted, in one statement:
    (article id, index_columns() of it) each."""
    if not rows:
        return
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text(f"INSERT INTO {FTS_TABLE}(rowid, words, grams) VALUES (:id, :w, :g)"),
                        [{"id": article_id, "w": words, "g": grams} for article_id, (words, grams) in rows])
    else:
        session.execute(text(f"INSERT INTO {FTS_TABLE}(id, words_tsv, grams_tsv) VALUES "
                             "(:id, CAST(:w AS tsvector), CAST(:g AS tsvector))"),
                        [{"id": article_id, "w": pg_tsvector(words), "g": pg_tsvector(grams)}
                         for article_id, (words, grams) in rows])


def rebuild_index(connection: Any) -> int:
    """Index every stored article again (after the migration, or to repair); returns the count."""
    dialect = connection.dialect.name
    rows = connection.execute(text("SELECT id, title, text, lang FROM articles")).all()
    connection.execute(text(f"DELETE FROM {FTS_TABLE}"))
    for article_id, title, body, lang in rows:
        words, grams = index_columns(title, body, lang)
        _write_row(connection, dialect, article_id, words, grams)
    return len(rows)


def _phrase(tokens: list[str]) -> str:
    return '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'


def fts_query(query: str) -> str | None:
    """FTS5 MATCH expression for a user query: each term as a phrase of words OR of bigrams."""
    clauses = []
    for term in query.split():
        words = segment_words(term)
        grams = bigrams(term)
        options = []
        if words:
            options.append(f"words : {_phrase(words)}")
        if grams:
            options.append(f"grams : {_phrase(grams)}")
        if options:
            clauses.append("(" + " OR ".join(dict.fromkeys(options)) + ")")
    return " AND ".join(clauses) or None


def search_article_ids_sql(dialect: str, query: str) -> tuple[str, dict[str, Any]] | None:
    """(SQL selecting matching article ids as `id`, parameters), or None for an empty query."""
    if dialect == "sqlite":
        match = fts_query(query)
        if match is None:
            return None
        return f"SELECT rowid AS id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q", {"q": match}
    return pg_search_sql(query)


def _pg_phrase(tokens: list[str]) -> str:
    return " <-> ".join(_pg_quote(t) for t in tokens if len(t) <= PG_MAX_LEXEME_CHARS)


def pg_search_sql(query: str) -> tuple[str, dict[str, Any]] | None:
    """PostgreSQL: each term a phrase of words OR of bigrams, terms ANDed; `rank` ascending is best."""
    conds: list[str] = []
    params: dict[str, Any] = {}
    ranks: list[str] = []
    for i, term in enumerate(query.split()):
        options = []
        for column, tokens in (("words_tsv", segment_words(term)), ("grams_tsv", bigrams(term))):
            phrase = _pg_phrase(tokens)
            if phrase:
                key = f"{column[0]}{i}"
                params[key] = phrase
                options.append(f"{column} @@ CAST(:{key} AS tsquery)")
                ranks.append(f"ts_rank({column}, CAST(:{key} AS tsquery))")
        if options:
            conds.append("(" + " OR ".join(options) + ")")
    if not conds:
        return None
    where = " AND ".join(conds)
    return (f"SELECT id FROM (SELECT id, -({' + '.join(ranks)}) AS rank FROM {FTS_TABLE} "
            f"WHERE {where}) AS found", params)
