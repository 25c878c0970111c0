package io.chordflow.cli;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.chordflow.common.text.Redact;

/** Logback's {@code %ex} (stack traces at debug level) with credentials removed from URIs in the messages. */
public final class RedactedThrowable extends ThrowableProxyConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Redact.uris(super.convert(event));
    }
}
