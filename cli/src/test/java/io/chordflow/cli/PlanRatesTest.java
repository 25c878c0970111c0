package io.chordflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chordflow.model.data.stream.StreamedWindows;
import io.chordflow.workflows.plan.Rates;
import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/**
 * The plan's figures for a streamed training ({@code rates.json}: download cache, batches ahead, shuffle buffer,
 * in-memory limit) are the train step's own settings, not copies that drift: here, because cli sees both the
 * compiler and the step programs.
 */
class PlanRatesTest {
    @Test
    void thePlansStreamingFiguresAreTheTrainStepsSettings() throws Exception {
        Rates r = Rates.recorded();
        Class<?> data = Class.forName("io.chordflow.steps.train.StreamedData");
        assertEquals(constant(data, "CACHED_SHARDS"), r.streamCachedShards(), "StreamedData.CACHED_SHARDS");
        assertEquals("4g", constant(data, "DEFAULT_LIMIT"), "StreamedData.DEFAULT_LIMIT");
        assertEquals(4L << 30, r.inMemoryLimitBytes(), "4g");
        assertEquals(StreamedWindows.DEFAULT_PREFETCH, r.streamPrefetchBatches());
        assertEquals(StreamedWindows.DEFAULT_BUFFER, r.streamBufferWindows());
    }

    private static Object constant(Class<?> c, String name) throws ReflectiveOperationException {
        Field f = c.getDeclaredField(name); // package-private in the step: read, not widened for a test
        f.setAccessible(true);
        return f.get(null);
    }
}
