"""Applying a partner's export to the directory: import_plan() says what will
change without writing; import_apply() writes it, in one transaction.

    plan = import_plan(source, read(data, source.format))
    print(plan.summary())
    import_apply(plan)
"""

from .apply import crosswalk_seed, import_apply
from .plan import Entry, ImportPlan, import_plan
from .run import ImportFailed, export_read, import_run, source_export

__all__ = [
    "Entry",
    "ImportFailed",
    "ImportPlan",
    "crosswalk_seed",
    "export_read",
    "import_apply",
    "import_plan",
    "import_run",
    "source_export",
]
