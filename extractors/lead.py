"""Old import path of `extractors.page.lead`, kept for callers and outside scripts.

The module object itself is re-used, so every name (private helpers included) and every
monkeypatch reach the same code.
"""

import sys

from extractors.page import lead as _module

sys.modules[__name__] = _module
