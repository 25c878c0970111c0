package io.chordflow.common.io;

import io.chordflow.common.InputException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * numpy's {@code .npy} format, version 1.0, for 1-D and 2-D arrays of little-endian float32
 * ({@code <f4}), float16 ({@code <f2}) and int32 ({@code <i4}), C order. Written files open with
 * {@code numpy.load}; the header is padded to a multiple of 64 bytes as numpy does, so the same
 * array always gives the same bytes. Hand-written: no maintained Java library reads and writes
 * npy without pulling a whole array framework.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<>|]?[a-z]\\d+)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /** The element types chordflow writes. */
    public enum DType {
        FLOAT32("<f4", 4), FLOAT16("<f2", 2), INT32("<i4", 4);

        final String descr;
        final int size;

        DType(String descr, int size) {
            this.descr = descr;
            this.size = size;
        }

        static DType of(String descr, Object file) {
            for (DType t : values()) {
                if (t.descr.equals(descr)) {
                    return t;
                }
            }
            throw new InputException(file + ": npy dtype '" + descr + "' is not supported (expected <f4, <f2 or <i4)");
        }
    }

    /** A read array: shape and values as float (int32 values are exact up to 2^24). */
    public record Array(int[] shape, float[] data, DType dtype) {
        public int rows() {
            return shape.length == 0 ? 1 : shape[0];
        }

        public int cols() {
            return shape.length < 2 ? 1 : shape[1];
        }

        /** Row {@code r} of a 2-D array (a copy). */
        public float[] row(int r) {
            return Arrays.copyOfRange(data, r * cols(), (r + 1) * cols());
        }

        public int[] asInts() {
            int[] out = new int[data.length];
            for (int i = 0; i < data.length; i++) {
                out[i] = (int) data[i];
            }
            return out;
        }
    }

    private Npy() {
    }

    public static void writeFloat32(Path file, float[] data, int... shape) throws IOException {
        write(file, DType.FLOAT32, data, null, shape);
    }

    public static void writeFloat16(Path file, float[] data, int... shape) throws IOException {
        write(file, DType.FLOAT16, data, null, shape);
    }

    public static void writeInt32(Path file, int[] data, int... shape) throws IOException {
        write(file, DType.INT32, null, data, shape);
    }

    private static void write(Path file, DType type, float[] f, int[] n, int[] shape) throws IOException {
        long count = 1;
        for (int s : shape) {
            count *= s;
        }
        int len = f != null ? f.length : n.length;
        if (count != len) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + count + " values, got " + len);
        }
        byte[] header = header(type, shape);
        ByteBuffer body = ByteBuffer.allocate(len * type.size).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < len; i++) {
            switch (type) {
                case FLOAT32 -> body.putFloat(f[i]);
                case FLOAT16 -> body.putShort(Half.fromFloat(f[i]));
                case INT32 -> body.putInt(n[i]);
            }
        }
        AtomicFiles.write(file, out -> {
            out.write(header);
            out.write(body.array());
        });
    }

    static byte[] header(DType type, int[] shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(shape[i]).append(shape.length == 1 ? "," : (i + 1 < shape.length ? ", " : ""));
        }
        s.append(')');
        String dict = "{'descr': '" + type.descr + "', 'fortran_order': False, 'shape': " + s + ", }";
        // numpy (>= 1.24) leaves room for the first axis to grow to 21 digits, then pads to 64 bytes
        if (shape.length > 0) {
            dict += " ".repeat(21 - Integer.toString(shape[0]).length());
        }
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String text = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        b.put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    public static Array read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file);
        }
    }

    /** Reads from a stream; {@code name} is used in error messages. */
    public static Array read(InputStream raw, Object name) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        byte[] magic = new byte[6];
        try {
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new InputException(name + ": not an npy file (bad magic)");
            }
            int major = in.readUnsignedByte();
            in.readUnsignedByte();
            int headerLen;
            if (major == 1) {
                headerLen = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            } else if (major == 2 || major == 3) {
                headerLen = Integer.reverseBytes(in.readInt());
            } else {
                throw new InputException(name + ": npy format version " + major + " is not supported");
            }
            byte[] hb = new byte[headerLen];
            in.readFully(hb);
            String header = new String(hb, StandardCharsets.US_ASCII);
            DType type = DType.of(group(DESCR, header, "descr", name), name);
            if (group(ORDER, header, "fortran_order", name).equals("True")) {
                throw new InputException(name + ": fortran_order arrays are not supported");
            }
            int[] shape = Arrays.stream(group(SHAPE, header, "shape", name).split(","))
                    .map(String::strip).filter(x -> !x.isEmpty()).mapToInt(Integer::parseInt).toArray();
            long count = 1;
            for (int s : shape) {
                count *= s;
            }
            byte[] body = new byte[Math.toIntExact(count * type.size)];
            in.readFully(body);
            ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
            float[] data = new float[(int) count];
            for (int i = 0; i < data.length; i++) {
                data[i] = switch (type) {
                    case FLOAT32 -> b.getFloat();
                    case FLOAT16 -> Half.toFloat(b.getShort());
                    case INT32 -> b.getInt();
                };
            }
            return new Array(shape, data, type);
        } catch (java.io.EOFException e) {
            throw new InputException(name + ": npy file is truncated", e);
        }
    }

    private static String group(Pattern p, String header, String field, Object name) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new InputException(name + ": npy header has no '" + field + "'");
        }
        return m.group(1);
    }
}
