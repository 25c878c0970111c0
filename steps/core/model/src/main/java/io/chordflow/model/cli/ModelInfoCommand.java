package io.chordflow.model.cli;

import io.chordflow.common.cli.CliCommand;
import io.chordflow.common.io.Json;
import io.chordflow.model.ModelConfig;
import io.chordflow.model.Models;
import io.chordflow.model.btc.Btc;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chordflow model-info}: the sizes (layers, width, heads, feed-forward) and parameter count of an
 * architecture, as JSON; from flags, or from a training config ({@code --config}: its {@code model:} block and
 * {@code task:}), so that each noisy-student round's growth (knowledge expansion) can be read off. Flags given
 * with {@code --config} override its values.
 */
@Command(name = "model-info", mixinStandardHelpOptions = true,
        description = "Print an architecture's sizes and parameter count as JSON.")
public final class ModelInfoCommand implements CliCommand, Callable<Integer> {
    @Option(names = "--arch", description = "btc, 2e1d or perceiver-tf (default btc, or the config's)") String arch;
    @Option(names = "--config", description = "a training config (JSON/YAML): its model block and task") java.nio.file.Path config;
    @Option(names = "--classes", description = "output classes (default 170)") Integer classes;
    @Option(names = "--feature-size", description = "input bins (default 144)") Integer featureSize;
    @Option(names = "--hidden", description = "BTC width (default 128)") Integer hidden;
    @Option(names = "--layers", description = "BTC layers (8) / 2E1D temporal-encoder layers (5)") Integer layers;
    @Option(names = "--heads", description = "attention heads (BTC 4, 2E1D 8)") Integer heads;
    @Option(names = "--filter", description = "feed-forward width (BTC 128, 2E1D 576)") Integer filter;
    @Option(names = "--timestep", description = "frames per window (108)") Integer timestep;
    @Option(names = "--freq-layers", description = "2E1D frequency-encoder layers (5)") Integer freqLayers;
    @Option(names = "--freq-heads", description = "2E1D frequency-encoder heads (2)") Integer freqHeads;
    @Option(names = "--freq-groups", description = "2E1D bin groups per frame (12)") Integer freqGroups;
    @Option(names = "--decoder-layers", description = "2E1D decoder layers (5)") Integer decoderLayers;
    @picocli.CommandLine.Mixin PerceiverOptions perceiver;

    @Override
    public Integer call() throws Exception {
        ModelConfig base = null;
        String task = "chord";
        if (config != null) {
            io.chordflow.model.train.TrainConfig tc = io.chordflow.model.train.TrainConfig.read(config, "stage1");
            base = tc.model();
            task = tc.task().lowerName();
        }
        ModelConfig c = base == null
                ? new ModelConfig(arch, classes, featureSize, hidden, layers, heads, filter, null, timestep, freqLayers,
                        freqHeads, freqGroups, decoderLayers)
                : new ModelConfig(or(arch, base.arch()), or(classes, base.classes()), or(featureSize, base.featureSize()),
                        or(hidden, base.arch().equals(ModelConfig.CHORDNET) ? null : base.hidden()), or(layers, base.layers()), or(heads, base.heads()),
                        or(filter, base.filter()), base.dropout(), or(timestep, base.timestep()),
                        or(freqLayers, base.isBtc() ? null : base.freqLayers()), or(freqHeads, base.isBtc() ? null : base.freqHeads()),
                        or(freqGroups, base.isBtc() ? null : base.freqGroups()),
                        or(decoderLayers, base.isBtc() ? null : base.decoderLayers()));
        if (c.arch().equals(ModelConfig.PERCEIVER_TF)) {
            c = new ModelConfig(c.arch(), c.classes(), c.featureSize(), c.hidden(), c.layers(), c.heads(), c.filter(),
                    c.dropout(), c.timestep(), null, null, null, null, perceiver.over(base == null ? null : base.perceiver()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("arch", c.arch());
        out.put("task", task);
        out.put("layers", c.layers());
        out.put("hidden", c.hidden());
        out.put("heads", c.heads());
        out.put("filter", c.filter());
        out.put("classes", c.classes());
        out.put("params", Models.parameterCount(c));
        if (c.isBtc()) {
            out.put("original_unused_lstm_params", Btc.ORIGINAL_UNUSED_LSTM_PARAMS);
        }
        out.put("model", c);
        System.out.println(Json.MAPPER.writeValueAsString(out));
        return 0;
    }

    private static <T> T or(T flag, T fromConfig) {
        return flag != null ? flag : fromConfig;
    }
}
