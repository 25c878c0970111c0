package io.chordflow.model.checkpoint;

import java.util.HashMap;
import java.util.LinkedHashMap;

/**
 * {@code collections.OrderedDict} (a state_dict). The order is NOT Python's: Pyrolite's SETITEMS
 * collects each batch in a HashMap before adding it, so readers look tensors up by name. A state_dict
 * pickles its {@code _metadata} attribute as state; we have no use for it.
 */
public final class PyOrderedDict extends LinkedHashMap<Object, Object> {
    private static final long serialVersionUID = 1L;

    /** Called by the unpickler's BUILD. */
    public void __setstate__(HashMap<?, ?> state) {
        // _metadata (module versions) is not needed to read the tensors
    }
}
