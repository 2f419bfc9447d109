"""The notebooks run top to bottom in a real Jupyter kernel, and are committed without outputs.

Each notebook builds its own store in a temporary folder (``tempfile``); the kernel's
``TMPDIR`` points into pytest's tmp_path so nothing is left behind, and its working
directory is the notebooks folder, as when a reader opens it in Jupyter.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
NAMES = ["01-quickstart.ipynb", "02-analysis.ipynb", "03-adding-articles.ipynb"]
# What each notebook must have shown, beyond running without an error.
SHOWN = {
    "01-quickstart.ipynb": ["already in the store", "<iframe srcdoc="],
    "02-analysis.ipynb": [
        "Harbor Trust > Larkspur Holdings > Quillon Robotics > Dovetail Vision",
        "Quillon Robotics acquired Dovetail Vision",
        "<iframe srcdoc=",
    ],
    "03-adding-articles.ipynb": [
        "controlled by: nobody in the graph",
        "controlled by: Halcyon Ventures",
        "EntityMerge",
        "named graphs",
    ],
}
KERNEL = "python3"

pytestmark = pytest.mark.slow


def _kernel_name() -> str:
    """The ``python3`` kernelspec; ``python`` in its argv is run as this interpreter (the venv's)."""
    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        pytest.fail(f"no {KERNEL!r} Jupyter kernelspec: install ipykernel into {sys.prefix}")
    assert spec.language == "python"
    return KERNEL


def _outputs(nb) -> list[str]:
    """Every text and HTML output of the executed notebook, in order."""
    texts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if "text" in output:
                texts.append(output["text"])
            for mime in ("text/plain", "text/html"):
                if mime in output.get("data", {}):
                    texts.append(output["data"][mime])
    return texts


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_committed_without_outputs(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code, f"{name} has code"
    for cell in code:
        assert cell.outputs == [], f"{name}: a cell has outputs; strip them before committing"
        assert cell.execution_count is None, f"{name}: a cell has an execution count"
    assert nb.metadata["kernelspec"]["name"] == KERNEL


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_top_to_bottom(name, tmp_path):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name=_kernel_name(),
        resources={"metadata": {"path": str(NOTEBOOKS)}},
        allow_errors=False,
    )
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    env.pop("AIGOV_STORE", None)
    client.execute(env=env)  # raises CellExecutionError, naming the cell, when a cell fails

    outputs = _outputs(nb)
    assert all("Traceback" not in text for text in outputs)
    assert any(str(ROOT) in text for text in outputs), "the notebook found the repository from its folder"
    shown = "\n".join(outputs)
    assert "<table>" in shown, "results are shown as tables"
    for expected in SHOWN[name]:
        assert expected in shown, f"{name} did not show {expected!r}"
    leftovers = [p for p in tmp_path.iterdir() if p.name.startswith("aigov-")]
    assert leftovers == [], "the notebook removes its temporary folder at the end"
