"""The support app over HTTP: server-rendered pages under /support. `setup_support` mounts it."""

from .app import setup_support

__all__ = ["setup_support"]
