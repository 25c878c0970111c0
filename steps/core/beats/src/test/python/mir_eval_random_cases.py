"""Makes src/test/resources/mir_eval/random-beat-cases.json: random beat sequences scored by
Debian's python3-mir-eval (0.7), to check the Java port beyond mir_eval's own fixtures.

Run from this module's folder with Debian's interpreter: /usr/bin/python3 src/test/python/mir_eval_random_cases.py
The tests only read the JSON; they never run Python.
"""
import json

import mir_eval
import numpy as np

rng = np.random.default_rng(17)
cases = []
for i in range(60):
    n_ref = int(rng.integers(0, 40))
    ref = np.sort(rng.uniform(0, 30, n_ref))
    kind = i % 3
    if kind == 0:  # jittered copy with drops and extras: many near-window pairs
        est = ref + rng.normal(0, 0.05, n_ref)
        est = est[rng.uniform(size=n_ref) > 0.2]
        est = np.concatenate([est, rng.uniform(0, 30, int(rng.integers(0, 6)))])
    elif kind == 1:  # dense clusters: several estimates compete for one reference
        est = np.repeat(ref, 2) + rng.uniform(-0.08, 0.08, 2 * n_ref)
    else:
        est = rng.uniform(0, 30, int(rng.integers(0, 40)))
    est = np.sort(np.clip(est, 0, None))
    window = float(rng.choice([0.07, 0.07, 0.05, 0.1]))
    cases.append({
        "ref": ref.tolist(),
        "est": est.tolist(),
        "window": window,
        "f_measure": mir_eval.beat.f_measure(ref, est, f_measure_threshold=window),
        "evaluate_f_measure": mir_eval.beat.evaluate(ref, est)["F-measure"],
    })

with open("src/test/resources/mir_eval/random-beat-cases.json", "w") as f:
    json.dump({"mir_eval": mir_eval.__version__, "numpy": np.__version__, "cases": cases}, f, indent=1)
