"""Every text a holder types is shown as text, on every page that shows it."""

import pytest

from initiatives.models import Initiative
from moderation.services import initiative_publish
from tests.submissions.formdata import initiative_form

pytestmark = pytest.mark.django_db

PAYLOAD = "<script>alert('x')</script><img src=x onerror=alert(1)>"
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
TEXT_FIELDS = ["summary", "description", "innovation", "address", "contact_name"]


def test_payloads_in_every_text_field_are_shown_as_text(client, holder, moderator, visitor):
    client.force_login(holder)
    data = initiative_form(
        name="Cantine " + PAYLOAD,
        carrier="Asso " + PAYLOAD,
        roles=[{"actor": "Fondation " + PAYLOAD, "role": "financeur"}],
        awards=[{"name": "Prix " + PAYLOAD, "year": "2020"}],
        **dict.fromkeys(TEXT_FIELDS, PAYLOAD),
    )
    response = client.post("/proposer/", data)
    assert response.status_code == 302, response.content.decode()
    initiative = Initiative.objects.get()
    assert initiative.summary == PAYLOAD, "stored as typed"

    pages = [client.get(f"/mon-espace/fiches/{initiative.slug}/"), client.get("/mon-espace/")]
    initiative_publish(initiative=initiative, moderator=moderator)
    initiative.carrier.refresh_from_db()
    pages.append(visitor.get(initiative.get_absolute_url()))
    pages.append(visitor.get("/initiatives/", {"q": "cantine"}))

    for page in pages:
        html = page.content.decode()
        assert page.status_code == 200
        assert "<script>alert" not in html and "<img src=x" not in html
        assert ESCAPED in html.replace("&quot;", '"'), page.request["PATH_INFO"]
