import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

HERE = Path(__file__).parent
SEEDS = Path(str(resources.files("rasd").joinpath("examples", "seeds")))


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "t.db")


def rasd(*args, check=True):
    """Run the real CLI in a subprocess (as a user would) and return the CompletedProcess."""
    proc = subprocess.run([sys.executable, "-m", "rasd.cli", *map(str, args)], capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"rasd {args} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc
