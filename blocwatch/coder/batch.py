"""Code a stream of read results, keeping read errors in their place so a batch goes on."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from blocwatch.coder.pipeline import Coder
from blocwatch.contract import Document, Event
from blocwatch.errors import ReadError


@dataclass(slots=True)
class RunReport:
    documents: int = 0
    events: int = 0
    errors: list[ReadError] = field(default_factory=list)

    @property
    def nothing_read(self) -> bool:
        return self.documents == 0


def code_stream(items: Iterable[Document | ReadError], *, coder: Coder | None = None,
                report: RunReport | None = None, workers: int = 1,
                kb_file: str | None = None, all_events: bool = False
                ) -> Iterator[Event | ReadError]:
    """Events of every document in order, and each read error as it comes.

    With `workers` > 1 the documents are coded on that many local processes.
    """
    report = report if report is not None else RunReport()
    errors: list[ReadError] = []

    def documents() -> Iterator[Document]:
        for item in items:
            if isinstance(item, ReadError):
                errors.append(item)
                report.errors.append(item)
            else:
                report.documents += 1
                yield item

    if workers > 1:
        from blocwatch.coder.parallel import code_parallel

        results = code_parallel(documents(), workers=workers, kb_file=kb_file,
                                all_events=all_events)
    else:
        assert coder is not None
        results = coder.code_many(documents())
    for _, events in results:
        while errors:
            yield errors.pop(0)
        report.events += len(events)
        yield from events
    while errors:
        yield errors.pop(0)
