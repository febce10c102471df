"""Who holds a claim: a name per process, and whether a claimant on this host has died."""

from __future__ import annotations

import os
import socket
import uuid


def claimant(instance: str | None = None) -> str:
    """This replica's name on the claims it takes: BVOIP_INSTANCE when set, else
    host:pid:tag (the tag tells two starts of one process apart)."""
    return instance or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def is_dead_here(owner: str) -> bool:
    """Whether a claimant was a process on this host that no longer runs."""
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
