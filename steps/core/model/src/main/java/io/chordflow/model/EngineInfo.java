package io.chordflow.model;

import ai.djl.engine.Engine;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per process naming the deep-learning engine and the device it computes on,
 * in place of DJL's CUDA probe warnings ("CUDA driver version is insufficient", twice), which
 * the shipped logback.xml silences: on a machine without a usable GPU they are expected.
 */
public final class EngineInfo {
    private static final Logger log = LoggerFactory.getLogger(EngineInfo.class);
    private static final AtomicBoolean DONE = new AtomicBoolean();

    private EngineInfo() {
    }

    /** Logs the line the first time it is called. */
    public static void once() {
        if (DONE.compareAndSet(false, true)) {
            Engine e = Engine.getInstance();
            int gpus = e.getGpuCount();
            log.info("engine {} {} on {}{}", e.getEngineName(), e.getVersion(), e.defaultDevice(),
                    gpus == 0 ? " (no usable GPU)" : " (" + gpus + " GPU" + (gpus > 1 ? "s" : "") + ")");
        }
    }
}
