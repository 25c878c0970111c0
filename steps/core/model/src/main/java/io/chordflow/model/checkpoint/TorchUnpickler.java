package io.chordflow.model.checkpoint;

import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * The pickle inside a {@code torch.save} file, read with Pyrolite ({@code net.razorvine:pickle}, the
 * well-kept Java unpickler on Maven Central: all protocols, BUILD via {@code __setstate__}, and the two
 * hooks PyTorch needs, {@code persistent_load} and constructors for named globals). Hand-writing an
 * unpickler would duplicate it; DJL's own PyTorch loader reads TorchScript only, not a pickled state_dict.
 *
 * <p>Globals mapped here: {@code torch._utils._rebuild_tensor_v2} (and v1, {@code _rebuild_parameter}) to
 * {@link TorchTensor}, {@code torch.*Storage} to their {@link TorchDtype}, {@code collections.OrderedDict}
 * to {@link PyOrderedDict}, numpy arrays, scalars and dtypes to {@link NumpyArray}. A persistent id
 * {@code ('storage', type, key, location, numel[, view])} becomes the {@link TorchStorage} of {@code key}
 * (one object per key, shared by all tensors that view it); its bytes are attached by the caller.
 */
final class TorchUnpickler extends Unpickler {
    static {
        for (TorchDtype t : TorchDtype.values()) {
            Unpickler.registerConstructor("torch", t.storageClass(), new StorageType(t));
        }
        Unpickler.registerConstructor("torch._utils", "_rebuild_tensor_v2", TorchUnpickler::tensor);
        Unpickler.registerConstructor("torch._utils", "_rebuild_tensor", TorchUnpickler::tensor);
        Unpickler.registerConstructor("torch._utils", "_rebuild_parameter", a -> a[0]);
        Unpickler.registerConstructor("collections", "OrderedDict", TorchUnpickler::orderedDict);
        for (String core : List.of("numpy.core.multiarray", "numpy._core.multiarray")) {
            Unpickler.registerConstructor(core, "_reconstruct", a -> new NumpyArray());
            Unpickler.registerConstructor(core, "scalar", a -> NumpyArray.scalar((NumpyArray.Dtype) a[0], (byte[]) a[1]));
        }
        Unpickler.registerConstructor("numpy", "dtype", a -> new NumpyArray.Dtype((String) a[0]));
        Unpickler.registerConstructor("numpy", "ndarray", a -> {
            throw new PickleException("numpy.ndarray is only a _reconstruct argument");
        });
    }

    private final Map<String, TorchStorage> storages;

    /** @param storages filled with each storage the pickle names, by key */
    TorchUnpickler(Map<String, TorchStorage> storages) {
        this.storages = storages;
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] t) || t.length < 5 || !"storage".equals(t[0])) {
            throw new PickleException("unknown persistent id " + describe(pid));
        }
        if (!(t[1] instanceof StorageType type)) {
            throw new PickleException("unknown storage type " + describe(t[1]));
        }
        if (t.length > 5 && t[5] != null) {
            throw new PickleException("storage views (torch < 0.4 checkpoints) are not supported");
        }
        String key = String.valueOf(t[2]);
        TorchStorage s = storages.computeIfAbsent(key, k -> new TorchStorage(k, type.dtype));
        if (s.dtype() != type.dtype) {
            throw new PickleException("storage " + key + " is both " + s.dtype() + " and " + type.dtype);
        }
        return s;
    }

    private static Object tensor(Object[] a) {
        if (a.length < 4 || !(a[0] instanceof TorchStorage s)) {
            throw new PickleException("_rebuild_tensor without a storage");
        }
        return new TorchTensor(s, ((Number) a[1]).longValue(), longs(a[2]), longs(a[3]));
    }

    private static Object orderedDict(Object[] a) {
        PyOrderedDict d = new PyOrderedDict();
        if (a.length == 1 && a[0] instanceof List<?> items) { // OrderedDict([(k, v), ...])
            for (Object item : items) {
                Object[] kv = item instanceof Object[] o ? o : ((List<?>) item).toArray();
                d.put(kv[0], kv[1]);
            }
        }
        return d;
    }

    private static long[] longs(Object tuple) {
        Object[] t = (Object[]) tuple;
        long[] out = new long[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = ((Number) t[i]).longValue();
        }
        return out;
    }

    private static String describe(Object o) {
        return o instanceof Object[] a ? java.util.Arrays.deepToString(a) : String.valueOf(o);
    }

    /** The value a {@code torch.FloatStorage}-like global unpickles to: only ever an argument of a persistent id. */
    record StorageType(TorchDtype dtype) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("torch." + dtype.storageClass() + " is only a storage type tag");
        }
    }
}
