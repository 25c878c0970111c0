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

/** {@code chordflow model-info}: the sizes and parameter count of an architecture, as JSON. */
@Command(name = "model-info", mixinStandardHelpOptions = true,
        description = "Print an architecture's sizes and parameter count as JSON.")
public final class ModelInfoCommand implements CliCommand, Callable<Integer> {
    @Option(names = "--arch", required = true, description = "btc or 2e1d") String arch;
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

    @Override
    public Integer call() throws Exception {
        ModelConfig c = new ModelConfig(arch, classes, featureSize, hidden, layers, heads, filter, null, timestep,
                freqLayers, freqHeads, freqGroups, decoderLayers);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("arch", c.arch());
        out.put("params", Models.parameterCount(c));
        if (c.isBtc()) {
            out.put("original_unused_lstm_params", Btc.ORIGINAL_UNUSED_LSTM_PARAMS);
        }
        out.put("model", c);
        System.out.println(Json.MAPPER.writeValueAsString(out));
        return 0;
    }
}
