"""Extraction on several processes and on a real Dask cluster gives exactly the single-process output, in
input order; a document that breaks extraction is reported and the others keep their events."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.errors import InputError
from eventwire.ingest import iter_documents
from eventwire.store import open_store

GOLDEN = Path(__file__).parent / "golden"
EXTRA = [
    "Gunmen killed three villagers in Zamfara on Sunday, police said.",
    "Russian missiles struck an apartment block in Kharkiv on Tuesday, killing four people, the governor said.",
    "Hundreds of students protested in Dhaka on Monday against fuel prices; police fired tear gas.",
    "Al Shabaab fighters attacked an army base near Baidoa on Friday, leaving 11 soldiers dead, officials said.",
    "The foreign ministers of Turkey and Russia met in Moscow on Wednesday to discuss the fighting in Syria.",
]
BROKEN = {
    "id": "broken",
    "text": "Gunmen attacked a village on Sunday, police said.",
    "published": "2024-12-02",
}


def fault(install: bool) -> Callable[[], None]:
    """A function making extraction fail for the document "broken" in the process that runs it (or
    undoing that). Nested, so Dask ships it to its workers by value."""

    def toggle() -> None:
        import eventwire.pipeline as pipeline

        if not install:
            pipeline.events_of = getattr(pipeline.events_of, "__wrapped__", pipeline.events_of)
            return
        original = pipeline.events_of

        def events_of(doc, document, *args, **kwargs):
            if document.id == "broken":
                raise RuntimeError("simulated failure")
            return original(doc, document, *args, **kwargs)

        events_of.__wrapped__ = original
        pipeline.events_of = events_of

    return toggle


def _documents() -> list[dict]:
    docs = [
        {"id": path.stem, "text": path.read_text(encoding="utf-8"), "published": "2024-06-19"}
        for path in sorted(GOLDEN.glob("*.txt"))
    ]
    docs += [{"id": f"extra-{n}", "text": text, "published": "2024-12-02"} for n, text in enumerate(EXTRA)]
    return docs


def _write_jsonl(path: Path, docs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(doc) + "\n" for doc in docs), encoding="utf-8")
    return path


def _write_parquet(path: Path, docs: list[dict]) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(docs), path)
    return path


def _extract(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["extract", "--format", "jsonl", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("parallel")
    docs = _documents()
    broken = [*docs[:3], BROKEN, *docs[3:]]
    return {
        "jsonl": _write_jsonl(folder / "docs.jsonl", docs),
        "parquet": _write_parquet(folder / "docs.parquet", docs),
        "broken": _write_jsonl(folder / "broken.jsonl", broken),
    }


@pytest.fixture(scope="module")
def single(inputs: dict[str, Path]) -> str:
    """The single-process output, the reference every other mode must reproduce."""
    code, out, err = _extract("--input", str(inputs["jsonl"]))
    assert code == 0, err
    assert len(out.splitlines()) >= len(_documents())
    return out


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A real local Dask cluster of two single-threaded worker processes."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", memory_limit="2GiB"
    ) as cluster:
        yield cluster.scheduler_address


@pytest.mark.slow
def test_two_processes_give_the_single_process_events(inputs, single):
    assert _extract("--input", str(inputs["jsonl"]), "--workers", "2") == (0, single, "")


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_a_dask_cluster_gives_the_single_process_events(inputs, single, scheduler, kind):
    assert _extract("--input", str(inputs[kind]), "--dask-scheduler", scheduler) == (0, single, "")


@pytest.fixture
def faulty() -> Iterator[None]:
    """Extraction fails for the document "broken" here and in worker processes forked from here."""
    fault(install=True)()
    try:
        yield
    finally:
        fault(install=False)()


@pytest.fixture
def faulty_dask(scheduler: str) -> Iterator[str]:
    """Extraction fails for the document "broken" on the Dask cluster's workers."""
    from distributed import Client

    with Client(scheduler) as client:
        client.run(fault(install=True))
        try:
            yield scheduler
        finally:
            client.run(fault(install=False))


def _assert_broken_reported(code: int, out: str, err: str, single: str) -> None:
    assert code == 1
    assert out == single
    assert err == "eventwire: failed: broken: RuntimeError: simulated failure\n"


@pytest.mark.parametrize(
    "mode",
    [[], pytest.param(["--workers", "2"], marks=pytest.mark.slow)],
    ids=["one-process", "two-processes"],
)
@pytest.mark.usefixtures("faulty")
def test_a_broken_document_is_reported_and_the_others_keep_their_events(inputs, single, mode):
    _assert_broken_reported(*_extract("--input", str(inputs["broken"]), *mode), single)


@pytest.mark.slow
def test_a_broken_document_on_dask_is_reported_and_the_others_keep_their_events(inputs, single, faulty_dask):
    _assert_broken_reported(
        *_extract("--input", str(inputs["broken"]), "--dask-scheduler", faulty_dask), single
    )


@pytest.mark.slow
def test_a_local_dask_cluster_started_for_the_run_gives_the_single_process_events(inputs, single):
    assert _extract("--input", str(inputs["jsonl"]), "--dask-local", "1") == (0, single, "")


@pytest.mark.slow
@pytest.mark.usefixtures("faulty")
def test_ingest_on_two_processes_stores_what_one_process_stores(inputs, tmp_path):
    stored = {}
    for name, options in {"one": [], "two": ["--workers", "2"]}.items():
        database = str(tmp_path / f"{name}.db")
        result = CliRunner().invoke(main, ["ingest", str(inputs["broken"]), "--db", database, *options])
        assert result.exit_code == 1 and "failed: broken" in result.stderr
        with open_store(database, readonly=True) as store:
            stored[name] = [(e.num_sources, e.event.model_dump_json()) for e in store.iter_events()]
    assert stored["one"] == stored["two"] and len(stored["one"]) > 5


@pytest.mark.slow
def test_an_unreachable_dask_scheduler_is_one_line_and_a_non_zero_exit(inputs, monkeypatch):
    monkeypatch.setattr("eventwire.parallel.CONNECT_TIMEOUT", "1s")
    code, out, err = _extract("--input", str(inputs["jsonl"]), "--dask-scheduler", "tcp://127.0.0.1:9")
    assert code == 1 and out == ""
    assert err.startswith("eventwire: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert len(err.splitlines()) == 1


def test_parallel_options_exclude_each_other(inputs):
    code, _out, err = _extract("--input", str(inputs["jsonl"]), "--workers", "2", "--dask-local", "2")
    assert code == 2 and "choose one of" in err


def test_a_parquet_file_without_the_text_column_is_refused_by_name(tmp_path):
    path = _write_parquet(tmp_path / "docs.parquet", [{"id": "a", "body": "Gunmen killed two."}])
    with pytest.raises(InputError, match=r"lacks column\(s\) text; it has id, body"):
        list(iter_documents([str(path)]))


@pytest.mark.slow
def test_bad_parquet_rows_are_reported_and_the_good_ones_kept(tmp_path):
    rows = [
        {"id": "good", "text": EXTRA[0], "published": "2024-12-02", "url": None},
        {"id": "empty", "text": "  ", "published": None, "url": None},
        {"id": "late", "text": EXTRA[1], "published": "someday", "url": "https://n.test/1"},
    ]
    problems: list[str] = []
    docs = list(
        iter_documents([str(_write_parquet(tmp_path / "docs.parquet", rows))], on_error=problems.append)
    )
    assert [doc.id for doc in docs] == ["good"] and docs[0].url is None
    assert [problem.split(": ", 1)[0].rsplit(" ", 2)[1:] for problem in problems] == [
        ["row", "2"],
        ["row", "3"],
    ]
