package io.chordflow.contract;

import io.chordflow.common.InputException;

/**
 * A settings value that is absent, unknown or out of range: the field path (relative to the
 * record that threw it until binding prefixes where the record sits) and what is wrong. The
 * message is {@code field PATH: PROBLEM}; the CLI prints it after the file name and exits 2.
 */
public class FieldError extends InputException {
    private final String field;
    private final String problem;

    public FieldError(String field, String problem) {
        super("field " + field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }

    /** The same error for a record that sits at {@code prefix} ({@code stage1}, {@code rounds[0].training}). */
    public FieldError under(String prefix) {
        return new FieldError(join(prefix, field), problem);
    }

    static String join(String prefix, String field) {
        if (prefix == null || prefix.isEmpty()) {
            return field;
        }
        return field.isEmpty() ? prefix : field.startsWith("[") ? prefix + field : prefix + "." + field;
    }

    public static <T> T need(T value, String field) {
        if (value == null) {
            throw new FieldError(field, "missing value");
        }
        return value;
    }

    public static void check(boolean ok, String field, String problem) {
        if (!ok) {
            throw new FieldError(field, problem);
        }
    }
}
