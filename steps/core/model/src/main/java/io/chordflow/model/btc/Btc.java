package io.chordflow.model.btc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.nn.BtcLayerNorm;
import io.chordflow.model.nn.Module;
import io.chordflow.model.nn.TimingSignal;

/**
 * BTC, the Bi-directional Transformer for Chord recognition (Park et al., ISMIR 2019), as the
 * authors' code builds it: input dropout, linear {@code F -> H} without bias, plus the timing
 * signal; {@code layers} bi-directional layers; LayerNorm; linear {@code H -> classes}.
 * Input {@code [B,T,F]} normalised features, output {@code [B,T,classes]} logits (the
 * log-softmax is applied by the losses and by inference).
 *
 * <p>Parameters: with 170 classes and the original sizes this block has 2,937,514 parameters.
 * The original's {@code OutputLayer} also creates a BiLSTM (128 -> 2x64) that its forward never
 * uses; those 99,328 parameters make the published 3,036,842. We leave the unused LSTM out (it
 * would only add dead weights to every checkpoint); {@link #ORIGINAL_UNUSED_LSTM_PARAMS} records
 * the difference, and loading a real BTC checkpoint simply skips the {@code lstm.*} tensors.
 */
public final class Btc extends Module {
    public static final float LN_EPS = 1e-6f;
    /** 2 directions x (4 gates x 64 x (128 + 64) weights + 2 x 4 x 64 biases). */
    public static final long ORIGINAL_UNUSED_LSTM_PARAMS = 2L * (4 * 64 * (128 + 64) + 2 * 4 * 64);

    private final Dropout inputDropout;
    private final Linear embedding;
    private final BiDirectionalLayer[] layers;
    private final BtcLayerNorm norm;
    private final Linear outputProjection;
    private final ModelConfig config;

    public Btc(ModelConfig c) {
        this.config = c;
        inputDropout = addChildBlock("input_dropout", Dropout.builder().optRate(c.dropout().floatValue()).build());
        embedding = addChildBlock("embedding_proj", Linear.builder().setUnits(c.hidden()).optBias(false).build());
        layers = new BiDirectionalLayer[c.layers()];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = addChildBlock("layer" + i, new BiDirectionalLayer(c));
        }
        norm = addChildBlock("layer_norm", new BtcLayerNorm(c.hidden(), LN_EPS));
        outputProjection = addChildBlock("output_projection", Linear.builder().setUnits(c.classes()).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray features = inputs.singletonOrThrow();
        int frames = (int) features.getShape().get(1);
        NDArray x = apply(embedding, ps, apply(inputDropout, ps, features, training), training);
        x = x.add(TimingSignal.create(features.getManager(), frames, config.hidden()));
        for (BiDirectionalLayer layer : layers) {
            x = apply(layer, ps, x, training);
        }
        return new NDList(apply(outputProjection, ps, apply(norm, ps, x, training), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {lastDim(inputShapes[0], config.classes())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = new Shape(1, 8, config.hidden());
        inputDropout.initialize(manager, dataType, inputShapes);
        embedding.initialize(manager, dataType, new Shape(1, 8, config.featureSize()));
        for (BiDirectionalLayer layer : layers) {
            layer.initialize(manager, dataType, hidden);
        }
        norm.initialize(manager, dataType, hidden);
        outputProjection.initialize(manager, dataType, hidden);
    }
}
