package io.chordflow.common.io.shard;

import com.fasterxml.jackson.annotation.JsonValue;

/** The element types of a shard, with their header codes and numpy names. */
public enum ShardDType {
    FLOAT32(1, 4, "<f4"), FLOAT16(2, 2, "<f2"), INT32(3, 4, "<i4");

    private final int code;
    private final int size;
    private final String numpy;

    ShardDType(int code, int size, String numpy) {
        this.code = code;
        this.size = size;
        this.numpy = numpy;
    }

    public int code() {
        return code;
    }

    public int size() {
        return size;
    }

    @JsonValue
    public String numpy() {
        return numpy;
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static ShardDType of(String numpy) {
        for (ShardDType t : values()) {
            if (t.numpy.equals(numpy)) {
                return t;
            }
        }
        throw new IllegalArgumentException("dtype '" + numpy + "': expected <f4, <f2 or <i4");
    }
}
