import json

from tests.conftest import incident, run_cli, write_export
from tqrs.commands.profile_text import profile_text
from tqrs.ingest import ingest_files
from tqrs.profile import build_profile


def test_profile_of_a_small_session(store, tmp_path):
    recs = [
        incident(1),
        incident(
            2,
            category="hardware",
            contact_type="email",
            close_notes="",
            opened_at="2025-11-01 08:00:00",
        ),
        incident(3, cmdb_ci="", business_service="", description="short"),
        incident(3, sys_id="e" * 32),  # same number, other record
    ]
    report = ingest_files(store, [write_export(tmp_path / "p.json", recs)])
    p = build_profile(store, report.session_id)
    assert p.tickets == 4
    assert p.completeness["number"] == 1.0
    assert p.completeness["cmdb_ci"] == 0.75 and p.completeness["close_notes"] == 0.75
    assert dict(p.distributions["category"]) == {"software": 3, "hardware": 1}
    assert dict(p.distributions["contact_type"]) == {"phone": 3, "email": 1}
    assert p.date_ranges["opened"][0].isoformat() == "2025-11-01T08:00:00"
    assert p.duplicate_numbers == 1 and p.duplicate_examples == [("INC0010003", 2)]
    assert p.missing_rubric_fields == 2
    assert p.missing_by_field["cmdb_ci"] == 1 and p.missing_by_field["close_notes"] == 1
    assert ("INC0010003", ["service", "cmdb_ci"]) in p.missing_examples
    assert p.lengths["description"]["min"] == len("short")
    text = profile_text(p)
    assert "Duplicate ticket numbers: 1" in text and "INC0010003 x2" in text


def test_profile_cli_text_and_json(tmp_path):
    path = write_export(tmp_path / "p.json", [incident(1), incident(2, category="")])
    run_cli("ingest", path, check=True)
    text = run_cli("profile", "1", check=True).stdout
    assert "Field completeness" in text and "(2 tickets)" in text
    data = json.loads(run_cli("profile", "p.json", "--json", check=True).stdout)
    assert data["tickets"] == 2 and data["completeness"]["category"] == 0.5


def test_near_duplicates_when_the_session_is_embedded(store, tmp_path):
    from tqrs.embeddings import FakeEmbedder

    printer = {
        "short_description": "Printer jammed",
        "description": "Paper jam on floor 3",
        "close_notes": "Cleared the jam",
    }
    recs = [
        incident(1),
        incident(2),  # the same texts under two numbers
        incident(3, **printer),
        incident(3, sys_id="e" * 32, **printer),
    ]  # a duplicate number: not a pair here
    sid = ingest_files(store, [write_export(tmp_path / "p.json", recs)]).session_id
    plain = build_profile(store, sid)
    assert plain.near_duplicates is None and "no embeddings" in plain.near_duplicates_note
    assert "Near-duplicate tickets: not computed" in profile_text(plain)
    p = build_profile(store, sid, FakeEmbedder())
    assert p.near_duplicates == 1 and p.near_duplicate_tickets == 2
    assert p.near_duplicate_examples == [("INC0010001", "INC0010002", 1.0)]
    again = build_profile(store, sid)  # embedded now: computed without an embedder
    assert again.near_duplicates == 1
    assert "1 pair, 2 tickets" in profile_text(again)
    assert "INC0010001 ~ INC0010002" in profile_text(again)


def test_a_pair_of_numbers_is_listed_once(store, tmp_path):
    """INC1 held twice (two sys_ids) with the text of INC2: one pair of numbers, not two."""
    from tqrs.embeddings import FakeEmbedder

    recs = [incident(1), incident(1, sys_id="d" * 32), incident(2)]
    sid = ingest_files(store, [write_export(tmp_path / "p.json", recs)]).session_id
    p = build_profile(store, sid, FakeEmbedder())
    assert p.duplicate_numbers == 1
    assert p.near_duplicate_examples == [("INC0010001", "INC0010002", 1.0)]
    assert p.near_duplicates == 1


def test_profile_cli_near_duplicates(tmp_path):
    path = write_export(tmp_path / "p.json", [incident(1), incident(2)])
    run_cli("ingest", path, check=True)
    data = json.loads(run_cli("profile", "1", "--json", check=True).stdout)
    assert data["near_duplicates"] is None
    text = run_cli(
        "profile", "1", "--near-duplicates", env={"TQRS_EMBEDDER": "fake"}, check=True
    ).stdout
    assert "1 pair, 2 tickets" in text and "INC0010001 ~ INC0010002" in text


def test_profile_text_columns_fit_long_names_and_counts(store, tmp_path):
    """Each table of `tqrs profile` is as wide as its longest name and count: before, a
    field name over 20 characters, a criterion id over 24 or a count of 10,000,000 pushed
    its row's later columns out of line with the others."""
    from tqrs.profile import FieldPresence

    report = ingest_files(store, [write_export(tmp_path / "p.json", [incident(1)])])
    p = build_profile(store, report.session_id)
    long_field = "u_a_custom_field_with_a_long_name"
    p.completeness = {"number": 1.0, long_field: 0.5, "cmdb_ci": 0.25}
    p.presence = {
        long_field: FieldPresence(filled=1, blank=12_345_678, absent=1),
        "cmdb_ci": FieldPresence(filled=1, blank=2, absent=34_567_890),
    }
    p.missing_by_field = {"cmdb_ci": 12_345_678, long_field: 3}
    p.not_in_export = {"incident_logging": {"a_criterion_id_longer_than_24": 5, "x": 10_000_000}}
    lines = profile_text(p).splitlines()

    def table(title: str, n: int) -> list[str]:
        start = next(i for i, line in enumerate(lines) if line.startswith(title)) + 1
        return lines[start : start + n]

    completeness = table("Field completeness", 3)
    assert [line.split()[0] for line in completeness] == ["number", long_field, "cmdb_ci"]
    assert len({line.index("%") for line in completeness}) == 1, completeness
    assert len({line.index("blank") for line in completeness if "blank" in line}) == 1
    assert len({line.index(", absent") for line in completeness if "blank" in line}) == 1
    missing = table("Tickets missing fields", 2)
    assert len({line.index("missing") for line in missing}) == 1, missing
    assert len({line.index(" tickets") for line in table("Criteria not in export", 2)}) == 1
