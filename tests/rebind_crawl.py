"""`python -m crawler.run` behind a rebinding name server, for tests/test_safety.py.

The system resolver is replaced by a stub in which RESOLVE_NAME answers FIRST_ADDRESS the
first time it is asked and SECOND_ADDRESS every time after, as a hostile DNS server would.
FIRST_ADDRESS stands in for a public address: the guard counts it as public here, so the
check passes, and only pinning keeps the connection away from SECOND_ADDRESS. Prints the
number of lookups of the name as the last line."""

from __future__ import annotations

import json
import socket
import sys

REBIND_NAME = "rebind.parkwatch.test"
FIRST_ADDRESS = "127.0.0.2"
SECOND_ADDRESS = "127.0.0.3"


def main() -> int:
    real = socket.getaddrinfo
    lookups: list[str] = []

    def stub(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host == REBIND_NAME:
            lookups.append(host)
            return real(FIRST_ADDRESS if len(lookups) == 1 else SECOND_ADDRESS, *args, **kwargs)
        return real(host, *args, **kwargs)

    socket.getaddrinfo = stub  # type: ignore[assignment]
    from crawler import netguard

    judge = netguard.address_is_public
    netguard.address_is_public = lambda a: a == FIRST_ADDRESS or judge(a)  # type: ignore[assignment]
    from crawler.run import main as crawl

    code = crawl(sys.argv[1:])
    print(json.dumps({"lookups": len(lookups)}))
    return code


if __name__ == "__main__":
    sys.exit(main())
