"""The HTTP API and the dashboard behind `eventwire serve`: read-only views of an event database."""

from eventwire.api.app import create_app

__all__ = ["create_app"]
