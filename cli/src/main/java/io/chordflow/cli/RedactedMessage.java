package io.chordflow.cli;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.chordflow.common.text.Redact;

/**
 * Logback's {@code %msg} with credentials removed from every URI in it ({@link Redact}): the
 * safety net under the call sites, for messages that echo a URI a library or server built.
 */
public final class RedactedMessage extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Redact.uris(super.convert(event));
    }
}
