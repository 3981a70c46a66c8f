"""One PDF from several, written as it is read: what keeps a 100,000-page campaign in flat memory.

reportlab keeps every page of a canvas until `save()`, so a long document is written as parts of a few
thousand pages (services.postal.labels, services.postal.letters) and joined here. pypdf's `PdfWriter`
would hold every page of the result until it writes (measured: 135 MB more for 10,000 letters, so
well over a gigabyte for 100,000); instead each part is read with pypdf's reader, its objects are
renumbered and written out at once, and only their offsets are kept. Each part's page tree becomes one
branch of the result's, so the pages keep their order and nothing inside a page is touched.

A font program met again, byte for byte, in a later part is written once and shared. The objects that
are plain dictionaries without strings (a page, its text stream, a font program: nearly all) are copied
as they are with their references renumbered, which costs a tenth of reading and writing them through
pypdf's objects; pypdf reads the rest.
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
import tempfile
from array import array
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from services.core.files import atomic_output, file_error, temp_prefix

HEADER = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
CATALOG, PAGES, INFO = 1, 2, 3  # the result's own objects; the parts' objects are numbered after them


def _refers(obj: Any) -> bool:
    """Whether a PDF object holds a reference to another (then it cannot be shared by content)."""
    from pypdf.generic import IndirectObject

    if isinstance(obj, IndirectObject):
        return True
    if isinstance(obj, dict):
        return any(_refers(v) for v in obj.values())
    if isinstance(obj, list):
        return any(_refers(v) for v in obj)
    return False


def _ref(number: int) -> Any:
    """A reference to object `number` of the result (written out, never resolved: no reader behind it)."""
    from pypdf.generic import IndirectObject

    return IndirectObject(number, 0, None)


def _renumbered(obj: Any, numbers: dict[int, int]) -> Any:
    """A copy of `obj` whose references point to the result's numbers (streams keep their raw bytes)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

    if isinstance(obj, IndirectObject):
        return _ref(numbers[obj.idnum])
    if isinstance(obj, StreamObject):
        out: Any = StreamObject()
        out.update({NameObject(k): _renumbered(v, numbers) for k, v in obj.items()})
        out._data = obj._data  # the bytes as stored (still compressed if they were)
        return out
    if isinstance(obj, DictionaryObject):
        return DictionaryObject({NameObject(k): _renumbered(v, numbers) for k, v in obj.items()})
    if isinstance(obj, ArrayObject):
        return ArrayObject(_renumbered(v, numbers) for v in obj)
    return obj


_HEADER = re.compile(rb"\s*\d+\s+\d+\s+obj\s*")
_TOKENS = re.compile(rb"<<|>>|[()<>]")
_REF = re.compile(rb"(\d+)\s+\d+\s+R\b")
_LENGTH = re.compile(rb"/Length\s+(\d+)(\s+\d+\s+R)?")
_STREAM = re.compile(rb"\s*stream(\r\n|\n|\r)")
_END = re.compile(rb"\s*endobj")
_STREAM_END = re.compile(rb"\s*endstream\s*endobj")


def _raw_object(data: bytes, offset: int) -> tuple[bytes, bytes | None] | None:
    """The dictionary (and stream) of the object written at `offset`, as bytes, when it is a plain
    dictionary holding no string — every reference in it then reads `n g R` and nothing else does;
    None for anything else, which pypdf then reads."""
    header = _HEADER.match(data, offset)
    if header is None or not data.startswith(b"<<", header.end()):
        return None
    depth, end = 0, -1
    for token in _TOKENS.finditer(data, header.end()):
        if token.group() == b"<<":
            depth += 1
        elif token.group() == b">>":
            depth -= 1
            if depth == 0:
                end = token.end()
                break
        else:  # a string or a hexadecimal string: its bytes could look like a reference
            return None
    if end < 0:
        return None
    head = data[header.end() : end]
    stream = _STREAM.match(data, end)
    if stream is None:
        return (head, None) if _END.match(data, end) else None
    length = _LENGTH.search(head)
    if length is None or length.group(2):
        return None
    start = stream.end()
    body = data[start : start + int(length.group(1))]
    if not _STREAM_END.match(data, start + len(body)):
        return None
    return head, body


def _font_key(raw: tuple[bytes, bytes | None]) -> bytes | None:
    """What identifies a font program (a stream with /Length1 that refers to nothing) copied as is."""
    head, body = raw
    if body is None or b"/Length1" not in head or _REF.search(head):
        return None
    return hashlib.sha256(head + b"\0" + body).digest()


def _parsed_font_key(obj: Any) -> bytes | None:
    """The same for an object read by pypdf."""
    from pypdf.generic import StreamObject

    if not isinstance(obj, StreamObject) or "/Length1" not in obj or _refers(obj):
        return None
    return hashlib.sha256(repr(sorted(obj.items())).encode() + b"\0" + obj._data).digest()


class _Output:
    def __init__(self, f: IO[bytes]) -> None:
        self.f = f
        self.offsets = array("q", [0, 0, 0, 0])  # by object number; 0 is the free head
        f.write(HEADER)

    def new_number(self) -> int:
        self.offsets.append(0)
        return len(self.offsets) - 1

    def write(self, number: int, obj: Any) -> None:
        self.offsets[number] = self.f.tell()
        self.f.write(b"%d 0 obj\n" % number)
        obj.write_to_stream(self.f)
        self.f.write(b"\nendobj\n")

    def write_raw(self, number: int, head: bytes, body: bytes | None, numbers: dict[int, int]) -> None:
        self.offsets[number] = self.f.tell()
        self.f.write(b"%d 0 obj\n" % number)
        self.f.write(_REF.sub(lambda m: b"%d 0 R" % numbers[int(m.group(1))], head))
        if body is not None:
            self.f.write(b"\nstream\n")
            self.f.write(body)
            self.f.write(b"\nendstream")
        self.f.write(b"\nendobj\n")

    def finish(self) -> None:
        start = self.f.tell()
        size = len(self.offsets)
        self.f.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
        self.f.write(b"".join(b"%010d 00000 n \n" % at for at in self.offsets[1:]))
        self.f.write(
            b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (size, CATALOG, INFO, start)
        )


def join_pdfs(parts: Sequence[Path | str], out: Path | str) -> int:
    """Write the pages of `parts`, in order, as one PDF at `out` (the first part's document information
    is kept: title, author, producer); returns the page count."""
    from pypdf import PdfReader
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        IndirectObject,
        NameObject,
        NumberObject,
    )

    kids: list[int] = []
    total = 0
    info: Any = DictionaryObject()
    shared: dict[bytes, int] = {}
    with open(out, "wb") as f:
        pdf = _Output(f)
        for index, part in enumerate(parts):
            reader = PdfReader(part)
            root: Any = reader.trailer.raw_get("/Root")
            catalog: Any = reader.get_object(root.idnum)
            branch = catalog.raw_get("/Pages").idnum
            # The part's catalog and what hangs from it but its pages (outlines) are the result's to write.
            skipped = {root.idnum}
            skipped.update(
                v.idnum for v in catalog.values() if isinstance(v, IndirectObject) and v.idnum != branch
            )
            if "/Info" in reader.trailer:
                skipped.add(reader.trailer.raw_get("/Info").idnum)
                if index == 0:
                    info = _renumbered(reader.trailer["/Info"].get_object(), {})
            data = Path(part).read_bytes()
            offsets = reader.xref[0]
            wanted = sorted((set(offsets) | set(reader.xref_objStm)) - skipped)
            # Most objects (a page's text, a font program) are copied as they are, references renumbered;
            # the others, and the branch that gains its /Parent, go through pypdf.
            raw = {
                n: r for n in wanted if n != branch and n in offsets and (r := _raw_object(data, offsets[n]))
            }
            objects = {n: reader.get_object(n) for n in wanted if n not in raw}
            numbers: dict[int, int] = {}
            fresh: list[int] = []
            for n in wanted:
                key = _font_key(raw[n]) if n in raw else _parsed_font_key(objects[n])
                if key is not None and key in shared:
                    numbers[n] = shared[key]
                    continue
                numbers[n] = pdf.new_number()
                fresh.append(n)
                if key is not None:
                    shared[key] = numbers[n]
            for n in fresh:
                if n in raw:
                    pdf.write_raw(numbers[n], *raw[n], numbers)
                    continue
                obj = _renumbered(objects[n], numbers)
                if n == branch:
                    obj[NameObject("/Parent")] = _ref(PAGES)
                    total += int(obj["/Count"])
                pdf.write(numbers[n], obj)
            kids.append(numbers[branch])
            # pypdf's objects point back to their reader: a cycle, freed now rather than parts later.
            del reader, catalog, objects, raw, data
            gc.collect()
        catalog_out = {"/Type": NameObject("/Catalog"), "/Pages": _ref(PAGES)}
        pages_out = {"/Type": NameObject("/Pages"), "/Count": NumberObject(total),
                     "/Kids": ArrayObject(_ref(k) for k in kids)}  # fmt: skip
        pdf.write(CATALOG, DictionaryObject({NameObject(k): v for k, v in catalog_out.items()}))
        pdf.write(PAGES, DictionaryObject({NameObject(k): v for k, v in pages_out.items()}))
        pdf.write(INFO, info)
        pdf.finish()
    return total


class Parts:
    """The temporary files of one document's parts, beside it (named like every temporary of ours, so
    that a process killed meanwhile leaves nothing the next export does not remove)."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.paths: list[str] = []

    def new(self) -> str:
        try:
            fd, tmp = tempfile.mkstemp(prefix=temp_prefix(), suffix=".partie.pdf", dir=self.target.parent)
        except OSError as exc:
            raise file_error(exc, self.target) from exc
        os.close(fd)
        self.paths.append(tmp)
        return tmp


@contextmanager
def joined_output(path: Path) -> Iterator[Parts]:
    """Write a PDF as parts (`parts.new()` gives each one's file, in order), joined into `path` when the
    block ends without error: whole or absent like any file of ours (services.core.files.atomic_output),
    and no part left behind whatever happens."""
    with atomic_output(path) as tmp:
        parts = Parts(path)
        try:
            yield parts
            if len(parts.paths) == 1:
                os.replace(parts.paths[0], tmp)
            else:
                join_pdfs(parts.paths, tmp)
        finally:
            for part in parts.paths:
                if os.path.exists(part):
                    os.unlink(part)
