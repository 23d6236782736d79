"""Text helpers shared by the search and the territory lookups."""

from django.db.models import Func, TextField


class Unaccent(Func):
    """`immutable_unaccent(text)`: created by a migration so indexes can use it."""

    function = "immutable_unaccent"
    output_field = TextField()
