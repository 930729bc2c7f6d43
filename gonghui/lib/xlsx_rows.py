"""The first sheet of an .xlsx workbook, row by row, in memory that does not grow with the sheet.

python-calamine (like openpyxl outside its slow read-only mode) holds a whole sheet in memory,
about twenty times the file for a large roster. Here the sheet's XML is inflated from the zip
member a block at a time, cut at a row's end, and each block is parsed by ElementTree's C parser,
so rows are read in step with their use. The shared strings table, which in a roster holds one
entry for nearly every cell (names, ID numbers, phones), is spilled to a temporary file and read
back by offset: each string costs eight bytes of memory.

Values come back as python-calamine gives them: text as str, numbers as float, date-formatted
numbers as datetime.date (datetime.datetime when they carry a time), booleans as bool. Rows are
numbered like the sheet's from the first: rows the sheet leaves out come back blank, and every
row is padded to the sheet's width, so a value's index is its column.
"""

import datetime
import io
import os
import posixpath
import re
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import IO, Any

BLOCK = 1 << 16  # inflated XML parsed at a time: a few thousand rows, a couple of MB as a tree
# Number formats 14-22 and 45-47 are dates and times in every locale; 27-36 and 50-58 are the
# built-in East Asian ones (yyyy"年"m"月"d"日" and the like).
DATE_FORMAT_IDS = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}
QUOTED_OR_BRACKETED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')
CELL_REF = re.compile(r"([A-Z]+)([0-9]+)")
ROOT = re.compile(rb"<(\w+:)?(?:worksheet|sst)[\s>]")
DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([^"]+)"')
MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+[0-9]+):([A-Z]+[0-9]+)"')
EXCEL_EPOCH, EXCEL_1904_EPOCH = datetime.datetime(1899, 12, 30), datetime.datetime(1904, 1, 1)


class XlsxError(ValueError):
    """The file is a zip but not a workbook this reader understands."""


@dataclass
class XlsxSheet:
    rows: Iterator[list[Any]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)  # 0-based, inclusive
    height: int = 0  # the rows the sheet says it spans, for progress


def _local(tag: str) -> str:
    """An element's name without its namespace ("{…/main}row" -> "row")."""
    return tag.rpartition("}")[2]


@lru_cache(maxsize=1024)
def column_index(letters: str) -> int:
    """ "A" -> 0, "Z" -> 25, "AA" -> 26."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _cell_position(ref: str) -> tuple[int, int]:
    """ "B3" -> (2, 1): 0-based row and column."""
    match = CELL_REF.fullmatch(ref)
    if not match:
        raise XlsxError(f"bad cell reference {ref[:20]!r}")
    return int(match.group(2)) - 1, column_index(match.group(1))


def _blocks(stream: IO[bytes], container: str, item: str) -> Iterator[ET.Element]:
    """The items of a large part (the <row>s in <sheetData>, the <si>s in <sst>) a block at a
    time: the inflated XML is cut after an item's end tag and parsed inside a copy of the root's
    start tag, which carries the namespace declarations."""
    buffer, head = b"", None
    while head is None:  # the root's start tag, then the container's
        chunk = stream.read(BLOCK)
        buffer += chunk
        root = ROOT.search(buffer)
        start = (
            re.search(rb"<" + (root.group(1) or b"") + container.encode() + rb"[\s>/]", buffer)
            if root
            else None
        )
        if start and b">" in buffer[start.start() :]:
            prefix = root.group(1) or b""  # type: ignore[union-attr]
            head = buffer[root.start() : buffer.index(b">", root.start()) + 1]  # type: ignore[union-attr]
            container_end = buffer.index(b">", start.start()) + 1
            if buffer[container_end - 2 : container_end] == b"/>":
                return  # an empty sheet or table
            buffer = buffer[container_end:]
        elif not chunk:
            return
    root_name = head[1:].split()[0].rstrip(b">")
    end_item, end_container = (
        b"</" + prefix + item.encode() + b">",
        b"</" + prefix + container.encode() + b">",
    )
    ended = False
    while not ended:
        if end_container in buffer:
            buffer, ended = buffer[: buffer.index(end_container)], True
            cut = len(buffer)
        else:
            cut = buffer.rfind(end_item) + len(end_item)
        if cut >= len(end_item):
            block, buffer = buffer[:cut], buffer[cut:]
            yield ET.fromstring(head + block + b"</" + root_name + b">")
        if not ended:
            chunk = stream.read(BLOCK)
            ended = not chunk and end_container not in buffer
            buffer += chunk
            if ended and buffer.strip():
                raise XlsxError("the part ends inside an element")


def _items(stream: IO[bytes], container: str, item: str) -> Iterator[ET.Element]:
    for block in _blocks(stream, container, item):
        for element in block:
            if _local(element.tag) == item:
                yield element
        block.clear()


def _namespace(element: ET.Element) -> str:
    """The "{…}" an element's tag starts with, to name its children by."""
    return element.tag[: element.tag.index("}") + 1] if element.tag.startswith("{") else ""


class SharedStrings:
    """The shared strings table in a temporary file: the UTF-8 text of each string, one after the
    other; in memory only where each one ends and the block of the file read last (a sheet uses
    its strings about in the order they were stored), plus the few strings a sheet repeats."""

    def __init__(self, stream: IO[bytes] | None) -> None:
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        self.ends = array("I")  # the unpacked size limit keeps offsets under 4 GB
        if stream is not None:
            self._write(stream)
        self._block, self._block_start = b"", 0
        self.get = lru_cache(maxsize=4096)(self._read)

    def _write(self, stream: IO[bytes]) -> None:
        written, pending, namespace = 0, [], None
        for si in _items(stream, "sst", "si"):
            namespace = _namespace(si) if namespace is None else namespace
            encoded = rich_text(si, namespace).encode()
            written += len(encoded)
            self.ends.append(written)
            pending.append(encoded)
            if len(pending) >= 4096:
                self.file.write(b"".join(pending))
                pending = []
        self.file.write(b"".join(pending))
        self.file.flush()

    def _read(self, index: int) -> str:
        start, end = self.ends[index - 1] if index else 0, self.ends[index]
        offset = start - self._block_start
        if offset < 0 or end - self._block_start > len(self._block):
            self._block = os.pread(self.file.fileno(), max(BLOCK, end - start), start)
            self._block_start, offset = start, 0
        return self._block[offset : offset + end - start].decode()

    def close(self) -> None:
        self.file.close()


def rich_text(item: ET.Element, namespace: str) -> str:
    """The text of a string item (<si>, <is>): its <t>, or the <t> of each of its runs; never
    the text of a pronunciation guide (<rPh>) above it."""
    plain = item.findtext(f"{namespace}t")
    if plain is not None:
        return plain
    return "".join(t.text or "" for t in item.iterfind(f"{namespace}r/{namespace}t"))


def is_date_format(code: str) -> bool:
    """A custom number format shows a date or time when, outside quoted text, escapes and
    [colour] or [$-locale] brackets, it uses a day, month, year, hour or second code."""
    bare = QUOTED_OR_BRACKETED.sub("", code).lower().replace("general", "")
    return any(letter in bare for letter in "dmyhs")


def _date_styles(root: ET.Element | None) -> set[str]:
    """The cell styles (the "s" attribute of a cell) that show a number as a date."""
    if root is None:
        return set()
    custom = {
        int(e.get("numFmtId", "-1"))
        for e in root.iter()
        if _local(e.tag) == "numFmt" and is_date_format(e.get("formatCode", ""))
    }
    cell_xfs = next((e for e in root if _local(e.tag) == "cellXfs"), None)
    formats = [int(xf.get("numFmtId", "0")) for xf in (cell_xfs if cell_xfs is not None else [])]
    return {str(i) for i, number in enumerate(formats) if number in DATE_FORMAT_IDS or number in custom}


class _Package:
    """Where a workbook keeps its first sheet, shared strings and styles, found through the
    relationship parts rather than by the names most producers happen to use."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.names = set(archive.namelist())
        workbook = self._xml("xl/workbook.xml")
        if workbook is None:
            raise XlsxError("no xl/workbook.xml")
        sheet = next((e for e in workbook.iter() if _local(e.tag) == "sheet"), None)
        sheet_id = next(
            (v for k, v in (sheet.attrib if sheet is not None else {}).items() if _local(k) == "id"), ""
        )
        properties = next((e for e in workbook if _local(e.tag) == "workbookPr"), None)
        date1904 = properties is not None and properties.get("date1904", "").lower() in ("1", "true")
        self.epoch = EXCEL_1904_EPOCH if date1904 else EXCEL_EPOCH
        targets, by_type = self._relationships("xl/_rels/workbook.xml.rels")
        self.sheet = targets.get(sheet_id, "xl/worksheets/sheet1.xml")
        if self.sheet not in self.names:
            raise XlsxError("the first sheet is missing")
        self.shared_strings = self._part(by_type.get("sharedStrings", "xl/sharedStrings.xml"))
        self.styles = self._part(by_type.get("styles", "xl/styles.xml"))

    def _part(self, name: str) -> str | None:
        return name if name in self.names else None

    def _xml(self, name: str | None) -> ET.Element | None:
        if not name or name not in self.names:
            return None
        with self.archive.open(name) as stream:
            return ET.parse(stream).getroot()

    def _relationships(self, name: str) -> tuple[dict[str, str], dict[str, str]]:
        """Relationship id -> part, and relationship type (its last word) -> part."""
        targets: dict[str, str] = {}
        by_type: dict[str, str] = {}
        relationships = self._xml(name)
        for relationship in relationships if relationships is not None else []:
            target = relationship.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
            targets[relationship.get("Id", "")] = part
            by_type.setdefault(relationship.get("Type", "").rsplit("/", 1)[-1], part)
        return targets, by_type


def _scan_sheet(archive: zipfile.ZipFile, part: str) -> tuple[list[Any], int, int]:
    """One quick pass over the inflated sheet before the real one: the merged ranges sit after
    the rows, but filling merged cells needs them first. Also the size the sheet states."""
    merged: set[tuple[bytes, bytes]] = set()
    dimension = None
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(BLOCK * 8):
            window = tail + chunk
            if dimension is None and (match := DIMENSION.search(window)):
                dimension = match.group(1).decode()
            if b"mergeCell" in window:
                merged.update(MERGE_REF.findall(window))
            tail = window[-512:]
    ranges = [(_cell_position(a.decode()), _cell_position(b.decode())) for a, b in sorted(merged)]
    last = dimension.split(":")[-1] if dimension else ""
    height, width = (
        (_cell_position(last)[0] + 1, _cell_position(last)[1] + 1) if CELL_REF.fullmatch(last) else (0, 0)
    )
    return ranges, height, width


def open_first_sheet(data: bytes) -> XlsxSheet:
    """The first sheet of the workbook in `data`; its rows are read as they are iterated."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        package = _Package(archive)
        merged, height, width = _scan_sheet(archive, package.sheet)
    except (zipfile.BadZipFile, ET.ParseError, KeyError, ValueError) as error:
        raise XlsxError(str(error)) from None
    return XlsxSheet(rows=_guarded(_rows(archive, package, width)), merged=merged, height=height)


def _guarded(rows: Iterator[list[Any]]) -> Iterator[list[Any]]:
    try:
        yield from rows
    except (ET.ParseError, KeyError, ValueError, IndexError) as error:
        raise XlsxError(str(error)) from None


def _rows(archive: zipfile.ZipFile, package: _Package, width: int) -> Iterator[list[Any]]:
    date_styles = _date_styles(package._xml(package.styles))
    if package.shared_strings:
        with archive.open(package.shared_strings) as stream:
            strings = SharedStrings(stream)
    else:
        strings = SharedStrings(None)
    try:
        with archive.open(package.sheet) as stream:
            next_row = 0
            cells: _Cells | None = None
            for row in _items(stream, "sheetData", "row"):
                cells = cells or _Cells(_namespace(row), strings, date_styles, package.epoch)
                number = row.get("r")
                index = int(number) - 1 if number else next_row
                values = cells.values(row)
                width = max(width, len(values))
                while next_row < index:  # rows the sheet leaves out are blank
                    yield [""] * width
                    next_row += 1
                values.extend([""] * (width - len(values)))
                yield values
                next_row = index + 1
    finally:
        strings.close()


class _Cells:
    """A row's cells as values; run for every cell of the sheet, so tags are named once."""

    def __init__(
        self, namespace: str, strings: SharedStrings, date_styles: set[str], epoch: datetime.datetime
    ):
        self.namespace, self.value_tag, self.inline_tag = namespace, f"{namespace}v", f"{namespace}is"
        self.strings, self.date_styles, self.epoch = strings, date_styles, epoch

    def values(self, row: ET.Element) -> list[Any]:
        values: list[Any] = []
        for cell in row:
            ref = cell.get("r")
            column = column_index(ref.rstrip("0123456789")) if ref else len(values)
            kind = cell.get("t")
            text = cell.findtext(self.value_tag)
            # Shared strings and plain numbers first: nearly every cell is one of them.
            if kind == "s" and text is not None:
                value: Any = self.strings.get(int(text))
            elif kind is None and text is not None and cell.get("s") not in self.date_styles:
                value = float(text)
            else:
                value = self._other(cell, kind or "n", text)
            if column == len(values):
                values.append(value)
            else:
                if column > len(values):
                    values.extend([""] * (column - len(values) + 1))
                values[column] = value
        return values

    def _other(self, cell: ET.Element, kind: str, text: str | None) -> Any:
        if kind == "inlineStr":
            inline = cell.find(self.inline_tag)
            return "" if inline is None else rich_text(inline, self.namespace)
        if text is None:
            return ""
        if kind in ("s", "str", "e"):
            return self.strings.get(int(text)) if kind == "s" else text
        if kind == "b":
            return text.strip() == "1"
        if kind == "d":
            return _moment(datetime.datetime.fromisoformat(text))
        number = float(text)
        if cell.get("s") in self.date_styles:
            try:
                return _moment(self.epoch + datetime.timedelta(seconds=round(number * 86400)))
            except OverflowError:
                return number
        return number


def _moment(value: datetime.datetime) -> datetime.date | datetime.datetime:
    return value.date() if value.time() == datetime.time() else value
