package io.chordflow.workflows.spec;

import io.chordflow.contract.FieldError;
import java.util.Map;

/**
 * Where each split comes from: a URI, or the synthetic generator (hours per split, one seed).
 * A split is in one of the two, not both.
 */
public record Datasets(Map<String, String> uris, Synthetic synthetic) {
    public Datasets {
        uris = uris == null ? Map.of() : Map.copyOf(uris);
        for (var e : uris.entrySet()) {
            FieldError.check(Experiment.SPLITS.contains(e.getKey()), "uris." + e.getKey(), "unknown split; expected one of " + Experiment.SPLITS);
            Uris.data(e.getValue(), "uris." + e.getKey());
            FieldError.check(synthetic == null || !synthetic.hours().containsKey(e.getKey()), "uris." + e.getKey(),
                    "split also given under synthetic.hours; give it in one place");
        }
    }

    public boolean has(String split) {
        return uris.containsKey(split) || (synthetic != null && synthetic.hours().containsKey(split));
    }
}
