package io.chordflow.model.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.chordflow.common.InputException;
import io.chordflow.common.io.AtomicFiles;
import io.chordflow.common.io.Json;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A resumable snapshot in one file, written atomically (a kill mid-write leaves the previous
 * one): magic, format version, {@link TrainingState} as JSON, the block's parameters (DJL's
 * encoding), then the AdamW step count and first/second moments per parameter as float32.
 */
public final class Checkpoint {
    public static final String FILE = "checkpoint.bin";
    private static final int MAGIC = 0x43464350; // "CFCP"
    private static final int VERSION = 1;

    /**
     * Test hook ({@code ResumeAfterKillTest}): {@code -Dchordflow.test.checkpoint-pause=N:FILE} makes the N-th save
     * of this process stop half-way through the file (weights written, moments not), create FILE and wait there,
     * so that a test can kill the process inside a checkpoint write.
     */
    static final String PAUSE_PROPERTY = "chordflow.test.checkpoint-pause";
    private static final String PAUSE = System.getProperty(PAUSE_PROPERTY);
    private static int saves;

    private Checkpoint() {
    }

    public static void save(Path file, TrainingState state, Block block, AdamW optimizer) throws IOException {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            byte[] json = Json.MAPPER.writeValueAsBytes(state);
            out.writeInt(json.length);
            out.write(json);
            block.saveParameters(out);
            pauseIfAsked(out);
            out.writeLong(optimizer.steps());
            writeArrays(out, optimizer.firstMoments());
            writeArrays(out, optimizer.secondMoments());
            out.flush();
        });
    }

    private static void pauseIfAsked(DataOutputStream out) throws IOException {
        if (PAUSE == null) {
            return;
        }
        int colon = PAUSE.indexOf(':');
        if (++saves != Integer.parseInt(PAUSE.substring(0, colon))) {
            return;
        }
        out.flush();
        Files.writeString(Path.of(PAUSE.substring(colon + 1)), "paused in save " + saves);
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted in a paused checkpoint write", e);
        }
    }

    /** Loads weights into {@code block} and moments into {@code optimizer}; returns the state. */
    public static TrainingState load(Path file, NDManager manager, Block block, AdamW optimizer, List<Parameter> params)
            throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new InputException(file + ": not a chordflow checkpoint");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new InputException(file + ": checkpoint format version " + version + " is not supported (expected " + VERSION + ")");
            }
            byte[] json = new byte[in.readInt()];
            in.readFully(json);
            TrainingState state = Json.MAPPER.readValue(json, TrainingState.class);
            block.loadParameters(manager, in);
            for (Parameter p : params) {
                p.getArray().setRequiresGradient(true);
            }
            long steps = in.readLong();
            float[][] first = readArrays(in, params.size());
            float[][] second = readArrays(in, params.size());
            optimizer.restore(steps, first, second);
            return state;
        } catch (MalformedModelException e) {
            throw new InputException(file + ": weights do not fit this model: " + e.getMessage(), e);
        }
    }

    private static void writeArrays(DataOutputStream out, List<NDArray> arrays) throws IOException {
        for (NDArray a : arrays) {
            float[] v = a.toFloatArray();
            out.writeInt(v.length);
            for (float f : v) {
                out.writeFloat(f);
            }
        }
    }

    private static float[][] readArrays(DataInputStream in, int count) throws IOException {
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            out[i] = new float[in.readInt()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = in.readFloat();
            }
        }
        return out;
    }
}
