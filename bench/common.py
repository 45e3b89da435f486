"""Small pieces the benchmark scripts share (run as ``python bench/<name>.py``, so this folder
is on ``sys.path``)."""

import socket
from urllib.parse import urlparse


def recreate_postgres(url: str) -> None:
    """Drop and create the database named in ``url`` (connecting to ``postgres``)."""
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on just now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
