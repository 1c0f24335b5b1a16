import re

from django.urls import reverse

from union.models import Member


def form_data(page, **changes):
    """The values a browser would send back from a member form, with some changed."""
    html = page.content.decode()
    version = re.search(r'name="version" value="([^"]+)"', html).group(1)
    member = page.context["form"].instance
    data = {
        "family_name": member.family_name, "middle_name": member.middle_name,
        "given_name": member.given_name, "gender": member.gender,
        "employment_type": member.employment_type, "card_number": member.card_number,
        "group": member.group_id or "", "version": version,
    }
    return {**data, **changes}


def test_the_second_of_two_stale_forms_is_refused_and_the_first_save_stays(client, world):
    client.force_login(world.chair.user)
    url = reverse("union:member-edit", args=[world.member.pk])
    first_form, second_form = client.get(url), client.get(url)

    saved = client.post(url, form_data(first_form, phone="0905000001"))
    assert saved.status_code == 302
    refused = client.post(url, form_data(second_form, phone="0905999999"))

    assert refused.status_code == 200
    assert "vừa được người khác sửa" in refused.content.decode()
    assert Member.objects.get(pk=world.member.pk).phone == "0905000001"


def test_a_fresh_form_saves_after_a_refusal(client, world):
    client.force_login(world.chair.user)
    url = reverse("union:member-edit", args=[world.member.pk])
    client.post(url, form_data(client.get(url), phone="0905000001"))
    assert client.post(url, form_data(client.get(url), phone="0905000002")).status_code == 302
    assert Member.objects.get(pk=world.member.pk).phone == "0905000002"


def test_a_refused_form_keeps_what_was_typed_beside_the_newer_values(client, world):
    client.force_login(world.chair.user)
    url = reverse("union:member-edit", args=[world.member.pk])
    first_form, second_form = client.get(url), client.get(url)
    client.post(url, form_data(first_form, phone="0905000001", position="Kế toán"))

    refused = client.post(url, form_data(second_form, phone="0905999999"))

    form = refused.context["form"]
    assert form["phone"].value() == "0905999999"
    assert form["phone"].newer == "0905000001"
    assert form["position"].newer == "Kế toán"
    assert not hasattr(form["given_name"], "newer")
    assert "Bản vừa được lưu: <strong>0905000001</strong>" in refused.content.decode()
    # Saved again from the refused page, knowingly, the typed values replace the newer ones.
    assert client.post(url, form_data(refused, phone="0905999999")).status_code == 302
    assert Member.objects.get(pk=world.member.pk).phone == "0905999999"
