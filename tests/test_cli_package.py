"""The command line is one package over the library: the library never imports it, and every command is
reached through the group whose one handler turns the project's errors into a line and an exit code."""

from __future__ import annotations

import ast
from pathlib import Path

from click.testing import CliRunner

from eventwire.cli import COMMANDS, main

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "eventwire"
CLI = PACKAGE / "cli"
# `python -m eventwire` is the command's second way in, not library code.
ENTRY_POINT = PACKAGE / "__main__.py"


def imports_the_cli(path: Path) -> bool:
    """Whether a module imports eventwire.cli or anything under it, at any depth of its code."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        if any(name == "eventwire.cli" or name.startswith("eventwire.cli.") for name in names):
            return True
    return False


def test_no_library_module_imports_the_command_line():
    modules = [p for p in PACKAGE.rglob("*.py") if CLI not in p.parents]
    assert len(modules) > 50
    assert [str(p.relative_to(PACKAGE)) for p in modules if imports_the_cli(p)] == ["__main__.py"]
    assert imports_the_cli(ENTRY_POINT)  # the check sees an import where there is one


def test_the_check_sees_every_spelling_of_the_import(tmp_path):
    spellings = [
        "from eventwire.cli import main",
        "import eventwire.cli.extract",
        "from eventwire import cli",
    ]
    for number, spelling in enumerate(spellings):
        path = tmp_path / f"m{number}.py"
        path.write_text(f"def f():\n    {spelling}\n")
        assert imports_the_cli(path), spelling
    clean = tmp_path / "clean.py"
    clean.write_text("from eventwire.client import x\nimport eventwire.climate\n")
    assert not imports_the_cli(clean)


def test_every_command_is_listed_and_loads_from_its_module():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert f"  {name} " in result.output
        assert main.get_command(None, name).name == name


def test_an_error_in_any_command_group_is_one_line_with_its_exit_code(tmp_path):
    missing = str(tmp_path / "absent.db")
    export = CliRunner().invoke(main, ["export", "--db", missing])
    assert (export.exit_code, export.stderr) == (3, f"eventwire: error: no database at {missing}\n")
    train = CliRunner().invoke(main, ["train", "confidence", "--out", str(tmp_path / "c.yaml")])
    assert train.exit_code == 2 and train.stderr.startswith("eventwire: error: give --articles")
    fine = CliRunner().invoke(main, ["schema"])
    assert fine.exit_code == 0 and fine.stderr == ""
