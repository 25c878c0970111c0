"""Makes src/test/resources/mir_eval/random-segment-cases.json: random segmentations scored by
Debian's python3-mir-eval (0.7), to check the Java port beyond mir_eval's own fixtures (trim,
labels differing in case, gaps and estimates longer or shorter than the reference).

Run from this module's folder with Debian's interpreter: /usr/bin/python3 src/test/python/mir_eval_random_cases.py
The tests only read the JSON; they never run Python.
"""
import json

import mir_eval
import numpy as np

rng = np.random.default_rng(17)
LABELS = ["intro", "verse", "Verse", "chorus", "bridge", "inst", "outro", "A", "B"]


def segmentation(start, end):
    n = int(rng.integers(1, 12))
    cuts = np.sort(rng.uniform(start, end, n - 1))
    cuts = np.round(cuts, int(rng.choice([2, 3, 6])))
    bounds = np.unique(np.concatenate([[start], cuts, [end]]))
    intervals = np.stack([bounds[:-1], bounds[1:]], axis=1)
    labels = [str(rng.choice(LABELS)) for _ in range(len(intervals))]
    return intervals, labels


cases = []
for i in range(60):
    end = float(np.round(rng.uniform(20, 200), 3))
    ref, ref_labels = segmentation(float(np.round(rng.uniform(0, 2), 3)), end)
    est_end = end if i % 3 == 0 else float(np.round(end + rng.uniform(-5, 5), 3))
    est, est_labels = segmentation(0.0 if i % 2 else float(np.round(rng.uniform(0, 1), 3)), est_end)
    scores = mir_eval.segment.evaluate(ref, list(ref_labels), est, list(est_labels))
    trimmed = mir_eval.segment.evaluate(ref, list(ref_labels), est, list(est_labels), trim=True)
    keep = ["Precision@0.5", "Recall@0.5", "F-measure@0.5", "Precision@3.0", "Recall@3.0", "F-measure@3.0",
            "Ref-to-est deviation", "Est-to-ref deviation", "Pairwise Precision", "Pairwise Recall", "Pairwise F-measure"]
    cases.append({
        "ref": [[a, b, l] for (a, b), l in zip(ref.tolist(), ref_labels)],
        "est": [[a, b, l] for (a, b), l in zip(est.tolist(), est_labels)],
        "scores": {k: (None if np.isnan(scores[k]) else scores[k]) for k in keep},
        "trimmed": {k: (None if np.isnan(trimmed[k]) else trimmed[k]) for k in keep},
    })

with open("src/test/resources/mir_eval/random-segment-cases.json", "w") as f:
    json.dump({"mir_eval": mir_eval.__version__, "numpy": np.__version__, "cases": cases}, f, indent=1)
