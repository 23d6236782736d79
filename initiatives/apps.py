from django.apps import AppConfig
from django.db.models.signals import m2m_changed
from django.utils.translation import gettext_lazy as _

from initiatives import search_index

# The relations of an initiative its search index copies.
INDEXED_RELATIONS = ("themes", "publics", "territories")


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self):
        # Django tells of a change to a many-to-many relation only by this signal:
        # it just hands the initiatives concerned to the index's write path.
        initiative = self.get_model("Initiative")
        for name in INDEXED_RELATIONS:
            m2m_changed.connect(
                relation_changed,
                sender=getattr(initiative, name).through,
                dispatch_uid=f"search-index-{name}",
            )


def relation_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Refresh the index of the initiatives whose themes, publics or territories
    changed, from either side (`initiative.themes.add(…)`, `theme.initiatives.clear()`)."""
    if not reverse:
        if action.startswith("post_"):
            search_index.refresh([instance.pk])
        return
    if action == "pre_clear":
        # Which initiatives lose the relation can only be read before it goes.
        column = sender._meta.get_field(model._meta.model_name).column
        other = next(f for f in sender._meta.fields if f.column != column and f.is_relation)
        linked = sender.objects.filter(**{other.attname: instance.pk})
        instance._initiatives_cleared = list(linked.values_list(column, flat=True))
    elif action == "post_clear":
        search_index.refresh(getattr(instance, "_initiatives_cleared", []))
    elif action in ("post_add", "post_remove"):
        search_index.refresh(pk_set or [])
