"""The support app over HTTP: server-rendered pages under /support. `setup_support` mounts it."""

from fulfillment.apps.support.web.app import setup_support

__all__ = ["setup_support"]
