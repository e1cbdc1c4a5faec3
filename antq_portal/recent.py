"""What a process keeps of what it computed lately (resolved unit ids, decoded tallies): one small map."""

import threading
from collections import OrderedDict


class Recent:
    """A least-recently-used map of at most `size` items, shared by a process's threads. `get` gives None for
    a key it does not hold (so None is never kept)."""

    def __init__(self, size: int):
        self.size, self.items, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)
