"""Who may use the review page and how its forms are protected.

A signed session cookie (HMAC-SHA256, SameSite=Strict, HttpOnly) carries a per-session
CSRF token and, when a review token is configured, whether the visitor has logged in.
Every POST must echo the CSRF token in a hidden field. API clients may instead send
`Authorization: Bearer <token>` on reads.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import secrets
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

COOKIE_NAME = "pw_review"
CSRF_FIELD = "csrf"
# Paths reachable without logging in (the login form itself and the stylesheet).
PUBLIC_PATHS = ("/login", "/static/")
# The page's own CSP: no scripts at all, styles and images from us only, no framing by
# others. The sandboxed raw-page iframe (srcdoc) inherits it, so its scripts never run.
CONTENT_SECURITY_POLICY = ("default-src 'none'; style-src 'self'; img-src 'self' data:; "
                           "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",  # links to the originals carry no referrer
    "Cache-Control": "no-store",
}


# Off loopback the token is all that guards the page.
MIN_TOKEN_CHARS = 16
MIN_TOKEN_DISTINCT = 6
# Wrong logins a client may make in the window before it must wait.
LOGIN_MAX_FAILURES = 5
LOGIN_WINDOW_SECONDS = 15 * 60
LOGIN_MAX_CLIENTS = 10_000  # clients remembered (memory bound)


class UnsafeBindError(ValueError):
    """A non-loopback bind was asked for without a review token."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]


def allowed_hosts_for(host: str) -> list[str] | None:
    """Host headers to accept: loopback names on a loopback bind, any otherwise (token-guarded)."""
    return [*LOOPBACK_NAMES, host] if is_loopback(host) else None


def check_bind(host: str, token: str | None) -> None:
    """Refuse to serve beyond this machine unless a strong enough token protects the page."""
    if is_loopback(host):
        return
    if not token:
        raise UnsafeBindError(
            f"refusing to bind {host}: the review page would be open to the network. "
            "Set PARKWATCH_REVIEW_TOKEN or pass --token, or bind 127.0.0.1.")
    if len(token.strip()) < MIN_TOKEN_CHARS or len(set(token)) < MIN_TOKEN_DISTINCT:
        raise UnsafeBindError(
            f"refusing to bind {host}: the review token is too weak for the network (at least "
            f"{MIN_TOKEN_CHARS} characters, not a repeated one). Make one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(24))'`.")


class LoginThrottle:
    """Failed logins per client: after LOGIN_MAX_FAILURES within LOGIN_WINDOW_SECONDS the
    client must wait until the oldest of them leaves the window, right token or not."""

    def __init__(self, max_failures: int = LOGIN_MAX_FAILURES, window: float = LOGIN_WINDOW_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_failures, self.window, self.clock = max_failures, window, clock
        self.failures: OrderedDict[str, deque[float]] = OrderedDict()

    def _recent(self, client: str) -> deque[float]:
        times = self.failures.get(client, deque())
        while times and times[0] <= self.clock() - self.window:
            times.popleft()
        return times

    def retry_after(self, client: str) -> float:
        """Seconds `client` must wait before its next attempt counts (0: it may try now)."""
        times = self._recent(client)
        if len(times) < self.max_failures:
            return 0.0
        return max(times[0] + self.window - self.clock(), 1.0)

    def failed(self, client: str) -> None:
        times = self._recent(client)
        times.append(self.clock())
        self.failures[client] = times
        self.failures.move_to_end(client)
        while len(self.failures) > LOGIN_MAX_CLIENTS:
            self.failures.popitem(last=False)  # the longest-quiet client is forgotten first

    def succeeded(self, client: str) -> None:
        self.failures.pop(client, None)


@dataclass
class SessionData:
    csrf: str
    authed: bool = False
    changed: bool = False


class SessionSigner:
    """Encodes sessions into tamper-evident cookie values."""

    def __init__(self, secret: bytes) -> None:
        self.secret = secret

    def _mac(self, payload: bytes) -> str:
        digest = hmac.new(self.secret, payload, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def dumps(self, session: SessionData) -> str:
        payload = base64.urlsafe_b64encode(json.dumps(
            {"csrf": session.csrf, "authed": session.authed}).encode()).decode().rstrip("=")
        return f"{payload}.{self._mac(payload.encode())}"

    def loads(self, value: str | None) -> SessionData | None:
        if not value or "." not in value:
            return None
        payload, mac = value.rsplit(".", 1)
        if not hmac.compare_digest(mac, self._mac(payload.encode())):
            return None
        try:
            data: dict[str, Any] = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            return SessionData(csrf=str(data["csrf"]), authed=bool(data.get("authed")))
        except (ValueError, KeyError, TypeError):
            return None


def new_session() -> SessionData:
    return SessionData(csrf=secrets.token_urlsafe(32), changed=True)


def token_matches(given: str | None, token: str | None) -> bool:
    return bool(token) and given is not None and hmac.compare_digest(given.encode(), token.encode())  # type: ignore[union-attr]


class ReviewGuard(BaseHTTPMiddleware):
    """Attaches the session, enforces the token, sets the cookie and security headers."""

    def __init__(self, app: Any, *, signer: SessionSigner, token: str | None) -> None:
        super().__init__(app)
        self.signer, self.token = signer, token

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        session = self.signer.loads(request.cookies.get(COOKIE_NAME)) or new_session()
        request.state.session = session
        bearer = request.headers.get("authorization", "")
        request.state.bearer = bearer.startswith("Bearer ") and token_matches(bearer[7:], self.token)
        allowed = (not self.token or session.authed or request.state.bearer
                   or request.url.path.startswith(PUBLIC_PATHS))
        if not allowed:
            if request.method == "GET":
                response: Response = RedirectResponse(f"/login?next={request.url.path}", status_code=303)
            else:
                response = Response("login required", status_code=401)
        else:
            response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if session.changed:
            response.set_cookie(COOKIE_NAME, self.signer.dumps(session), httponly=True,
                                samesite="strict", path="/")
        return response


def same_origin(request: Request) -> bool:
    """A browser POST carries Origin; when it does, it must be this server."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return True  # no (usable) Origin: the CSRF token alone decides
    host = request.headers.get("host", "")
    return origin.split("://", 1)[-1] == host


async def verified_form(request: Request) -> FormData:
    """The POSTed form, after checking its CSRF token against the session's (403 if not)."""
    form = await request.form()
    session: SessionData = request.state.session
    given = form.get(CSRF_FIELD)
    if not isinstance(given, str) or not hmac.compare_digest(given.encode(), session.csrf.encode()) \
            or not same_origin(request):
        raise HTTPException(status_code=403, detail="CSRF check failed: reload the page and try again")
    return form
