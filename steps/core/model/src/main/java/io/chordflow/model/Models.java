package io.chordflow.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.chordflow.common.Seeds;
import io.chordflow.model.btc.Btc;
import io.chordflow.model.chordnet.ChordNet;
import io.chordflow.model.perceiver.PerceiverTf;

/** Builds and initialises the block for a {@link ModelConfig}. */
public final class Models {
    private Models() {
    }

    /** An uninitialised block. */
    public static Block create(ModelConfig config) {
        EngineInfo.once();
        return switch (config.arch()) {
            case ModelConfig.BTC -> new Btc(config);
            case ModelConfig.PERCEIVER_TF -> new PerceiverTf(config);
            default -> new ChordNet(config);
        };
    }

    /** A block with seeded initial weights in {@code manager}: same seed, same weights. */
    public static Block initialized(ModelConfig config, NDManager manager, long seed) {
        Block block = create(config);
        seedEngine(seed, "init");
        block.initialize(manager, DataType.FLOAT32, new Shape(1, config.timestep(), config.featureSize()));
        return block;
    }

    /** Seeds libtorch's generator (weight init, dropout masks) for one purpose. */
    public static void seedEngine(long seed, String purpose) {
        Engine.getInstance().setRandomSeed((int) (Seeds.derive(seed, purpose) & 0x7fffffff));
    }

    public static long parameterCount(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            n += p.getValue().getArray().size();
        }
        return n;
    }

    /** Parameter count of {@code config} (builds it in a throw-away manager). */
    public static long parameterCount(ModelConfig config) {
        try (NDManager m = NDManager.newBaseManager()) {
            return parameterCount(initialized(config, m, 0));
        }
    }
}
