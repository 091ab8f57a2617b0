"""The words a service desk writes for the person who raised the ticket when it names them by
role, not by name: the titles any desk uses ("the user", "the caller", "the customer", "the
requester"), a desk's shorthand ("the EU", "the E.U.", "the end user", "the reporter"), and
"client", which is also a program.

The vocabulary only, as regular-expression parts in lower case: what a reader does with the
words stays with the reader (tqrs.judges.role_parts reads a role as "the caller" for the
confirmation readings; tqrs.judges.troubleshooting reads a report said by the caller and a
message sent to the user as no step of the desk's). What these words do not name, and a reader
guards by its own context: someone beside the caller ("the customer's manager", "the
requester's team": a possessive before another noun), any user ("a user reported the same",
"all users": an article or a quantity, not "the"), and "client" as software ("the VPN client
crashed", "Teams client"): read only where a verb of saying follows it."""

from collections.abc import Iterable

# The caller's titles: what any desk calls the person it writes to or of.
TITLES = ("user", "caller", "customer", "requester", "requestor")
# The end user, written in two words, hyphenated or as one ("end-user", "enduser").
END_USER = r"end[- ]?user"
# A desk's shorthand for the same person: the end user, its initials with stops, the one who
# reported it.
SHORTHAND = (r"e\.u\.", END_USER, "reporter")
# The initials without stops: a reader takes them only as a subject or alone, since before a
# noun they are the region ("EU servers", "EU TECH SUPPORT").
EU = "eu"
# The caller in a desk's note ("Client confirmed ..."), a program elsewhere ("the VPN client
# crashed"): a reader takes it only before a verb of saying.
CLIENT = "client"


def one_of(words: Iterable[str]) -> str:
    """A regular-expression group matching any of `words`."""
    return "(?:" + "|".join(words) + ")"
