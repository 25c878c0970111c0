package io.chordflow.model.checkpoint;

import io.chordflow.common.io.Half;
import java.nio.ByteBuffer;

/** The element types a PyTorch storage class names ({@code torch.FloatStorage} ...), little-endian. */
public enum TorchDtype {
    FLOAT32("FloatStorage", 4), FLOAT64("DoubleStorage", 8), FLOAT16("HalfStorage", 2), BFLOAT16("BFloat16Storage", 2),
    INT64("LongStorage", 8), INT32("IntStorage", 4), INT16("ShortStorage", 2), INT8("CharStorage", 1),
    UINT8("ByteStorage", 1), BOOL("BoolStorage", 1);

    private final String storageClass;
    private final int bytes;

    TorchDtype(String storageClass, int bytes) {
        this.storageClass = storageClass;
        this.bytes = bytes;
    }

    /** {@code torch.<this>}: the class name pickles use for a storage of this type. */
    public String storageClass() {
        return storageClass;
    }

    public int bytes() {
        return bytes;
    }

    /** Element {@code i} of a little-endian buffer, as a double (exact for every type here but large int64). */
    double get(ByteBuffer b, long i) {
        int at = Math.toIntExact(i * bytes);
        return switch (this) {
            case FLOAT32 -> b.getFloat(at);
            case FLOAT64 -> b.getDouble(at);
            case FLOAT16 -> Half.toFloat(b.getShort(at));
            case BFLOAT16 -> Float.intBitsToFloat((b.getShort(at) & 0xffff) << 16);
            case INT64 -> b.getLong(at);
            case INT32 -> b.getInt(at);
            case INT16 -> b.getShort(at);
            case INT8 -> b.get(at);
            case UINT8, BOOL -> b.get(at) & 0xff;
        };
    }
}
