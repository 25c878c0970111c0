package io.chordflow.model.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One storage of a checkpoint: its key and element type from the pickle's persistent id, its bytes
 * attached when the container has been read (the legacy format stores them after the pickle).
 */
public final class TorchStorage {
    private final String key;
    private final TorchDtype dtype;
    private ByteBuffer data;

    TorchStorage(String key, TorchDtype dtype) {
        this.key = key;
        this.dtype = dtype;
    }

    public String key() {
        return key;
    }

    public TorchDtype dtype() {
        return dtype;
    }

    void attach(byte[] bytes) {
        data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Elements held (0 until the bytes are attached). */
    public long size() {
        return data == null ? 0 : data.capacity() / dtype.bytes();
    }

    double get(long i) {
        if (data == null) {
            throw new IllegalStateException("storage " + key + " has no data");
        }
        return dtype.get(data, i);
    }
}
