package io.chordflow.model.checkpoint;

import io.chordflow.common.InputException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import net.razorvine.pickle.PickleException;

/**
 * Reads a file written by {@code torch.save} into plain Java objects: dicts as {@link Map}s
 * ({@link PyOrderedDict} for a state_dict), lists, tuples as {@code Object[]}, numbers, strings,
 * tensors as {@link TorchTensor}, numpy values as {@link NumpyArray}. Both formats:
 * <ul>
 * <li>zip (torch >= 1.6's default): {@code PREFIX/data.pkl} is the pickle, storage {@code k} is the
 * entry {@code PREFIX/data/k} (raw little-endian elements);</li>
 * <li>legacy ({@code _use_new_zipfile_serialization=False}, every 2019 checkpoint): five pickles and
 * the raw storages in one stream: the magic number {@value #LEGACY_MAGIC_HEX} (hex), the protocol
 * version 1001, sys_info ({@code little_endian} must be true), the object itself, the sorted list of
 * storage keys; then for each key an int64 element count and the elements.</li>
 * </ul>
 * Anything else (a TorchScript archive, the pre-0.4 tar format, a truncated file) is an
 * {@link InputException} naming the file.
 */
public final class TorchCheckpoint {
    static final String LEGACY_MAGIC_HEX = "1950a86a20f9469cfc6c";
    private static final BigInteger LEGACY_MAGIC = new BigInteger(LEGACY_MAGIC_HEX, 16);
    private static final int LEGACY_PROTOCOL = 1001;

    private TorchCheckpoint() {
    }

    /** The object {@code torch.save} pickled, with every tensor's storage loaded. */
    public static Object read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": checkpoint file does not exist");
        }
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 4) {
                throw new InputException(file + ": not a PyTorch checkpoint (shorter than 4 bytes)");
            }
        }
        try {
            if (head[0] == 'P' && head[1] == 'K') {
                return readZip(file);
            }
            if ((head[0] & 0xff) == 0x80) {
                return readLegacy(file);
            }
        } catch (PickleException | ClassCastException | IllegalArgumentException | IllegalStateException
                 | ArrayIndexOutOfBoundsException | EOFException | ZipException e) {
            throw new InputException(file + ": not a readable PyTorch checkpoint: " + e.getMessage(), e);
        } catch (IOException e) {
            if (e.getClass() == IOException.class && String.valueOf(e.getMessage()).startsWith("premature end")) {
                throw new InputException(file + ": truncated PyTorch checkpoint (" + e.getMessage() + ")", e);
            }
            throw e;
        }
        throw new InputException(file + ": not a PyTorch checkpoint (neither a torch.save zip nor a legacy pickle)");
    }

    private static Object readZip(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry pkl = Collections.list(zip.entries()).stream()
                    .filter(e -> e.getName().endsWith("data.pkl") && e.getName().indexOf('/') == e.getName().lastIndexOf('/'))
                    .findFirst()
                    .orElseThrow(() -> new InputException(file + ": zip without data.pkl, not a torch.save checkpoint"
                            + (zip.getEntry(firstDir(zip) + "constants.pkl") != null ? " (a TorchScript archive?)" : "")));
            String prefix = pkl.getName().substring(0, pkl.getName().length() - "data.pkl".length());
            ZipEntry order = zip.getEntry(prefix + "byteorder");
            if (order != null) {
                String o = new String(zip.getInputStream(order).readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
                if (!o.equals("little")) {
                    throw new InputException(file + ": byteorder " + o + " is not supported (little-endian only)");
                }
            }
            Map<String, TorchStorage> storages = new LinkedHashMap<>();
            Object root;
            try (InputStream in = new BufferedInputStream(zip.getInputStream(pkl))) {
                root = new TorchUnpickler(storages).load(in);
            }
            for (TorchStorage s : storages.values()) {
                ZipEntry e = zip.getEntry(prefix + "data/" + s.key());
                if (e == null) {
                    throw new InputException(file + ": storage " + s.key() + " is missing (" + prefix + "data/" + s.key() + ")");
                }
                try (InputStream in = zip.getInputStream(e)) {
                    s.attach(in.readAllBytes());
                }
            }
            return root;
        }
    }

    private static String firstDir(ZipFile zip) {
        String n = zip.entries().hasMoreElements() ? zip.entries().nextElement().getName() : "";
        int slash = n.indexOf('/');
        return slash < 0 ? "" : n.substring(0, slash + 1);
    }

    private static Object readLegacy(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file); BufferedInputStream in = new BufferedInputStream(raw, 1 << 16)) {
            Object magic = new TorchUnpickler(new LinkedHashMap<>()).load(in);
            if (!(magic instanceof Number n) || !LEGACY_MAGIC.equals(new BigInteger(n.toString()))) {
                throw new InputException(file + ": a pickle, but not a torch.save checkpoint (no magic number)");
            }
            Object protocol = new TorchUnpickler(new LinkedHashMap<>()).load(in);
            if (!(protocol instanceof Number p) || p.intValue() != LEGACY_PROTOCOL) {
                throw new InputException(file + ": legacy checkpoint protocol " + protocol + " is not supported (expected 1001)");
            }
            Object sysInfo = new TorchUnpickler(new LinkedHashMap<>()).load(in);
            if (sysInfo instanceof Map<?, ?> info && Boolean.FALSE.equals(info.get("little_endian"))) {
                throw new InputException(file + ": written on a big-endian machine, not supported");
            }
            Map<String, TorchStorage> storages = new LinkedHashMap<>();
            Object root = new TorchUnpickler(storages).load(in);
            Object keys = new TorchUnpickler(new LinkedHashMap<>()).load(in);
            List<String> order = new ArrayList<>();
            for (Object k : (List<?>) keys) {
                order.add(String.valueOf(k));
            }
            DataInputStream data = new DataInputStream(in);
            byte[] count = new byte[8];
            for (String key : order) {
                TorchStorage s = storages.get(key);
                if (s == null) {
                    throw new InputException(file + ": storage " + key + " is listed but no tensor uses it");
                }
                data.readFully(count);
                long numel = ByteBuffer.wrap(count).order(ByteOrder.LITTLE_ENDIAN).getLong();
                long bytes = numel * s.dtype().bytes();
                if (numel < 0 || bytes > Integer.MAX_VALUE - 8) {
                    throw new InputException(file + ": storage " + key + " claims " + numel + " elements");
                }
                byte[] b = new byte[(int) bytes];
                data.readFully(b);
                s.attach(b);
            }
            for (TorchStorage s : storages.values()) {
                if (!order.contains(s.key())) {
                    throw new InputException(file + ": storage " + s.key() + " is missing");
                }
            }
            return root;
        }
    }
}
