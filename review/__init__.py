"""The review web page over the store (Starlette + Jinja2, server-rendered, no scripts)."""
