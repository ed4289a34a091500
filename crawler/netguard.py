"""Which URLs a crawl may fetch: http(s) only, globally routable addresses only, each host
name resolved once per process and every connection made to the address that was checked.

`check_url` is the one check (sources, links, redirects, feed items, sitemap entries all
go through it); `PinnedResolver` is the Twisted name resolver that makes Scrapy connect to
the pinned addresses, so a name that answers a public address to the check and a private
one to the connection (DNS rebinding) cannot steer the crawler inside a network."""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Callable, Collection, Sequence
from typing import Any
from urllib.parse import urlsplit

from twisted.internet import address as tx_address
from twisted.internet.interfaces import IHostnameResolver, IHostResolution, IResolutionReceiver
from twisted.internet.threads import deferToThreadPool
from zope.interface import implementer

ALLOWED_SCHEMES = ("http", "https")
# NAT64 well-known prefix: 64:ff9b::a.b.c.d reaches the IPv4 address a.b.c.d.
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")

Lookup = Callable[[str], list[str]]


class UnsafeURL(ValueError):
    """A URL the crawler must not fetch; the message says why in one line."""


def address_is_public(address: str) -> bool:
    """True for a globally routable unicast address; IPv6 forms that embed an IPv4 address
    (mapped, 6to4, Teredo, NAT64) are judged by the IPv4 address they reach."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded: ipaddress.IPv4Address | None = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip.teredo is not None:
            embedded = ip.teredo[1]
        if embedded is None and ip in NAT64_PREFIX:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return address_is_public(str(embedded))
    return ip.is_global and not ip.is_multicast


def system_lookup(host: str) -> list[str]:
    """Every address the system resolver gives for `host`, in its order."""
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class Pins:
    """Host name -> the addresses it resolved to, once per process (thread-safe)."""

    def __init__(self, lookup: Lookup = system_lookup) -> None:
        self.lookup = lookup
        self._addresses: dict[str, list[str]] = {}
        self._lock = threading.Lock()

    def resolve(self, host: str) -> list[str]:
        """The pinned addresses of `host`; UnsafeURL when it does not resolve."""
        host = host.lower().strip("[]")
        try:
            return [str(ipaddress.ip_address(host.split("%", 1)[0]))]  # a literal address
        except ValueError:
            pass
        with self._lock:
            if host in self._addresses:
                return self._addresses[host]
        try:
            found = self.lookup(host)
        except (OSError, UnicodeError) as exc:
            raise UnsafeURL(f"{host} does not resolve ({exc.__class__.__name__})") from None
        if not found:
            raise UnsafeURL(f"{host} does not resolve")
        with self._lock:
            return self._addresses.setdefault(host, found)

    def clear(self) -> None:
        with self._lock:
            self._addresses.clear()


# The process's pins: the middleware checks and the resolver connects with the same ones.
PINS = Pins()


def url_host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def check_url(url: str, *, private_hosts: Collection[str] = (), pins: Pins | None = None) -> list[str]:
    """The addresses `url` may be fetched from, or UnsafeURL.

    Only http and https; the host must resolve, and every address it resolves to must be
    globally routable unless the host is one of `private_hosts` (a source's own declared
    hosts when it sets allow_private). Names are resolved once (`pins`) and kept."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError as exc:
        raise UnsafeURL(f"not a valid URL ({exc})") from None
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise UnsafeURL(f"scheme {parts.scheme or '(none)'!r} is not http or https")
    if not host:
        raise UnsafeURL("the URL names no host")
    addresses = (pins or PINS).resolve(host)
    if host in {h.lower() for h in private_hosts}:
        return addresses
    private = [a for a in addresses if not address_is_public(a)]
    if private:
        raise UnsafeURL(f"{host} resolves to a non-public address ({private[0]}); only a "
                        "source's own hosts may be private (allow_private: true)")
    return addresses


@implementer(IHostResolution)
class _Resolution:
    def __init__(self, name: str) -> None:
        self.name = name

    def cancel(self) -> None:
        """A lookup in a thread cannot be cancelled; its answer is simply not used."""


@implementer(IHostnameResolver)
class PinnedResolver:
    """Scrapy's TWISTED_DNS_RESOLVER: answers from PINS, resolving a name only the first time."""

    def __init__(self, reactor: Any) -> None:
        self.reactor = reactor

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> PinnedResolver:
        return cls(reactor)

    def install_on_reactor(self) -> None:
        self.reactor.installNameResolver(self)

    def resolveHostName(self, resolutionReceiver: IResolutionReceiver, hostName: str,  # noqa: N802, N803
                        portNumber: int = 0, addressTypes: Sequence[type[Any]] | None = None,  # noqa: N803
                        transportSemantics: str = "TCP") -> IHostResolution:  # noqa: N803
        resolution = _Resolution(hostName)
        resolutionReceiver.resolutionBegan(resolution)

        def answer(addresses: list[str]) -> None:
            for text in addresses:
                ip = ipaddress.ip_address(text.split("%", 1)[0])
                kind = tx_address.IPv6Address if ip.version == 6 else tx_address.IPv4Address
                if addressTypes and kind not in addressTypes:
                    continue
                resolutionReceiver.addressResolved(kind("TCP", text, portNumber))
            resolutionReceiver.resolutionComplete()

        def failed(_failure: Any) -> None:
            resolutionReceiver.resolutionComplete()  # no address: the endpoint reports DNS failure

        deferred = deferToThreadPool(self.reactor, self.reactor.getThreadPool(), PINS.resolve, hostName)
        deferred.addCallbacks(answer, failed)
        return resolution
