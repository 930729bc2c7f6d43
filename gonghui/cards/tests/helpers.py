import uuid

from django.test import Client

from gonghui.members.passes import pass_issue


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def token_of(member) -> str:
    return pass_issue(member=member).token


def key() -> str:
    return uuid.uuid4().hex
