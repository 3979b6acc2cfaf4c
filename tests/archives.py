"""Hostile archives for `restore`, built at test run time without holding them in memory."""

import gzip
import tarfile


class Zeros:
    """A file of ``size`` zero bytes that exists only while it is read."""

    def __init__(self, size: int):
        self.left = size

    def read(self, size: int = -1) -> bytes:
        size = self.left if size < 0 else min(size, self.left)
        self.left -= size
        return bytes(size)


def gzip_bomb(path, members: dict[str, int], kind=tarfile.REGTYPE) -> None:
    """A gzipped tar whose members are runs of zeros: about 1 KB of gzip per MB expanded.

    Streamed through gzip, so a bomb of gigabytes is made in seconds with little memory.
    """
    with (
        open(path, "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as compressed,
        tarfile.open(fileobj=compressed, mode="w|") as archive,
    ):
        for name, size in members.items():
            info = tarfile.TarInfo(name)
            info.size = size
            info.type = kind
            archive.addfile(info, Zeros(size))


def truncated_tar_gz(path, name: str, declared_size: int, content: bytes = b"") -> None:
    """A gzipped tar whose one member claims ``declared_size`` bytes but holds ``content``."""
    info = tarfile.TarInfo(name)
    info.size = declared_size
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as compressed:
        compressed.write(info.tobuf(format=tarfile.GNU_FORMAT) + content)
