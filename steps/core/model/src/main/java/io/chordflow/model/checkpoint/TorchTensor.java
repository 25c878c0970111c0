package io.chordflow.model.checkpoint;

import java.util.Arrays;

/**
 * A tensor of a checkpoint, as {@code torch._utils._rebuild_tensor_v2} describes it: a view of
 * {@code shape} into a storage from element {@code offset} with {@code stride} (elements per step of
 * each dimension). {@link #values()} gathers it in row-major (C) order, so transposed and sliced
 * views read as what PyTorch shows.
 */
public record TorchTensor(TorchStorage storage, long offset, long[] shape, long[] stride) {
    public TorchTensor {
        if (shape.length != stride.length) {
            throw new IllegalArgumentException("tensor with " + shape.length + " sizes and " + stride.length + " strides");
        }
    }

    public TorchDtype dtype() {
        return storage.dtype();
    }

    public long numel() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** Row-major values: {@code out[sum_d i_d * prod_{e>d} shape_e] = storage[offset + sum_d i_d * stride_d]}. */
    public double[] values() {
        int n = Math.toIntExact(numel());
        double[] out = new double[n];
        if (n == 0) {
            return out;
        }
        long last = offset;
        for (int d = 0; d < shape.length; d++) {
            last += (shape[d] - 1) * stride[d];
        }
        if (offset < 0 || last >= storage.size()) {
            throw new IllegalArgumentException("tensor view " + Arrays.toString(shape) + " at offset " + offset
                    + " with strides " + Arrays.toString(stride) + " reaches past its storage of " + storage.size()
                    + " elements");
        }
        long[] index = new long[shape.length];
        long at = offset;
        for (int i = 0; i < n; i++) {
            out[i] = storage.get(at);
            for (int d = shape.length - 1; d >= 0; d--) { // odometer over the indices, last dimension fastest
                index[d]++;
                at += stride[d];
                if (index[d] < shape[d]) {
                    break;
                }
                at -= index[d] * stride[d];
                index[d] = 0;
            }
        }
        return out;
    }

    public float[] floats() {
        double[] v = values();
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    public String shapeText() {
        return Arrays.toString(shape);
    }
}
