package io.chordflow.common;

/**
 * Bad input from the user: a file, line or field that is not as expected. The message names
 * where the problem is and what was expected; the CLI prints it as one line and exits with 2.
 */
public class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "file line N: what" as every parser in chordflow reports it. */
    public static InputException at(Object file, int line, String what) {
        return new InputException(file + " line " + line + ": " + what);
    }
}
