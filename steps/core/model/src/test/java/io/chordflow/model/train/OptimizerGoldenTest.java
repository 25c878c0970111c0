package io.chordflow.model.train;

import io.chordflow.contract.TrainingSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import io.chordflow.common.io.Json;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link AdamW}, {@link LearningRate}, the trainer's gradient clipping and reduce-on-plateau against
 * PyTorch itself: golden values from {@code src/test/python/make_optim_goldens.py} (torch 1.13.1's
 * AdamW, clip_grad_norm_, SequentialLR(LinearLR, CosineAnnealingLR) and ReduceLROnPlateau), step by step.
 */
class OptimizerGoldenTest {
    static JsonNode golden;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = OptimizerGoldenTest.class.getResourceAsStream("/optim-golden/optim.json")) {
            golden = Json.MAPPER.readTree(in);
        }
    }

    static float[] floats(JsonNode a) {
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) a.get(i).asDouble();
        }
        return out;
    }

    static TrainingSettings schedule(JsonNode a, String kind, double plateauFactor, int plateauPatience) {
        return new TrainingSettings(a.get("epochs").asInt(), null, null, null, null, null, a.get("lr").asDouble(),
                a.get("peak_lr").asDouble(), a.get("min_lr").asDouble(), null, null, null, kind, a.get("warmup_epochs").asDouble(),
                plateauFactor, plateauPatience, null, null, 1000, null, null, null, null);
    }

    /** Warm-up then cosine, per step, equals torch's SequentialLR([LinearLR, CosineAnnealingLR]) to double precision. */
    @Test
    void warmupCosineScheduleMatchesTorch() {
        JsonNode a = golden.get("adamw");
        LearningRate lr = new LearningRate(schedule(a, "cosine", 1.0, 0), a.get("steps_per_epoch").asLong());
        JsonNode steps = a.get("steps");
        for (int s = 0; s < steps.size(); s++) {
            double want = steps.get(s).get("lr").asDouble();
            assertEquals(want, lr.at(s, 1.0), 1e-12 * want, "step " + s);
        }
    }

    /** 30 AdamW steps with clipping at norm 1 on a least-squares problem: torch's weights after every step, to float precision. */
    @Test
    void adamWWithClippingFollowsTorchStepByStep() {
        JsonNode a = golden.get("adamw");
        LearningRate schedule = new LearningRate(schedule(a, "cosine", 1.0, 0), a.get("steps_per_epoch").asLong());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(floats(a.get("x")), new Shape(8, 4));
            NDArray y = m.create(floats(a.get("y")), new Shape(8, 3));
            Linear lin = Linear.builder().setUnits(3).build();
            lin.initialize(m, DataType.FLOAT32, new Shape(8, 4));
            List<Parameter> params = new ArrayList<>();
            lin.getParameters().forEach(p -> params.add(p.getValue()));
            assertEquals("weight", params.get(0).getName());
            params.get(0).getArray().set(floats(a.get("weight0")));
            params.get(1).getArray().set(floats(a.get("bias0")));
            for (Parameter p : params) {
                p.getArray().setRequiresGradient(true);
            }
            ParameterStore ps = new ParameterStore(m, false);
            JsonNode betas = a.get("betas");
            try (AdamW adam = new AdamW(params, m, betas.get(0).asDouble(), betas.get(1).asDouble(), a.get("eps").asDouble(),
                    a.get("weight_decay").asDouble())) {
                JsonNode steps = a.get("steps");
                boolean clipped = false;
                for (int s = 0; s < steps.size(); s++) {
                    JsonNode want = steps.get(s);
                    try (NDManager sub = m.newSubManager()) {
                        NDArray loss;
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray pred = lin.forward(ps, new NDList(x), true).singletonOrThrow();
                            loss = pred.sub(y).square().mean();
                            gc.backward(loss);
                        }
                        loss.attach(sub);
                        assertEquals(want.get("loss").asDouble(), loss.getFloat(), 2e-6 * want.get("loss").asDouble(), "loss, step " + s);
                        double norm = Trainer.clip(params, a.get("grad_clip").asDouble(), sub);
                        assertEquals(want.get("grad_norm").asDouble(), norm, 2e-6 * norm, "gradient norm before clipping, step " + s);
                        clipped |= norm > a.get("grad_clip").asDouble();
                        adam.step(schedule.at(s, 1.0), sub);
                        for (Parameter p : params) {
                            Trainer.zero(p.getArray().getGradient());
                        }
                    }
                    close(floats(want.get("weight")), params.get(0).getArray().toFloatArray(), "weight, step " + s);
                    close(floats(want.get("bias")), params.get(1).getArray().toFloatArray(), "bias, step " + s);
                }
                assertTrue(clipped, "the golden problem exercises clipping");
                assertEquals(steps.size(), adam.steps());
            }
        }
    }

    private static void close(float[] want, float[] got, String what) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-6 + 2e-6 * Math.abs(want[i]), what + " [" + i + "]");
        }
    }

    /** The rate after each epoch's metric equals torch's ReduceLROnPlateau (threshold 1e-4 rel), for a loss and an accuracy. */
    @Test
    void reduceOnPlateauMatchesTorch() {
        for (JsonNode c : golden.get("plateau")) {
            boolean max = c.get("mode").asText().equals("max");
            double lr0 = c.get("lr").asDouble();
            TrainingSettings s = new TrainingSettings(100, null, null, null, null, null, lr0, null, c.get("min_lr").asDouble(),
                    null, null, null, "constant", null, c.get("factor").asDouble(), c.get("patience").asInt(), null, null, 1000,
                    null, null, null, null);
            LearningRate lr = new LearningRate(s, 1);
            TrainingState st = new TrainingState();
            JsonNode metrics = c.get("metrics");
            for (int e = 0; e < metrics.size(); e++) {
                double metric = metrics.get(e).asDouble();
                Stopping.afterEpoch(st, max ? -metric : metric, s);
                double want = c.get("rates").get(e).asDouble();
                assertEquals(want, lr.at(e + 1, st.plateauScale), 1e-12 * want, c.get("mode").asText() + " patience "
                        + c.get("patience").asInt() + ", after epoch " + (e + 1));
            }
        }
    }

    /** Early stopping: stops after `patience` epochs in a row without a strict improvement; the best weights are kept on each. */
    @Test
    void earlyStoppingCountsEpochsWithoutStrictImprovement() {
        TrainingSettings s = new TrainingSettings(100, null, null, null, null, null, 1e-4, null, null, null, null, null,
                "constant", null, null, null, null, null, 3, null, null, null, null);
        TrainingState st = new TrainingState();
        double[] losses = {2.0, 1.5, 1.6, 1.5, 1.49999, 1.7, 1.8, 1.6};
        boolean[] best = {true, true, false, false, true, false, false, false};
        for (int e = 0; e < losses.length; e++) {
            assertFalse(st.finished, "stopped before epoch " + (e + 1));
            assertEquals(best[e], Stopping.afterEpoch(st, losses[e], s), "new best at epoch " + (e + 1));
        }
        assertTrue(st.finished, "three epochs without improvement after 1.49999");
        assertEquals(1.49999, st.best);
    }
}
