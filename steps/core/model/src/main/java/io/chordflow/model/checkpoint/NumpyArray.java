package io.chordflow.model.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A numpy array or scalar as numpy pickles it: {@code numpy.core.multiarray._reconstruct} then BUILD
 * with {@code (version, shape, dtype, fortran_order, raw bytes)}, or {@code numpy.core.multiarray.scalar(dtype,
 * raw bytes)} (shape {@code []}). Numeric kinds only ({@code f2 f4 f8 i1..i8 u1..u8 b1}).
 */
public final class NumpyArray {
    private long[] shape = new long[0];
    private boolean fortran;
    private Dtype dtype;
    private byte[] data;

    NumpyArray() {
    }

    static NumpyArray scalar(Dtype dtype, byte[] data) {
        NumpyArray a = new NumpyArray();
        a.dtype = dtype;
        a.data = data;
        return a;
    }

    /** Called by the unpickler's BUILD. */
    public void __setstate__(Object[] state) {
        int i = state.length == 5 ? 1 : 0; // (version, shape, dtype, fortran, data) or the old form without version
        Object[] dims = (Object[]) state[i];
        shape = new long[dims.length];
        for (int d = 0; d < dims.length; d++) {
            shape[d] = ((Number) dims[d]).longValue();
        }
        dtype = (Dtype) state[i + 1];
        fortran = Boolean.TRUE.equals(state[i + 2]);
        if (!(state[i + 3] instanceof byte[] b)) {
            throw new IllegalArgumentException("numpy array of dtype " + dtype.code + " is not numeric");
        }
        data = b;
    }

    public long[] shape() {
        return shape;
    }

    public long size() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** Values in row-major order. */
    public double[] values() {
        int n = Math.toIntExact(size());
        ByteBuffer b = ByteBuffer.wrap(data).order(dtype.bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        double[] flat = new double[n];
        for (int i = 0; i < n; i++) {
            flat[i] = dtype.get(b, i);
        }
        if (!fortran || shape.length < 2) {
            return flat;
        }
        double[] out = new double[n]; // column-major to row-major
        long[] idx = new long[shape.length];
        for (int i = 0; i < n; i++) {
            long f = 0;
            long m = 1;
            for (int d = 0; d < shape.length; d++) {
                f += idx[d] * m;
                m *= shape[d];
            }
            out[i] = flat[(int) f];
            for (int d = shape.length - 1; d >= 0 && ++idx[d] == shape[d]; d--) {
                idx[d] = 0;
            }
        }
        return out;
    }

    /** {@code numpy.dtype(code, align, copy)} and its BUILD state {@code (version, byteorder, ...)}. */
    public static final class Dtype {
        final String code;
        boolean bigEndian;

        Dtype(String code) {
            this.code = code;
        }

        /** Called by the unpickler's BUILD. */
        public void __setstate__(Object[] state) {
            bigEndian = state.length > 1 && ">".equals(state[1]);
        }

        double get(ByteBuffer b, int i) {
            return switch (code) {
                case "f8" -> b.getDouble(i * 8);
                case "f4" -> b.getFloat(i * 4);
                case "f2" -> io.chordflow.common.io.Half.toFloat(b.getShort(i * 2));
                case "i8", "u8" -> b.getLong(i * 8);
                case "i4" -> b.getInt(i * 4);
                case "u4" -> b.getInt(i * 4) & 0xffffffffL;
                case "i2" -> b.getShort(i * 2);
                case "u2" -> b.getShort(i * 2) & 0xffff;
                case "i1" -> b.get(i);
                case "u1", "b1" -> b.get(i) & 0xff;
                default -> throw new IllegalArgumentException("numpy dtype '" + code + "' is not supported");
            };
        }
    }
}
