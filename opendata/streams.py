"""Writing a JSON document whose one list is long, item by item."""

import json


def dumps(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def json_list(head, key, items):
    """The text of `head` (a dict) with `key` set to the list of `items`, in pieces."""
    opening = dumps({**head, key: []})
    yield opening[: -len("[]}")] + "["
    separator = ""
    for item in items:
        yield separator + dumps(item)
        separator = ","
    yield "]}"
