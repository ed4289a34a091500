"""The review web page: browse, search, check, correct and export the stored deals."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from sqlalchemy.orm import Session
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from review import charts, export
from review.highlight import segments
from review.security import (
    CSRF_FIELD,
    LoginThrottle,
    ReviewGuard,
    SessionSigner,
    new_session,
    token_matches,
    verified_form,
)
from store import review as rq
from store.ingest import raw_body
from store.models import Article
from store.session import Store

HERE = Path(__file__).resolve().parent
PAGE_SIZE = 50
# Raw pages larger than this are cut before being shown in the sandboxed frame.
MAX_RAW_CHARS = 2_000_000
FILTER_FIELDS = ("since", "until", "region", "province", "city", "park", "min_amount", "industry",
                 "event_type", "source", "state", "search", "sort")

Withdraw = Callable[[Session, int], int]


def parse_filter(params: Mapping[str, str]) -> rq.DealFilter:
    """A DealFilter from query parameters; ValueError names the bad parameter."""
    values: dict[str, Any] = {}
    for name in FILTER_FIELDS:
        raw = (params.get(name) or "").strip()
        if not raw:
            continue
        try:
            if name in ("since", "until"):
                values[name] = dt.date.fromisoformat(raw)
            elif name == "min_amount":
                values[name] = float(raw)
            else:
                values[name] = raw
        except ValueError:
            raise ValueError(f"{name}: {raw!r} is not valid") from None
    if values.get("state") and values["state"] not in rq.STATES:
        raise ValueError(f"state: one of {', '.join(rq.STATES)}")
    if values.get("sort") and values["sort"] not in rq.SORTS:
        raise ValueError(f"sort: one of {', '.join(rq.SORTS)}")
    return rq.DealFilter(**values)


def _offset(request: Request) -> int:
    raw = request.query_params.get("offset") or "0"
    if not raw.isdigit():
        raise HTTPException(status_code=400, detail="offset: a whole number")
    return int(raw)


def _safe_url(url: str | None) -> str | None:
    """Only http(s) addresses become links: scraped `javascript:` URLs stay text."""
    return url if url and urlsplit(url).scheme in ("http", "https") else None


def _amount(value: float | None) -> str:
    return "" if value is None else f"{value:,.2f}".rstrip("0").rstrip(".")


def make_templates() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(safe_url=_safe_url, amount=_amount)
    return env


class ReviewApp:
    """Route handlers over one store; built by `create_app`."""

    def __init__(self, store: Store, withdraw: Withdraw, token: str | None,
                 throttle: LoginThrottle | None = None) -> None:
        self.store, self.withdraw, self.token = store, withdraw, token
        self.templates = make_templates()
        self.throttle = throttle or LoginThrottle()

    def render(self, request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = self.templates.get_template(name).render(
            request=request, csrf=request.state.session.csrf, csrf_field=CSRF_FIELD,
            token_required=bool(self.token), **context)
        return HTMLResponse(html, status_code=status)

    def _filter(self, request: Request) -> rq.DealFilter:
        try:
            return parse_filter(request.query_params)
        except ValueError as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from exc

    # -- pages -----------------------------------------------------------------
    def deals(self, request: Request) -> Response:
        f = self._filter(request)
        offset = _offset(request)
        with self.store.session() as session:
            view = rq.deal_view(session, f, offset=offset, limit=PAGE_SIZE)
            facets = rq.facet_values(session)
        params = f.params()
        return self.render(request, "deals.html", view=view, f=f, params=params, facets=facets,
                           offset=offset, page_size=PAGE_SIZE, states=rq.STATES, sorts=rq.SORTS,
                           query=lambda **kw: urlencode({**params, **{k: v for k, v in kw.items() if v not in (None, "")}}))

    def charts(self, request: Request) -> Response:
        f = self._filter(request)
        with self.store.session() as session:
            rows = rq.matching_rows(session, f)
        svgs = [Markup(charts.bar_chart_svg(c.items, c.title)) for c in charts.aggregate(rows)]
        return self.render(request, "charts.html", svgs=svgs, f=f, total=len(rows),
                           params=urlencode(f.params()))

    def deal(self, request: Request) -> Response:
        deal_id = int(request.path_params["deal_id"])
        with self.store.session() as session:
            record = rq.deal_record(session, deal_id)
            if record is None:
                raise HTTPException(status_code=404, detail=f"no deal {deal_id}")
            override = rq.get_override(session, deal_id)
            articles = rq.deal_articles(session, deal_id)
            shown = [(a, segments(a.text or "", a.facts or {})) for a in articles]
        return self.render(request, "deal.html", deal=record, override=override, articles=shown,
                           states=rq.STATES, error=request.query_params.get("error"),
                           saved=request.query_params.get("saved"))

    def articles(self, request: Request) -> Response:
        query = (request.query_params.get("search") or "").strip()
        offset = _offset(request)
        with self.store.session() as session:
            total, found = rq.search_articles(session, query or None, limit=PAGE_SIZE, offset=offset)
        return self.render(request, "articles.html", query=query, total=total, found=found,
                           offset=offset, page_size=PAGE_SIZE)

    def article(self, request: Request) -> Response:
        article_id = int(request.path_params["article_id"])
        from extractors.page.encoding import decode_html

        with self.store.session() as session:
            article = session.get(Article, article_id)
            if article is None:
                raise HTTPException(status_code=404, detail=f"no article {article_id}")
            page = article.page
            raw_html, codec = decode_html(raw_body(page), page.http_charset) if page.raw else ("", "")
            deal_id = next((m.deal_id for m in article.mentions), None)
            shown = segments(article.text or "", article.facts or {})
        return self.render(request, "article.html", article=article, segments=shown, deal_id=deal_id,
                           raw_html=raw_html[:MAX_RAW_CHARS], codec=codec, page=page)

    def export(self, request: Request) -> Response:
        f = self._filter(request)
        kind = request.path_params["kind"]
        if kind not in ("csv", "xlsx"):
            raise HTTPException(status_code=404, detail="export as .csv or .xlsx")
        with self.store.session() as session:
            records = list(rq.iter_records(session, f))
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M")
        if kind == "csv":
            body, media = export.to_csv(records), "text/csv; charset=utf-8"
        else:
            body = export.to_xlsx(records)
            media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return Response(body, media_type=media, headers={
            "Content-Disposition": f'attachment; filename="parkwatch-deals-{stamp}.{kind}"'})

    # -- actions (POST: CSRF-checked) -------------------------------------------
    async def set_state(self, request: Request) -> Response:
        form = await verified_form(request)
        deal_id = int(request.path_params["deal_id"])
        state = str(form.get("state") or "")

        def work() -> None:
            with self.store.session() as session:
                rq.set_review_state(session, deal_id, state)
                if state == "wrong":
                    self.withdraw(session, deal_id)

        try:
            await run_in_threadpool(work)
        except rq.ReviewError as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from exc
        return RedirectResponse(f"/deals/{deal_id}?saved=state", status_code=303)

    async def save_overrides(self, request: Request) -> Response:
        form = await verified_form(request)
        deal_id = int(request.path_params["deal_id"])
        values = {k: str(form.get(k)) for k in rq.OVERRIDE_FIELDS if form.get(k) is not None}
        note = form.get("note")

        def work() -> None:
            with self.store.session() as session:
                rq.save_overrides(session, deal_id, values, note=str(note) if note is not None else None)

        try:
            await run_in_threadpool(work)
        except rq.ReviewError as exc:
            return RedirectResponse(f"/deals/{deal_id}?{urlencode({'error': str(exc)})}", status_code=303)
        return RedirectResponse(f"/deals/{deal_id}?saved=facts", status_code=303)

    def login_form(self, request: Request) -> Response:
        return self.render(request, "login.html", next=request.query_params.get("next", "/"),
                           failed=False)

    async def login(self, request: Request) -> Response:
        form = await verified_form(request)
        target = str(form.get("next") or "/")
        if not target.startswith("/") or target.startswith("//"):
            target = "/"
        client = request.client.host if request.client else "unknown"
        wait = self.throttle.retry_after(client)
        if wait:
            response = self.render(request, "login.html", status=429, next=target, failed=True,
                                   retry_after=int(wait))
            response.headers["Retry-After"] = str(int(wait))
            return response
        if not token_matches(str(form.get("token") or ""), self.token):
            self.throttle.failed(client)
            return self.render(request, "login.html", status=401, next=target, failed=True)
        self.throttle.succeeded(client)
        session = new_session()  # a fresh CSRF token once logged in
        session.authed = True
        request.state.session.__dict__.update(session.__dict__)
        return RedirectResponse(target, status_code=303)

    async def logout(self, request: Request) -> Response:
        await verified_form(request)
        request.state.session.__dict__.update(new_session().__dict__)
        return RedirectResponse("/login" if self.token else "/", status_code=303)


def _error_page(request: Request, exc: HTTPException) -> Response:
    from html import escape

    return HTMLResponse(f"<!doctype html><meta charset=utf-8><title>{exc.status_code}</title>"
                        f"<h1>{exc.status_code}</h1><p>{escape(str(exc.detail))}</p>"
                        f'<p><a href="/deals">deals</a></p>', status_code=exc.status_code)


def create_app(store: Store, *, token: str | None = None, secret: bytes | None = None,
               withdraw: Withdraw | None = None, allowed_hosts: list[str] | None = None,
               throttle: LoginThrottle | None = None) -> Starlette:
    """The review app over `store`; `token` (if set) must be presented to use it.

    `allowed_hosts` (Host header names) stops DNS rebinding: a web page whose name
    resolves to 127.0.0.1 must not be able to read or post to a loopback review page.
    """
    handlers = ReviewApp(store, withdraw or rq.withdraw_pending_alerts, token, throttle)
    routes = [
        Route("/", lambda request: RedirectResponse("/deals", status_code=303)),
        Route("/deals", handlers.deals),
        Route("/deals/{deal_id:int}", handlers.deal),
        Route("/deals/{deal_id:int}/state", handlers.set_state, methods=["POST"]),
        Route("/deals/{deal_id:int}/overrides", handlers.save_overrides, methods=["POST"]),
        Route("/charts", handlers.charts),
        Route("/export.{kind:str}", handlers.export),
        Route("/articles", handlers.articles),
        Route("/articles/{article_id:int}", handlers.article),
        Route("/login", handlers.login_form, methods=["GET"]),
        Route("/login", handlers.login, methods=["POST"]),
        Route("/logout", handlers.logout, methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    signer = SessionSigner(secret or os.urandom(32))
    middleware = [Middleware(ReviewGuard, signer=signer, token=token)]
    if allowed_hosts:
        middleware.insert(0, Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts))
    app = Starlette(routes=routes, middleware=middleware,
                    exception_handlers={HTTPException: _error_page})
    return app
