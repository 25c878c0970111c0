package io.chordflow.model;

import io.chordflow.contract.FeatureSpec;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.chordflow.chords.Vocabulary;
import io.chordflow.common.InputException;
import io.chordflow.common.io.AtomicFiles;
import io.chordflow.common.io.Json;
import io.chordflow.model.data.Normalization;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trained model as one self-describing folder: {@value #JSON} (what it is) and
 * {@value #WEIGHTS} (DJL parameter encoding). {@link #load} needs nothing else: the JSON names
 * the architecture and sizes, the vocabulary, the feature spec and the global feature
 * normalisation, and the {@code task} (chord or key, implied by the vocabulary: {@value KeyClasses#NAME}
 * is the key task). Format version {@value #FORMAT_VERSION}; other versions are rejected.
 * Holds native memory: close it.
 */
public final class ModelArtifact implements AutoCloseable {
    public static final String JSON = "model.json";
    public static final String WEIGHTS = "weights.params";
    public static final int FORMAT_VERSION = 1;

    /** The content of {@value #JSON}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Description(int formatVersion, ModelConfig model, String vocabulary, FeatureSpec featureSpec,
                              Normalization normalization, long params, String task) {
        /** {@code task} is derived from the vocabulary when absent (model folders written before the key task). */
        public Description {
            if (task == null && vocabulary != null) {
                task = Task.of(Task.vocabulary(vocabulary)).lowerName();
            }
        }
    }

    private final Description description;
    private final NDManager manager;
    private final Block block;

    private ModelArtifact(Description description, NDManager manager, Block block) {
        this.description = description;
        this.manager = manager;
        this.block = block;
    }

    public Description description() {
        return description;
    }

    public ModelConfig config() {
        return description.model();
    }

    public Vocabulary vocabulary() {
        return Task.vocabulary(description.vocabulary());
    }

    /** Chord or key, from the vocabulary. */
    public Task task() {
        return Task.of(vocabulary());
    }

    public Normalization normalization() {
        return description.normalization();
    }

    public FeatureSpec featureSpec() {
        return description.featureSpec();
    }

    public Block block() {
        return block;
    }

    public NDManager manager() {
        return manager;
    }

    public static ModelArtifact load(Path dir) throws IOException {
        Path json = dir.resolve(JSON);
        if (!Files.isRegularFile(json)) {
            throw new InputException(dir + ": not a model folder (no " + JSON + ")");
        }
        Description d;
        try {
            d = Json.MAPPER.readValue(json.toFile(), Description.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InputException ie) {
                    throw new InputException(json + ": " + ie.getMessage(), e);
                }
            }
            throw new InputException(json + ": " + e.getOriginalMessage(), e);
        }
        if (d.formatVersion() != FORMAT_VERSION) {
            throw new InputException(json + ": field format_version: " + d.formatVersion()
                    + " is not supported (this chordflow reads " + FORMAT_VERSION + ")");
        }
        if (d.model() == null || d.normalization() == null || d.vocabulary() == null || d.featureSpec() == null) {
            throw new InputException(json + ": fields model, vocabulary, feature_spec and normalization are required");
        }
        if (Task.vocabulary(d.vocabulary()).size() != d.model().classes()) {
            throw new InputException(json + ": vocabulary " + d.vocabulary() + " does not have " + d.model().classes() + " classes");
        }
        NDManager manager = NDManager.newBaseManager();
        try {
            Block block = Models.create(d.model());
            Path weights = dir.resolve(WEIGHTS);
            if (!Files.isRegularFile(weights)) {
                throw new InputException(weights + ": missing (a model folder has " + JSON + " and " + WEIGHTS + ")");
            }
            if (Files.size(weights) == 0) {
                throw new InputException(weights + ": empty (0 bytes)");
            }
            try (InputStream raw = Files.newInputStream(weights);
                 DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
                block.loadParameters(manager, in);
            } catch (MalformedModelException e) {
                throw new InputException(weights + ": weights do not fit " + d.model().arch() + ": " + e.getMessage(), e);
            } catch (java.io.EOFException e) {
                throw new InputException(weights + ": truncated (" + Files.size(weights) + " bytes; the file ends before the"
                        + " model's parameters do)", e);
            } catch (IllegalArgumentException | IllegalStateException | ai.djl.engine.EngineException e) {
                throw new InputException(weights + ": not a weights file of this model (" + e.getMessage() + ")", e);
            }
            return new ModelArtifact(d, manager, block);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Writes a model folder from an initialised block. */
    public static void save(Path dir, ModelConfig config, String vocabulary, FeatureSpec spec, Normalization norm,
                            Block block) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(WEIGHTS), raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
            block.saveParameters(out);
            out.flush();
        });
        writeDescription(dir, new Description(FORMAT_VERSION, config, vocabulary, spec, norm, Models.parameterCount(block),
                Task.of(Task.vocabulary(vocabulary)).lowerName()));
    }

    /** Writes a model folder from a weights file saved by the trainer ({@code best.params}). */
    public static void save(Path dir, ModelConfig config, String vocabulary, FeatureSpec spec, Normalization norm,
                            Path weights) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Models.create(config);
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(weights), 1 << 16))) {
                block.loadParameters(m, in);
            } catch (MalformedModelException e) {
                throw new IOException(weights + ": " + e.getMessage(), e);
            }
            save(dir, config, vocabulary, spec, norm, block);
        }
    }

    private static void writeDescription(Path dir, Description d) throws IOException {
        AtomicFiles.write(dir.resolve(JSON), Json.MAPPER.writeValueAsBytes(d));
    }

    @Override
    public void close() {
        manager.close();
    }
}
