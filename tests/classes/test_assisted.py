"""Learners without email: added by a facilitator, signing in with a card."""

import pytest
from allauth.account.models import EmailAddress
from wagtail.models import ModelLogEntry

from accounts.guardians import CONSENT_ON_PAPER, awaiting_consent, certificate_name
from accounts.models import GuardianConsent, User
from classes import assisted
from classes.models import AssistedAccount, Membership

pytestmark = pytest.mark.django_db


def add(client, klass, **data):
    form = {"names": "", "age_band": "60+", "country": "MY", "language": "ms", **data}
    return client.post(f"/en/classes/{klass.pk}/learners/add/", form)


def test_typed_names_make_accounts_and_cards(facilitator_client, klass):
    response = add(facilitator_client, klass, names="Mak Som\n\nPak Ali\n")
    assert response.status_code == 302 and response["Location"] == f"/en/classes/{klass.pk}/cards/"
    accounts = AssistedAccount.objects.select_related("user__profile")
    assert sorted(a.user.profile.display_name for a in accounts) == ["Mak Som", "Pak Ali"]
    assert all(a.user.email == "" and a.user.profile.preferred_language == "ms" for a in accounts)
    assert Membership.objects.filter(klass=klass).count() == 2
    sheet = facilitator_client.get(f"/en/classes/{klass.pk}/cards/").content.decode()
    for card in assisted.cards_for(klass):
        assert card.username in sheet and card.passphrase in sheet
        words = card.passphrase.split()
        assert len(words) == 4 and words[-1].isdigit() and card.passphrase == card.passphrase.lower()
    assert "passphrase" not in str(AssistedAccount.objects.values_list("passphrase", flat=True)[0])
    assert not any(" " in stored for stored in AssistedAccount.objects.values_list("passphrase", flat=True))


def test_csv_with_age_groups(facilitator_client, klass):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("class.csv", b"name,age group\nSiti,u13\nAmir,13-17\n", "text/csv")
    response = add(facilitator_client, klass, csv_file=upload, age_band="13-17")
    assert response.status_code == 302
    bands = dict(
        User.objects.filter(assisted_account__isnull=False).values_list("profile__display_name", "profile__age_band")
    )
    assert bands == {"Siti": "u13", "Amir": "13-17"}


@pytest.mark.parametrize(
    "data, message",
    [
        ({"names": ""}, "Type at least one name"),
        ({"names": "x" * 61}, "longer than 60"),
        ({"names": "\n".join(f"L{n}" for n in range(201))}, "at most 200"),
    ],
)
def test_bad_lists_get_a_clear_400(facilitator_client, klass, data, message):
    response = add(facilitator_client, klass, **data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not AssistedAccount.objects.exists()


def test_bad_csv_gets_a_clear_400(facilitator_client, klass):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("class.csv", b"Siti,7 years\n", "text/csv")
    response = add(facilitator_client, klass, csv_file=bad)
    assert response.status_code == 400 and "is not an age group" in response.content.decode()
    binary = SimpleUploadedFile("class.csv", b"\xff\xfe\x00bad", "text/csv")
    response = add(facilitator_client, klass, csv_file=binary)
    assert response.status_code == 400 and "UTF-8" in response.content.decode()


def test_card_sign_in_as_typed_on_a_phone(client, klass, facilitator):
    [card] = assisted.add_learners(
        klass, [assisted.NewLearner("Mak Som")], by=facilitator, country="MY", age_band="60+", language="en"
    )
    wrong = client.post("/en/classes/card-sign-in/", {"username": card.username, "passphrase": "nope"})
    assert wrong.status_code == 400 and "do not match" in wrong.content.decode()
    typed = " " + card.passphrase.capitalize().replace(" ", "  ") + " "  # a phone's capital and double spaces
    response = client.post("/en/classes/card-sign-in/", {"username": card.username.upper(), "passphrase": typed})
    assert response.status_code == 302
    assert client.get("/en/learn/my-learning/").context["user"].pk == card.learner_id


def test_card_sign_in_is_rate_limited_per_card(client, klass, facilitator):
    [card] = assisted.add_learners(
        klass, [assisted.NewLearner("Mak Som")], by=facilitator, country="MY", age_band="60+", language="en"
    )
    codes = [
        client.post("/en/classes/card-sign-in/", {"username": card.username, "passphrase": "x y z 1"}).status_code
        for _ in range(11)
    ]
    assert codes[:10] == [400] * 10 and codes[10] == 429


def test_reset_makes_a_new_card_and_the_old_one_stops_working(facilitator_client, client, klass, facilitator):
    [card] = assisted.add_learners(
        klass, [assisted.NewLearner("Pak Ali")], by=facilitator, country="MY", age_band="60+", language="en"
    )
    response = facilitator_client.post(f"/en/classes/{klass.pk}/learners/new-card/", {"learner": card.learner_id})
    assert response.status_code == 302 and response["Location"].endswith(f"?learner={card.learner_id}")
    [new] = assisted.cards_for(klass)
    assert new.passphrase != card.passphrase
    assert (
        client.post("/en/classes/card-sign-in/", {"username": card.username, "passphrase": card.passphrase}).status_code
        == 400
    )
    assert (
        client.post("/en/classes/card-sign-in/", {"username": new.username, "passphrase": new.passphrase}).status_code
        == 302
    )
    assert ModelLogEntry.objects.filter(action=assisted.RESET, user=facilitator).exists()


def test_an_email_makes_the_account_the_learners_own(facilitator_client, klass, facilitator):
    [card] = assisted.add_learners(
        klass, [assisted.NewLearner("Pak Ali")], by=facilitator, country="MY", age_band="60+", language="en"
    )
    user = User.objects.get(pk=card.learner_id)
    address = EmailAddress.objects.create(user=user, email="ali@example.com", verified=True, primary=True)
    assisted.on_email_added(None, email_address=address)
    account = AssistedAccount.objects.get(user=user)
    assert account.is_owned and account.passphrase == ""
    assert assisted.cards_for(klass) == []
    response = facilitator_client.post(f"/en/classes/{klass.pk}/learners/new-card/", {"learner": user.pk}, follow=True)
    assert "their own" in response.content.decode()


def test_paper_consent_for_a_child(facilitator_client, klass, facilitator):
    [card] = assisted.add_learners(
        klass, [assisted.NewLearner("Siti")], by=facilitator, country="MY", age_band="u13", language="en"
    )
    child = User.objects.get(pk=card.learner_id)
    assert awaiting_consent(child) and certificate_name(child) == ""
    unticked = facilitator_client.post(f"/en/classes/{klass.pk}/learners/consent/", {"learner": child.pk})
    assert unticked.status_code == 302 and awaiting_consent(child)
    facilitator_client.post(f"/en/classes/{klass.pk}/learners/consent/", {"learner": child.pk, "confirm": "yes"})
    assert not awaiting_consent(child) and certificate_name(child) == "Siti"
    record = ModelLogEntry.objects.get(action=CONSENT_ON_PAPER)
    assert record.user == facilitator and record.data["form"] == "paper"
    assert GuardianConsent.objects.get(child=child).given_at is not None


def test_consent_is_refused_for_an_adult(facilitator_client, klass, facilitator):
    [card] = assisted.add_learners(
        klass, [assisted.NewLearner("Pak Ali")], by=facilitator, country="MY", age_band="60+", language="en"
    )
    response = facilitator_client.post(
        f"/en/classes/{klass.pk}/learners/consent/", {"learner": card.learner_id, "confirm": "yes"}
    )
    assert response.status_code == 400


def test_the_learner_adds_an_email_on_their_own_and_owns_the_account(client, klass, facilitator):
    from allauth.account.models import EmailConfirmationHMAC

    [card] = assisted.add_learners(
        klass, [assisted.NewLearner("Pak Ali")], by=facilitator, country="MY", age_band="60+", language="en"
    )
    client.post("/en/classes/card-sign-in/", {"username": card.username, "passphrase": card.passphrase})
    response = client.post("/en/accounts/email/", {"action_add": "", "email": "ali@example.com"})
    assert response.status_code == 302
    address = EmailAddress.objects.get(user_id=card.learner_id, email="ali@example.com")
    assert not address.verified and not AssistedAccount.objects.get(user_id=card.learner_id).is_owned
    key = EmailConfirmationHMAC(address).key
    client.post(f"/en/accounts/confirm-email/{key}/")
    assert AssistedAccount.objects.get(user_id=card.learner_id).is_owned
    assert assisted.cards_for(klass) == []
