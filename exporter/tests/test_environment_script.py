"""scripts/exporter-env.sh, driven against a stand-in venv whose `python` only records how it was
called: a current stamp means no pip at all; a stale one runs pip once, without the machine's
find-links and pip config, and then records the requirement list."""
import os
import stat
import subprocess

SCRIPT = os.path.join(os.path.dirname(__file__), "..", "..", "scripts", "exporter-env.sh")

FAKE_PYTHON = """#!/bin/sh
echo "args=$* find_links=${PIP_FIND_LINKS-unset} config=${PIP_CONFIG_FILE-unset}" >> "$(dirname "$0")/../calls"
"""


def _fake_venv(tmp_path):
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    python = venv / "bin" / "python"
    python.write_text(FAKE_PYTHON)
    python.chmod(python.stat().st_mode | stat.S_IEXEC)
    return venv


def _run(venv):
    env = dict(os.environ, ATTNSCOPE_EXPORTER_VENV=str(venv), PIP_FIND_LINKS="/opt/wheels")
    return subprocess.run(["bash", SCRIPT], capture_output=True, text=True, env=env, timeout=60)


def test_a_stale_stamp_installs_once_then_nothing_runs(tmp_path):
    venv = _fake_venv(tmp_path)
    first = _run(venv)
    assert first.returncode == 0 and first.stdout.strip() == str(venv)
    calls = (venv / "calls").read_text().splitlines()
    assert len(calls) == 1
    assert calls[0].startswith("args=-m pip install --quiet torch==2.13.0 torchvision==0.28.0 timm==1.0.31 "
                               "transformers==5.25.0 natten==0.21.7 numpy pillow pytest")
    assert "find_links=unset config=/dev/null" in calls[0]
    assert "torch==2.13.0" in (venv / "attnscope-requirements.txt").read_text()
    second = _run(venv)
    assert second.returncode == 0 and second.stdout.strip() == str(venv)
    assert len((venv / "calls").read_text().splitlines()) == 1  # current: pip was not run again


def test_a_failed_install_leaves_no_stamp(tmp_path):
    venv = _fake_venv(tmp_path)
    (venv / "bin" / "python").write_text("#!/bin/sh\nexit 3\n")
    done = _run(venv)
    assert done.returncode != 0
    assert not (venv / "attnscope-requirements.txt").exists()
