#!/usr/bin/env bash
# Extra CI run: the plotting tests under matplotlib 3.10.x, which does not shape Arabic
# (no libraqm), so toolkit.plot must hand it pre-shaped, bidi-reordered labels.
# Usage: .ci/plot-mpl310.sh   (venv location: $PLOT_MPL310_VENV, default under $TMPDIR)
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${PLOT_MPL310_VENV:-${TMPDIR:-/tmp}/toolkit-plot-mpl310-venv}"
python3 -m venv "$venv"
. "$venv/bin/activate"
python -m pip install -q --upgrade pip
pip install -q -e ".[test]" "matplotlib==3.10.*"

python - <<'PY'
import matplotlib
from toolkit.plot.shaping import matplotlib_shapes

print(f"matplotlib {matplotlib.__version__}; shapes Arabic itself: {matplotlib_shapes()}")
assert matplotlib.__version__.startswith("3.10."), matplotlib.__version__
assert not matplotlib_shapes(), "matplotlib 3.10 was detected as shaping"
PY
python -m pytest -q -p no:cacheprovider tests/test_shaping.py tests/test_plot*.py
