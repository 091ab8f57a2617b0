import json
import subprocess
import sys

import pytest

from tqrs.errors import ConfigError
from tqrs.rubric import BUILTIN_DIR, list_rubrics, load_rubric, user_rubric_dir


def _builtin(name="incident_logging") -> dict:
    return json.loads((BUILTIN_DIR / f"{name}.json").read_text())


def _write(tmp_path, data, name="broken.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def test_defaults_are_70_points_pass_at_63_and_the_generic_120_at_108():
    rubrics = {r.id: r for r in list_rubrics()}
    assert set(rubrics) >= {"incident_logging", "incident_handling", "incident_quality"}
    for r in rubrics.values():
        points = 120 if r.id == "incident_quality" else 70
        assert r.max_points == points == sum(c.max_points for c in r.criteria)
        assert r.pass_percent == 90
        assert [b.name for b in r.bands] == ["BLUE", "GREEN", "YELLOW", "RED", "PURPLE"]
        assert r.llm_criteria and r.rule_criteria
        for c in r.criteria:
            assert all(len(o.description) > 10 for o in c.options)


def test_load_by_id_stem_and_path():
    assert load_rubric("incident_handling").name == "Incident Handling"
    assert load_rubric(BUILTIN_DIR / "incident_logging.json").id == "incident_logging"


def test_unknown_rubric_lists_known():
    with pytest.raises(ConfigError, match="incident_logging"):
        load_rubric("nope")


@pytest.mark.parametrize(
    "mutate, message",
    [
        (
            lambda d: d["criteria"][1]["options"][0].update(points=-5),
            "criterion 'caller_validation': options[0]: Value error, option '10': points options",
        ),
        (
            lambda d: d["criteria"][0].update(rule="no_such_rule"),
            "criterion 'short_description': rule: unknown rule 'no_such_rule'",
        ),
        (
            lambda d: d["criteria"][2].update(method="rule", rule=None),
            "criterion 'categorization': rule: required",
        ),
        (
            lambda d: d["criteria"][3]["options"].append(d["criteria"][3]["options"][0]),
            "criterion 'service_ci': options: duplicate labels 10",
        ),
        (
            lambda d: d["criteria"][4]["options"][0].pop("kind"),
            "criterion 'description_quality': options[0].kind: Field required",
        ),
        (lambda d: d.update(max_points=80), "max_points: 80 but the criteria"),
        (lambda d: d["criteria"].append(dict(d["criteria"][0])), "duplicate criterion ids"),
    ],
)
def test_broken_rubric_names_criterion_and_field(tmp_path, mutate, message):
    data = _builtin()
    mutate(data)
    path = _write(tmp_path, data)
    with pytest.raises(ConfigError) as err:
        load_rubric(path)
    text = str(err.value).replace("Value error, ", "")
    assert text.startswith(f"{path}: ") or text.startswith("broken.json")
    assert message.replace("Value error, ", "") in text


def test_invalid_json_is_config_error(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{not json")
    with pytest.raises(ConfigError, match="bad.json"):
        load_rubric(path)


def test_user_rubric_by_id(tmp_path):
    data = _builtin()
    data.update(id="team_logging", name="Team logging", pass_threshold=56)
    user_rubric_dir().mkdir(parents=True)
    _write(user_rubric_dir(), data, "mine.json")
    assert load_rubric("team_logging").pass_threshold == 56
    assert load_rubric("mine").id == "team_logging"
    assert "team_logging" in {r.id for r in list_rubrics()}


def test_cli_broken_rubric_exit_2(tmp_path):
    data = _builtin()
    data["criteria"][1]["options"][0]["points"] = -5
    path = _write(tmp_path, data)
    proc = subprocess.run(
        [sys.executable, "-m", "tqrs", "rubrics", "--check", str(path)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: ")
    assert "criterion 'caller_validation'" in proc.stderr
    assert "Traceback" not in proc.stderr
