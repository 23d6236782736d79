"""The admin's import of a source: upload a file or use the source's export, see
the plan, then confirm. Between the preview and the confirmation, the file read
is kept under SOURCE_EXPORTS_ROOT/previews/ (never served) with a random name,
and the plan is computed again from it when confirmed: it applies to the
directory as it is then."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sources.importer import ImportFailed, import_apply, source_export
from sources.importer.previews import preview_path, preview_save
from sources.importer.run import plan_from_export
from sources.models import Source


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("fichier de l’export"),
        required=False,
        help_text=gettext_lazy(
            "Facultatif : sans fichier, l’adresse ou le fichier d’export de la source est lu."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > settings.SOURCES_FETCH_MAX_BYTES:
            raise forms.ValidationError(
                _("Fichier trop gros (plus de %(size)s octets).")
                % {"size": settings.SOURCES_FETCH_MAX_BYTES},
                code="too_big",
            )
        return upload


def source_for_import(model_admin, request, pk):
    source = get_object_or_404(Source, pk=pk)
    if not model_admin.has_change_permission(request, source):
        raise PermissionDenied
    return source


def source_import(model_admin, request, pk):
    """GET: the form; POST: the preview of what the import will do."""
    source = source_for_import(model_admin, request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Source._meta,
        "source": source,
        "title": _("Importer « %(source)s »") % {"source": source},
        "form": form,
    }
    if request.method == "POST" and form.is_valid():
        try:
            upload = form.cleaned_data["file"]
            data = upload.read() if upload else source_export(source)
            plan = plan_from_export(source, data)
        except ImportFailed as error:
            form.add_error(None, str(error))
        else:
            context.update(plan=plan, token=preview_save(data))
            return TemplateResponse(request, "admin/sources/source/import_preview.html", context)
    return TemplateResponse(request, "admin/sources/source/import_form.html", context)


def source_import_confirm(model_admin, request, pk):
    """POST: apply the import previewed (the file kept under its token)."""
    source = source_for_import(model_admin, request, pk)
    if request.method != "POST":
        return redirect(reverse("admin:sources_source_import", args=[source.pk]))
    path = preview_path(request.POST.get("token"))
    if path is None:
        raise Http404
    if not path.exists():
        messages.error(request, _("Cet aperçu a expiré : importez le fichier à nouveau."))
        return redirect(reverse("admin:sources_source_import", args=[source.pk]))
    try:
        plan = plan_from_export(source, path.read_bytes())
        import_apply(plan)
    except ImportFailed as error:
        messages.error(request, str(error))
        return redirect(reverse("admin:sources_source_import", args=[source.pk]))
    finally:
        path.unlink(missing_ok=True)
    messages.success(request, _("Importation faite : %(summary)s") % {"summary": plan.summary()})
    return redirect(reverse("admin:sources_source_change", args=[source.pk]))
