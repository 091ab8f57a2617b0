"""The instance address and the queries a pull sends."""

import pytest

from tqrs.errors import InputError
from tqrs.servicenow.query import check_query, journal_query, normalise_instance, page_query


@pytest.mark.parametrize(
    ("given", "want"),
    [
        ("dev12345", "https://dev12345.service-now.com"),
        ("dev12345.service-now.com", "https://dev12345.service-now.com"),
        ("https://Dev12345.service-now.com/nav_to.do?uri=incident.do", "https://dev12345.service-now.com"),
        ("https://acme.servicenowservices.com/", "https://acme.servicenowservices.com"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://localhost:9000/x", "http://localhost:9000"),
    ],
)  # fmt: skip
def test_instance_addresses(given, want):
    assert normalise_instance(given) == want


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ("http://dev12345.service-now.com", "in clear"),
        ("https://admin:pw@dev12345.service-now.com", "never in the URL"),
        ("ftp://dev12345.service-now.com", "https://"),
        ("", "give the instance"),
        ("https://exa mple.com", "not a host name"),
    ],
)
def test_bad_addresses_say_why(given, says):
    with pytest.raises(InputError, match=says):
        normalise_instance(given)


def test_orderby_is_dropped_and_paging_reaches_every_or_group():
    query, dropped = check_query("priority=1^ORDERBYDESCnumber^NQpriority=2^ORDERBYnumber^EQ")
    assert query == "priority=1^NQpriority=2"
    assert dropped == ["ORDERBYDESCnumber", "ORDERBYnumber", "EQ"]
    assert page_query(query, "2026-01-01 00:00:00", "abc") == (
        "priority=1^sys_updated_on>=2026-01-01 00:00:00^sys_id>abc"
        "^NQpriority=2^sys_updated_on>=2026-01-01 00:00:00^sys_id>abc^ORDERBYsys_id"
    )
    assert page_query("") == "ORDERBYsys_id"
    assert page_query("", None, "abc") == "sys_id>abc^ORDERBYsys_id"
    with pytest.raises(InputError, match="one line"):
        check_query("active=true\n^priority=1")


def test_journal_query():
    assert journal_query(["a", "b"], "c") == (
        "element_idINa,b^elementINwork_notes,comments^sys_id>c^ORDERBYsys_id"
    )
