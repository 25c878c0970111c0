package io.chordflow.common;

/**
 * A server the command needs did not answer (after retries). Not the user's input, so the exit code
 * is 1; but not a bug either, so the command prints this message as one line, without a class name
 * or stack trace: it names the server (redacted) and says what was kept.
 */
public class UnavailableException extends RuntimeException {
    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
