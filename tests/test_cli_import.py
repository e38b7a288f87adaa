"""`skillgraph import esco|onet` through the command line."""

from __future__ import annotations

import io
import shutil

from click.testing import CliRunner

from skillgraph.cli import main
from skillgraph.cli.importers import TerminalProgress
from tests.helpers import DATA


def test_import_esco_then_use_it(tmp_path):
    out = tmp_path / "esco.nt"
    runner = CliRunner()
    result = runner.invoke(main, ["import", "esco", str(DATA / "esco-1.2.0-ict"), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ESCO 1.2.0: 97 occupations, 1,765 skills")
    assert "\r" not in result.output  # no progress bar when not on a terminal
    shown = runner.invoke(main, ["show", "software developer", "--data", str(out)])
    assert shown.exit_code == 0, shown.output
    assert "ESCO 1.2.0" in shown.output and "requires (" in shown.output


def test_import_onet(tmp_path):
    out = tmp_path / "onet.ttl"
    result = CliRunner().invoke(main, ["import", "onet", str(DATA / "onet-29.2-software"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("O*NET 29.2: 28 occupations")


def test_import_bad_input_one_line_and_no_output(tmp_path):
    broken = tmp_path / "esco"
    shutil.copytree(DATA / "esco-1.2.0-ict", broken)
    (broken / "skills_en.csv").unlink()
    out = tmp_path / "out.ttl"
    result = CliRunner().invoke(main, ["import", "esco", str(broken), "-o", str(out)])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "skills_en.csv" in result.output
    assert not out.exists()


def test_progress_only_on_a_terminal():
    quiet = io.StringIO()
    progress = TerminalProgress(quiet)
    progress("skills_en.csv", 5, 10)
    progress.close()
    assert quiet.getvalue() == ""

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    loud = Tty()
    progress = TerminalProgress(loud)
    progress("skills_en.csv", 5, 10)
    assert "skills_en.csv" in loud.getvalue() and "5/10" in loud.getvalue()
