"""Documents: the stored articles, and one article's text with the events read from it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path

from eventwire.api.deps import Paging, Pool
from eventwire.api.queries.params import MAX_ID, MAX_TEXT, known_parameters
from eventwire.api.views import DocumentPage, ErrorBody
from eventwire.store import DocumentDetail, Store

router = APIRouter(prefix="/api", tags=["documents"], dependencies=[Depends(known_parameters)])


@router.get("/documents", response_model=DocumentPage, responses={422: {"model": ErrorBody}})
async def list_documents(pool: Pool, page: Paging) -> DocumentPage:
    """Stored articles, most recently ingested first."""

    def read(store: Store) -> DocumentPage:
        total = store.stats().documents
        return DocumentPage(
            total=total,
            limit=page.limit,
            offset=page.offset,
            next_offset=page.next_offset(total),
            items=store.list_documents(page.limit, page.offset),
        )

    return await pool.run(read)


@router.get(
    "/documents/{doc_id:path}",
    response_model=DocumentDetail,
    responses={404: {"model": ErrorBody}, 422: {"model": ErrorBody}},
)
async def get_document(
    pool: Pool,
    doc_id: Annotated[
        str,
        Path(
            max_length=MAX_TEXT,
            description="The article's doc_id, as the input named it (the `doc_id` of events and"
            " documents); a number not found as a doc_id is taken for the stored `id` of the document.",
        ),
    ],
) -> DocumentDetail:
    """An article's text with each event read from it; `merged_id` is the event in /api/events/{id},
    and each evidence span is `text[start:end]`."""

    def read(store: Store) -> DocumentDetail | None:
        found = store.find_document(doc_id)
        if found is None and doc_id.isdigit() and int(doc_id) <= MAX_ID:
            found = int(doc_id)
        return store.get_document(found) if found is not None else None

    detail = await pool.run(read)
    if detail is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return detail
