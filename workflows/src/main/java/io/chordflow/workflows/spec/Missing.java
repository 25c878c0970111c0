package io.chordflow.workflows.spec;

/**
 * Thrown from a spec record's constructor when a value is absent or not allowed; the loader
 * turns it into "FILE: field a.b.c: what" using Jackson's path to the record.
 */
final class Missing extends IllegalArgumentException {
    final String field;

    Missing(String field, String what) {
        super(what);
        this.field = field;
    }

    static <T> T need(T value, String field) {
        if (value == null) {
            throw new Missing(field, "missing value");
        }
        return value;
    }

    static void check(boolean ok, String field, String what) {
        if (!ok) {
            throw new Missing(field, what);
        }
    }
}
