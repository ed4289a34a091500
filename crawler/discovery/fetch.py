"""A small synchronous HTTP client for `sources add`, under the crawler's own rules:
robots.txt, the address guard (http/https, public addresses, the checked address pinned
for the connection), the download size limit, timeout, redirect limit and User-Agent."""

from __future__ import annotations

import logging
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3
from protego import Protego

from crawler import settings as crawl_settings
from crawler.netguard import UnsafeURL, check_url  # the crawler's own guard: public addresses, pinned
from extractors.page.encoding import decode_html, declared_charsets

logger = logging.getLogger(__name__)

REDIRECTS = (301, 302, 303, 307, 308)
GZIP_MAGIC = b"\x1f\x8b"
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml;q=0.9,*/*;q=0.8"


class FetchError(RuntimeError):
    """A page that cannot be fetched under the rules; the message says which rule or error."""


@dataclass
class Fetched:
    url: str  # after redirects
    status: int
    content_type: str
    charset: str | None  # declared in the header
    body: bytes
    text: str = ""
    encoding: str | None = None
    encoding_guessed: bool = False  # neither header nor <meta> declared it

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


@dataclass
class Fetcher:
    user_agent: str = crawl_settings.USER_AGENT
    private_hosts: tuple[str, ...] = ()
    timeout: float = crawl_settings.DOWNLOAD_TIMEOUT
    max_bytes: int = crawl_settings.DOWNLOAD_MAXSIZE
    max_redirects: int = crawl_settings.REDIRECT_MAX_TIMES
    robots: dict[str, Protego | None] = field(default_factory=dict)
    robots_texts: dict[str, str] = field(default_factory=dict)
    delay: float = crawl_settings.DOWNLOAD_DELAY  # seconds between two requests to one host
    fetched: list[str] = field(default_factory=list)
    last_request: dict[str, float] = field(default_factory=dict)
    cache: dict[str, Fetched] = field(default_factory=dict)  # one discovery asks twice for page 2

    def robots_for(self, url: str) -> Protego | None:
        """The parsed robots.txt of the URL's site (None: there is none, all allowed)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self.robots:
            try:
                got = self._get(origin + "/robots.txt")
            except FetchError as exc:
                logger.info("robots.txt of %s not read (%s): all allowed", origin, exc)
                got = None
            text = got.body.decode("utf-8", "replace") if got is not None and got.ok else ""
            self.robots_texts[origin] = text
            self.robots[origin] = Protego.parse(text) if text else None
        return self.robots[origin]

    def allowed(self, url: str) -> bool:
        robots = self.robots_for(url)
        return robots is None or robots.can_fetch(url, self.user_agent)

    def get(self, url: str) -> Fetched:
        """GET under every rule, redirects followed (each hop checked again), text decoded."""
        if url in self.cache:
            return self.cache[url]
        asked = url
        for _ in range(self.max_redirects + 1):
            if not self.allowed(url):
                raise FetchError(f"robots.txt of {urlsplit(url).netloc} disallows {url}")
            got = self._get(url)
            if got.status in REDIRECTS and got.text:
                url = urljoin(url, got.text)
                continue
            if not got.ok:
                raise FetchError(f"{url} answered HTTP {got.status}")
            got.text, got.encoding = decode_html(got.body, got.charset)
            got.encoding_guessed = got.charset is None and not declared_charsets(got.body)
            self.cache[asked] = got
            return got
        raise FetchError(f"{url}: more than {self.max_redirects} redirects")

    def _get(self, url: str) -> Fetched:
        """One request to the checked, pinned address; a redirect's Location is put in .text."""
        try:
            addresses = check_url(url, private_hosts=self.private_hosts)
        except UnsafeURL as exc:
            hint = "" if self.private_hosts else " (for a site on loopback or a private network, pass --allow-private)"
            raise FetchError(f"refused {url}: {exc}{hint}") from None
        parts = urlsplit(url)
        https = parts.scheme == "https"
        port = parts.port or (443 if https else 80)
        kwargs = {"timeout": urllib3.Timeout(total=self.timeout), "retries": False, "maxsize": 1}
        if https:
            pool: urllib3.HTTPConnectionPool = urllib3.HTTPSConnectionPool(
                addresses[0], port, server_hostname=parts.hostname, assert_hostname=parts.hostname,
                cert_reqs="CERT_REQUIRED", **kwargs)
        else:
            pool = urllib3.HTTPConnectionPool(addresses[0], port, **kwargs)
        wait = self.last_request.get(parts.netloc, -self.delay) + self.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)  # politeness, as DOWNLOAD_DELAY in a crawl
        self.last_request[parts.netloc] = time.monotonic()
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = {"Host": parts.netloc, "User-Agent": self.user_agent, "Accept": ACCEPT,
                   "Accept-Encoding": "gzip, deflate", "Accept-Language": "zh-CN,zh;q=0.9,ja;q=0.8,en;q=0.5"}
        self.fetched.append(url)
        try:
            response = pool.urlopen("GET", path, headers=headers, redirect=False, preload_content=False,
                                    decode_content=True)
            declared = int(response.headers.get("Content-Length") or 0)
            if declared > self.max_bytes:
                raise FetchError(f"{url} is {declared} bytes, over the {self.max_bytes}-byte limit")
            chunks, size = [], 0
            for chunk in response.stream(65536):
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(f"{url} is over the {self.max_bytes}-byte limit")
                chunks.append(chunk)
            response.release_conn()
        except urllib3.exceptions.HTTPError as exc:
            raise FetchError(f"cannot fetch {url}: {exc.__class__.__name__}: {exc}") from None
        finally:
            pool.close()
        ctype = response.headers.get("Content-Type", "")
        charset = next((p.split("=", 1)[1].strip("\"' ") for p in ctype.split(";")
                        if p.strip().lower().startswith("charset=")), None)
        body = b"".join(chunks)
        if body[:2] == GZIP_MAGIC:  # a .gz sitemap: decompressed within the same size limit
            inflater = zlib.decompressobj(wbits=31)
            try:
                body = inflater.decompress(body, self.max_bytes)
            except zlib.error as exc:
                raise FetchError(f"{url}: gzip body cannot be decompressed ({exc})") from None
            if inflater.unconsumed_tail:
                raise FetchError(f"{url} decompresses to over the {self.max_bytes}-byte limit")
        got = Fetched(url, response.status, ctype.split(";")[0].strip().lower(), charset, body)
        if response.status in REDIRECTS:
            got.text = response.headers.get("Location", "")
        return got
