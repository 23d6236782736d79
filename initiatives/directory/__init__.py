"""The directory: searching the published initiatives, their cards, facets and map.

`search(params)` is the entry point of every page that lists initiatives;
`overview()` gives the facets of the whole directory. The search index these
read is kept by the model layer (initiatives/search_index.py).
"""

from initiatives.directory.query import Search, cached_search, search
from initiatives.directory.results import directory_overview as overview

__all__ = ["Search", "cached_search", "overview", "search"]
