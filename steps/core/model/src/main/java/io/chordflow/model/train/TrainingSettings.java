package io.chordflow.model.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.chordflow.common.InputException;
import java.util.List;
import java.util.Locale;

/**
 * How one training stage runs (a {@code stage1:}/{@code stage2:} block of the config, snake_case
 * keys; every key optional, defaults are paper 1's stage-1 settings). See the module README for
 * the table of keys.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrainingSettings(
        Integer epochs, Integer batchSize, Integer stride, Double valFraction,
        String loss, Double focalGamma,
        Double lr, Double peakLr, Double minLr, Double weightDecay, List<Double> betas, Double eps,
        String schedule, Double warmupEpochs, Double plateauFactor, Integer plateauPatience,
        Double gradClip, String earlyStoppingMetric, Integer earlyStoppingPatience,
        Integer checkpointEvery, Long maxSteps, List<Integer> pitchShift, Integer window,
        Integer freqMasks, Double freqMaskFraction, Integer timeMasks, Double timeMaskFraction,
        Boolean augmentPseudoOnly, Double mixRatio, Double classBalance) {

    @com.fasterxml.jackson.annotation.JsonCreator
    public TrainingSettings {
        epochs = epochs == null ? 100 : epochs;
        batchSize = batchSize == null ? 16 : batchSize;
        stride = stride == null ? 108 : stride;
        valFraction = valFraction == null ? 0.1 : valFraction;
        loss = (loss == null ? "focal" : loss).toLowerCase(Locale.ROOT);
        focalGamma = focalGamma == null ? 2.0 : focalGamma;
        lr = lr == null ? 1e-4 : lr;
        peakLr = peakLr == null ? lr : peakLr;
        minLr = minLr == null ? 1e-6 : minLr;
        weightDecay = weightDecay == null ? 1e-5 : weightDecay;
        betas = betas == null ? List.of(0.9, 0.999) : List.copyOf(betas);
        eps = eps == null ? 1e-8 : eps;
        schedule = (schedule == null ? "cosine" : schedule).toLowerCase(Locale.ROOT);
        warmupEpochs = warmupEpochs == null ? 0.0 : warmupEpochs;
        plateauFactor = plateauFactor == null ? 1.0 : plateauFactor;
        plateauPatience = plateauPatience == null ? 0 : plateauPatience;
        gradClip = gradClip == null ? 0.0 : gradClip;
        earlyStoppingMetric = (earlyStoppingMetric == null ? "val_loss" : earlyStoppingMetric).toLowerCase(Locale.ROOT);
        earlyStoppingPatience = earlyStoppingPatience == null ? 10 : earlyStoppingPatience;
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
        check(freqMasks >= 0 && timeMasks >= 0, "freq_masks/time_masks", "a number of masks >= 0", freqMasks + "/" + timeMasks);
        check(freqMaskFraction >= 0 && freqMaskFraction <= 1, "freq_mask_fraction", "0 <= x <= 1", freqMaskFraction);
        check(timeMaskFraction >= 0 && timeMaskFraction <= 1, "time_mask_fraction", "0 <= x <= 1", timeMaskFraction);
        check(mixRatio == null || (mixRatio > 0 && mixRatio < 1), "mix_ratio", "0 < x < 1 (share of pseudo-labelled windows per epoch)", mixRatio);
        check(window == null || window > 0, "window", "a positive number of frames", window);
        check(epochs > 0, "epochs", "a positive integer", epochs);
        check(batchSize > 0, "batch_size", "a positive integer", batchSize);
        check(stride > 0, "stride", "a positive integer", stride);
        check(valFraction >= 0 && valFraction < 1, "val_fraction", "0 <= x < 1", valFraction);
        check(List.of("ce", "focal", "soft_ce", "kd").contains(loss), "loss", "ce, focal, soft_ce or kd", loss);
        check(lr > 0 && peakLr > 0 && minLr >= 0, "lr/peak_lr/min_lr", "positive", lr);
        check(betas.size() == 2 && betas.get(0) >= 0 && betas.get(0) < 1 && betas.get(1) >= 0 && betas.get(1) < 1,
                "betas", "two numbers in [0, 1)", betas);
        check(List.of("cosine", "constant").contains(schedule), "schedule", "cosine or constant", schedule);
        check(plateauFactor > 0 && plateauFactor <= 1, "plateau_factor", "0 < x <= 1", plateauFactor);
        check(gradClip >= 0, "grad_clip", ">= 0 (0 = off)", gradClip);
        check(pitchShift.isEmpty() || (pitchShift.size() == 2 && pitchShift.get(0) <= pitchShift.get(1)
                && pitchShift.get(0) > -12 && pitchShift.get(1) < 12), "pitch_shift", "[min, max] semitones, e.g. [-5, 6]", pitchShift);
        check(List.of("val_loss", "val_accuracy", "val_majmin").contains(earlyStoppingMetric),
                "early_stopping_metric", "val_loss, val_accuracy or val_majmin", earlyStoppingMetric);
    }

    /** Without the paper-2 keys (masks, augment_pseudo_only, mix_ratio): their defaults. */
    public TrainingSettings(Integer epochs, Integer batchSize, Integer stride, Double valFraction, String loss, Double focalGamma,
                            Double lr, Double peakLr, Double minLr, Double weightDecay, List<Double> betas, Double eps,
                            String schedule, Double warmupEpochs, Double plateauFactor, Integer plateauPatience,
                            Double gradClip, String earlyStoppingMetric, Integer earlyStoppingPatience,
                            Integer checkpointEvery, Long maxSteps, List<Integer> pitchShift, Integer window) {
        this(epochs, batchSize, stride, valFraction, loss, focalGamma, lr, peakLr, minLr, weightDecay, betas, eps, schedule,
                warmupEpochs, plateauFactor, plateauPatience, gradClip, earlyStoppingMetric, earlyStoppingPatience,
                checkpointEvery, maxSteps, pitchShift, window, null, null, null, null, null, null, null);
    }

    /** The same settings with another loss. */
    public TrainingSettings withLoss(String newLoss) {
        return new TrainingSettings(epochs, batchSize, stride, valFraction, newLoss, focalGamma, lr, peakLr, minLr,
                weightDecay, betas, eps, schedule, warmupEpochs, plateauFactor, plateauPatience, gradClip,
                earlyStoppingMetric, earlyStoppingPatience, checkpointEvery, maxSteps, pitchShift, window, freqMasks,
                freqMaskFraction, timeMasks, timeMaskFraction, augmentPseudoOnly, mixRatio, classBalance);
    }

    /** Whether any on-the-fly augmentation (A1 pitch shift, A3/A4 masks) is on. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean augments() {
        return !pitchShift.isEmpty() || freqMasks > 0 || timeMasks > 0;
    }

    public static TrainingSettings defaults() {
        return new TrainingSettings(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static void check(boolean ok, String field, String expected, Object got) {
        if (!ok) {
            throw new InputException("training config: field " + field + ": expected " + expected + ", got " + got);
        }
    }
}
