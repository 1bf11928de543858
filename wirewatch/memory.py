"""A per-process memory ceiling: one pathological article must not take the machine down.

``limit_memory(memory_mb)`` caps the address space of the calling process (``RLIMIT_AS``) at
what it holds now plus ``memory_mb`` megabytes. It is called once the models are loaded (in each
worker process, and in the analysing process itself with one worker), so the ceiling bounds what
the articles add, whatever the models take. Past it an allocation raises ``MemoryError``, which
costs the article being parsed or annotated, reported as its error (``OUT_OF_MEMORY``), and the
batch goes on. ``memory_mb`` 0 (the default) sets no ceiling. Linux only: elsewhere a no-op.
"""

from __future__ import annotations

import resource
from pathlib import Path

# The reason given for an article that ran out of its memory ceiling.
OUT_OF_MEMORY = ("out of memory: this article needed more than the memory_mb ceiling "
                 "({memory_mb:g} MB beyond the loaded models); raise memory_mb to allow it")


def address_space_bytes() -> int:
    """This process's current virtual size (``VmSize`` in /proc/self/status), 0 when unknown."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


def limit_memory(memory_mb: float) -> bool:
    """Cap this process's address space at its current size plus ``memory_mb`` MB; whether a
    ceiling was set (not for 0, nor where the size cannot be read). A ceiling already lower
    (set by the caller's shell, ``ulimit -v``) is kept."""
    if memory_mb <= 0:
        return False
    current = address_space_bytes()
    if not current:
        return False
    ceiling = current + int(memory_mb * 1_000_000)
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    if soft != resource.RLIM_INFINITY and soft <= ceiling:
        return True
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    return True


def out_of_memory_reason(memory_mb: float) -> str:
    return OUT_OF_MEMORY.format(memory_mb=memory_mb)
