"""Dependencies every router shares: the store pool and the checked query parameters."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from eventwire.api.pool import StorePool
from eventwire.api.queries.params import Page, event_filter, paging
from eventwire.store import EventFilter


def store_pool(request: Request) -> StorePool:
    return request.app.state.pool


Pool = Annotated[StorePool, Depends(store_pool)]
Filters = Annotated[EventFilter, Depends(event_filter)]
Paging = Annotated[Page, Depends(paging)]
