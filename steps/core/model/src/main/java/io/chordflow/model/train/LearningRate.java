package io.chordflow.model.train;

import io.chordflow.contract.TrainingSettings;

/**
 * The learning rate at a step: linear warm-up from {@code lr} to {@code max_lr} over
 * {@code warmup_epochs}, then (schedule {@code cosine}) a cosine decay to {@code min_lr} at the
 * last epoch, or (schedule {@code constant}) {@code max_lr}. Epochs are fractional (step /
 * steps per epoch), so the rate moves every step. Reduce-on-plateau multiplies the result by a
 * scale the trainer lowers by {@code plateau_factor}; the rate never goes below {@code min_lr}.
 */
public record LearningRate(TrainingSettings s, long stepsPerEpoch) {

    public double at(long step, double plateauScale) {
        double epoch = (double) step / Math.max(1, stepsPerEpoch);
        double warm = s.warmupEpochs();
        double rate;
        if (epoch < warm) {
            rate = s.lr() + (s.maxLr() - s.lr()) * epoch / warm;
        } else if (s.schedule().equals("cosine")) {
            double span = Math.max(1e-9, s.epochs() - warm);
            double progress = Math.min(1, (epoch - warm) / span);
            rate = s.minLr() + 0.5 * (s.maxLr() - s.minLr()) * (1 + Math.cos(Math.PI * progress));
        } else {
            rate = s.maxLr();
        }
        return Math.max(s.minLr(), rate * plateauScale);
    }
}
