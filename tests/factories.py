from datetime import date

import factory
from django.contrib.auth import get_user_model

from union.models import BoardMembership, Member, Term, Union, UnionGroup


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("demo12345")


class UnionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Union

    name = factory.Sequence(lambda n: f"Công đoàn cơ sở số {n}")
    short_name = factory.Sequence(lambda n: f"CĐCS {n}")
    place_name = "Gia Lai"


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    union = factory.SubFactory(UnionFactory)
    name = "Khóa V"
    start_date = date(2022, 6, 15)
    end_date = date(2027, 6, 14)


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnionGroup

    union = factory.SubFactory(UnionFactory)
    name = factory.Sequence(lambda n: f"Tổ {n}")


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    union = factory.SubFactory(UnionFactory)
    family_name = "Nguyễn"
    middle_name = "Văn"
    given_name = factory.Iterator(["An", "Bình", "Cường", "Dũng", "Hà", "Lan"])
    gender = Member.Gender.MALE
    card_number = factory.Sequence(lambda n: f"TEST-{n:05d}")


class BoardMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardMembership

    member = factory.SubFactory(MemberFactory)
    term = factory.SubFactory(TermFactory, union=factory.SelfAttribute("..member.union"))
    union = factory.SelfAttribute("member.union")
    position = BoardMembership.Position.MEMBER
