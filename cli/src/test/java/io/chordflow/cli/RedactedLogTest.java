package io.chordflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The product's logback.xml: no log line carries the password of a URI, whoever logged it. */
class RedactedLogTest {
    @Test
    @SuppressWarnings("unchecked")
    void theShippedLogConfigurationRedactsUrisInMessagesAndExceptions() throws Exception {
        LoggerContext ctx = new LoggerContext();
        JoranConfigurator j = new JoranConfigurator();
        j.setContext(ctx);
        j.doConfigure(RedactedLogTest.class.getResource("/logback.xml"));
        var appender = (ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>) ctx.getLogger("ROOT").getAppender("ERR");
        Encoder<ch.qos.logback.classic.spi.ILoggingEvent> enc = appender.getEncoder();
        LoggingEvent e = new LoggingEvent("x", ctx.getLogger("RestTracker"), Level.WARN,
                "MLflow server {} unreachable", new IllegalStateException("GET http://u:hunter2@h/api failed"),
                new Object[] {"http://user:password@mlflow:5000"});
        String line = new String(enc.encode(e), StandardCharsets.UTF_8);
        assertFalse(line.contains("password") || line.contains("hunter2"), line);
        assertEquals(true, line.contains("MLflow server http://***@mlflow:5000 unreachable"), line);
        ctx.stop();
    }
}
