package io.chordflow.workflows.plan;

/**
 * One DAG task's estimate: CPU-hours on the CPU pool or device-hours on the GPU pool, bytes it
 * writes (-1: not estimated), its peak memory per pod and that pod's memory limit (0: none set).
 *
 * @param data how a training task holds its songs: {@code memory}, {@code streamed}, or empty
 */
public record StepCost(String task, String step, boolean gpu, double hours, long bytesWritten, long peakBytes,
                       long limitBytes, String data) {
    /** Whether the estimate is above the pod's limit. */
    public boolean overLimit() {
        return limitBytes > 0 && peakBytes > limitBytes;
    }
}
