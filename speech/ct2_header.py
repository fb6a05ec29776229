"""Read the variable table of a CTranslate2 `model.bin` (possibly split over several files) without
loading it, to tell a whole model from a cut-short one before joining or loading it.

The layout (binary version 6, as ctranslate2's `ModelSpec.save` writes it): uint32 version, the spec's
name (uint16 length, bytes, NUL), uint32 revision, uint32 variable count, then per variable its name, a
uint8 rank, uint32 dims, a uint8 dtype, a uint32 byte count and the bytes; aliases follow the last one.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ModelFile:
    """What the header of a `model.bin` says, and whether its bytes are all there."""

    spec: str
    """`WhisperSpec` for a Whisper model."""
    variables: int
    """Variables the header announces."""
    whole_variables: int
    """Variables whose bytes are all present."""
    size: int
    """Bytes present."""
    first_missing: str = ""
    """Name of the first variable cut short, if any."""
    embedding: tuple[int, ...] = ()
    """Shape of the decoder's token embedding: (vocabulary, width); width 384 tiny, 512 base, 768 small."""

    @property
    def complete(self) -> bool:
        return self.whole_variables == self.variables


class _Parts:
    """The files read as one stream, in order."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        self.sizes = [p.stat().st_size for p in paths]
        self.pos = 0

    def read(self, count: int) -> bytes:
        out, pos = bytearray(), self.pos
        for path, size in zip(self.paths, self.sizes, strict=True):
            if pos < size and len(out) < count:
                with path.open("rb") as f:
                    f.seek(pos)
                    out += f.read(count - len(out))
            pos = max(pos - size, 0)
        self.pos += len(out)
        if len(out) < count:
            raise EOFError
        return bytes(out)

    def unpack(self, fmt: str) -> int:
        return int(struct.unpack(fmt, self.read(struct.calcsize(fmt)))[0])

    def string(self) -> str:
        return self.read(self.unpack("<H"))[:-1].decode("utf-8", errors="replace")


def read_model_file(paths: list[Path]) -> ModelFile:
    """The header of the `model.bin` that `paths` make when joined. ValueError if it is not one."""
    parts = _Parts(paths)
    total = sum(parts.sizes)
    try:
        parts.unpack("<I")  # binary version
        spec = parts.string()
        parts.unpack("<I")  # spec revision
        count = parts.unpack("<I")
    except EOFError:
        raise ValueError("too short for a CTranslate2 model header") from None
    whole = 0
    embedding: tuple[int, ...] = ()
    for _ in range(count):
        try:
            name = parts.string()
            dims = tuple(parts.unpack("<I") for _ in range(parts.unpack("<B")))
            parts.unpack("<B")  # dtype
            size = parts.unpack("<I")
            end = parts.pos + size
        except EOFError:
            return ModelFile(spec, count, whole, total, "(a variable's header)", embedding)
        if name == "decoder/embeddings/weight":
            embedding = dims
        if end > total:
            return ModelFile(spec, count, whole, total, name, embedding)
        parts.pos = end
        whole += 1
    return ModelFile(spec, count, whole, total, "", embedding)
