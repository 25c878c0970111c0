package io.chordflow.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How one training stage runs: the {@code stage1}, {@code stage2}, {@code baseline},
 * {@code teacher.training} and {@code rounds[].training} blocks of an experiment (a round's
 * {@code augmentation} and {@code mix_ratio} merged in), and the {@code training} block of the
 * train and kd-finetune steps' {@code --config}. Names are the experiments' (snake_case); every
 * field is optional and defaults to paper 1's stage-1 settings. See the model module's README for
 * the table of keys.
 *
 * @param maxLr        the rate reached after warm-up (cosine schedule); {@code lr} when absent
 * @param schedule     {@code cosine}, or {@code constant} ({@code plateau} is constant, lowered by
 *                     {@code plateau_factor}, 0.9 unless given, on plateaus)
 * @param patience     epochs without improvement of {@code early_stopping_metric} before stopping
 * @param pitchShift   A1: {@code [min, max]} semitones, {@code true} for paper 1's [-5, 6], {@code false} off
 * @param optimizer    {@code adamw}, the one implemented
 */
public record TrainingSettings(
        Integer epochs, Integer batchSize, Integer stride, Double valFraction,
        String loss, Double focalGamma,
        Double lr, Double maxLr, Double minLr, Double weightDecay, List<Double> betas, Double eps,
        String schedule, Double warmupEpochs, Double plateauFactor, Integer plateauPatience,
        Double gradClip, String earlyStoppingMetric, Integer patience,
        Integer checkpointEvery, Long maxSteps, @JsonDeserialize(using = PitchShift.class) List<Integer> pitchShift,
        Integer window, Integer freqMasks, Double freqMaskFraction, Integer timeMasks, Double timeMaskFraction,
        Boolean augmentPseudoOnly, Double mixRatio, Double classBalance, String optimizer) {

    /** Paper 1's pitch-shift range, for {@code pitch_shift: true}. */
    public static final List<Integer> PAPER_PITCH_SHIFT = List.of(-5, 6);
    /** The keys a round's {@code augmentation} block may hold (A1 pitch shift, A3/A4 masks); A2 is audio, the features step's. */
    public static final Set<String> AUGMENTATION = Set.of("pitch_shift", "freq_masks", "freq_mask_fraction", "time_masks",
            "time_mask_fraction", "augment_pseudo_only");

    @com.fasterxml.jackson.annotation.JsonCreator
    public TrainingSettings {
        optimizer = optimizer == null ? "adamw" : optimizer.toLowerCase(Locale.ROOT);
        check("adamw".equals(optimizer), "optimizer", "adamw (the one implemented)", optimizer);
        epochs = epochs == null ? 100 : epochs;
        batchSize = batchSize == null ? 16 : batchSize;
        stride = stride == null ? 108 : stride;
        valFraction = valFraction == null ? 0.1 : valFraction;
        loss = (loss == null ? "focal" : loss).toLowerCase(Locale.ROOT);
        focalGamma = focalGamma == null ? 2.0 : focalGamma;
        lr = lr == null ? 1e-4 : lr;
        maxLr = maxLr == null ? lr : maxLr;
        minLr = minLr == null ? 1e-6 : minLr;
        weightDecay = weightDecay == null ? 1e-5 : weightDecay;
        betas = betas == null ? List.of(0.9, 0.999) : List.copyOf(betas);
        eps = eps == null ? 1e-8 : eps;
        schedule = (schedule == null ? "cosine" : schedule).toLowerCase(Locale.ROOT);
        if (schedule.equals("plateau")) {
            schedule = "constant";
            plateauFactor = plateauFactor == null ? 0.9 : plateauFactor;
        }
        warmupEpochs = warmupEpochs == null ? 0.0 : warmupEpochs;
        plateauFactor = plateauFactor == null ? 1.0 : plateauFactor;
        plateauPatience = plateauPatience == null ? 0 : plateauPatience;
        gradClip = gradClip == null ? 0.0 : gradClip;
        earlyStoppingMetric = (earlyStoppingMetric == null ? "val_loss" : earlyStoppingMetric).toLowerCase(Locale.ROOT);
        patience = patience == null ? 10 : patience;
        checkpointEvery = checkpointEvery == null ? 0 : checkpointEvery;
        maxSteps = maxSteps == null ? 0L : maxSteps;
        pitchShift = pitchShift == null ? List.of() : List.copyOf(pitchShift);
        freqMasks = freqMasks == null ? 0 : freqMasks;
        freqMaskFraction = freqMaskFraction == null ? 0.25 : freqMaskFraction;
        timeMasks = timeMasks == null ? 0 : timeMasks;
        timeMaskFraction = timeMaskFraction == null ? 0.25 : timeMaskFraction;
        augmentPseudoOnly = augmentPseudoOnly != null && augmentPseudoOnly;
        classBalance = classBalance == null ? 0.0 : classBalance;
        check(classBalance >= 0 && classBalance <= 1, "class_balance", "0 <= x <= 1 (0: no class weights, 1: inverse frequency)",
                classBalance);
        check(freqMasks >= 0, "freq_masks", "a number of masks >= 0", freqMasks);
        check(timeMasks >= 0, "time_masks", "a number of masks >= 0", timeMasks);
        check(freqMaskFraction >= 0 && freqMaskFraction <= 1, "freq_mask_fraction", "0 <= x <= 1", freqMaskFraction);
        check(timeMaskFraction >= 0 && timeMaskFraction <= 1, "time_mask_fraction", "0 <= x <= 1", timeMaskFraction);
        check(mixRatio == null || (mixRatio > 0 && mixRatio < 1), "mix_ratio", "0 < x < 1 (share of pseudo-labelled windows per epoch)", mixRatio);
        check(window == null || window > 0, "window", "a positive number of frames", window);
        check(epochs >= 1, "epochs", "a positive integer", epochs);
        check(batchSize >= 1, "batch_size", "a positive integer", batchSize);
        check(stride >= 1, "stride", "a positive integer", stride);
        check(valFraction >= 0 && valFraction < 1, "val_fraction", "0 <= x < 1", valFraction);
        check(List.of("ce", "focal", "soft_ce", "kd").contains(loss), "loss", "ce, focal, soft_ce or kd", loss);
        check(focalGamma >= 0, "focal_gamma", ">= 0", focalGamma);
        check(lr > 0, "lr", "a rate > 0", lr);
        check(maxLr > 0, "max_lr", "a rate > 0", maxLr);
        check(minLr >= 0, "min_lr", "a rate >= 0", minLr);
        check(weightDecay >= 0, "weight_decay", ">= 0", weightDecay);
        check(eps > 0, "eps", "> 0", eps);
        check(betas.size() == 2 && betas.get(0) >= 0 && betas.get(0) < 1 && betas.get(1) >= 0 && betas.get(1) < 1,
                "betas", "two numbers in [0, 1)", betas);
        check(List.of("cosine", "constant").contains(schedule), "schedule", "cosine, constant or plateau", schedule);
        check(warmupEpochs >= 0, "warmup_epochs", ">= 0", warmupEpochs);
        check(plateauFactor > 0 && plateauFactor <= 1, "plateau_factor", "0 < x <= 1", plateauFactor);
        check(plateauPatience >= 0, "plateau_patience", ">= 0", plateauPatience);
        check(gradClip >= 0, "grad_clip", ">= 0 (0 = off)", gradClip);
        check(patience >= 1, "patience", "a number of epochs >= 1", patience);
        check(checkpointEvery >= 0, "checkpoint_every", ">= 0 (0 = every epoch)", checkpointEvery);
        check(maxSteps >= 0, "max_steps", ">= 0 (0 = no limit)", maxSteps);
        check(pitchShift.isEmpty() || (pitchShift.size() == 2 && pitchShift.get(0) <= pitchShift.get(1)
                && pitchShift.get(0) > -12 && pitchShift.get(1) < 12), "pitch_shift", "[min, max] semitones, e.g. [-5, 6]", pitchShift);
        check(List.of("val_loss", "val_accuracy", "val_majmin").contains(earlyStoppingMetric),
                "early_stopping_metric", "val_loss, val_accuracy or val_majmin", earlyStoppingMetric);
    }

    /** Without the paper-2 keys (masks, augment_pseudo_only, mix_ratio, class_balance) and the optimizer: their defaults. */
    public TrainingSettings(Integer epochs, Integer batchSize, Integer stride, Double valFraction, String loss, Double focalGamma,
                            Double lr, Double maxLr, Double minLr, Double weightDecay, List<Double> betas, Double eps,
                            String schedule, Double warmupEpochs, Double plateauFactor, Integer plateauPatience,
                            Double gradClip, String earlyStoppingMetric, Integer patience,
                            Integer checkpointEvery, Long maxSteps, List<Integer> pitchShift, Integer window) {
        this(epochs, batchSize, stride, valFraction, loss, focalGamma, lr, maxLr, minLr, weightDecay, betas, eps, schedule,
                warmupEpochs, plateauFactor, plateauPatience, gradClip, earlyStoppingMetric, patience,
                checkpointEvery, maxSteps, pitchShift, window, null, null, null, null, null, null, null, null);
    }

    /** The same settings with another loss. */
    public TrainingSettings withLoss(String newLoss) {
        return new TrainingSettings(epochs, batchSize, stride, valFraction, newLoss, focalGamma, lr, maxLr, minLr,
                weightDecay, betas, eps, schedule, warmupEpochs, plateauFactor, plateauPatience, gradClip,
                earlyStoppingMetric, patience, checkpointEvery, maxSteps, pitchShift, window, freqMasks,
                freqMaskFraction, timeMasks, timeMaskFraction, augmentPseudoOnly, mixRatio, classBalance, optimizer);
    }

    /** Whether any on-the-fly augmentation (A1 pitch shift, A3/A4 masks) is on. */
    @JsonIgnore
    public boolean augments() {
        return !pitchShift.isEmpty() || freqMasks > 0 || timeMasks > 0;
    }

    public static TrainingSettings defaults() {
        return Contract.bind(Map.of(), TrainingSettings.class, "");
    }

    /**
     * A round's {@code augmentation} block: augmentation keys only (a training key belongs under
     * {@code training}), each as the training block takes it.
     */
    public static void checkAugmentation(Map<String, Object> block, String where) {
        Contract.bind(block, TrainingSettings.class, where);
        for (String k : block.keySet()) {
            if (!AUGMENTATION.contains(k)) {
                throw new FieldError(FieldError.join(where, k), "a training setting, not an augmentation (expected one of "
                        + new java.util.TreeSet<>(AUGMENTATION) + "; give " + k + " under training)");
            }
        }
    }

    private static void check(boolean ok, String field, String expected, Object got) {
        if (!ok) {
            throw new FieldError(field, got + ": expected " + expected);
        }
    }

    /** {@code pitch_shift}: a {@code [min, max]} range of whole semitones, or true (paper 1's range) / false (off). */
    static final class PitchShift extends JsonDeserializer<List<Integer>> {
        @Override
        public List<Integer> deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            JsonNode n = ctx.readTree(p);
            if (n.isBoolean()) {
                return n.asBoolean() ? PAPER_PITCH_SHIFT : List.of();
            }
            if (n.isArray() && n.size() == 2 && n.get(0).isIntegralNumber() && n.get(1).isIntegralNumber()) {
                return List.of(n.get(0).asInt(), n.get(1).asInt());
            }
            return ctx.reportInputMismatch(List.class, "expected [min, max] whole semitones, or true/false, got %s", n);
        }
    }
}
