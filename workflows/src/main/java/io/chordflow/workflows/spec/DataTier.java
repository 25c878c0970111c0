package io.chordflow.workflows.spec;

import io.chordflow.contract.FieldError;

/** A data tier: its unlabeled corpus as synthetic hours or a URI (one of the two). */
public record DataTier(Double hours, String uri, String description) {
    public DataTier {
        FieldError.check(hours == null ^ uri == null, "hours", "give either hours (synthetic) or uri, not both or neither");
        FieldError.check(hours == null || hours > 0, "hours", "expected a number of hours > 0");
        if (uri != null) {
            Uris.data(uri, "uri");
        }
    }
}
