package io.chordflow.model.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.chordflow.common.io.AtomicFiles;
import io.chordflow.common.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a training step (train, kd-finetune) did, as its {@code metrics.json} carries it; the one
 * shape both write. Not an evaluation report (that is the evaluate step's, the contract's
 * {@code EvaluationReport}): no step reads it; people and MLflow's artifacts view do.
 *
 * @param task            {@code chord} or {@code key}
 * @param songsTrainPseudo the pseudo-labelled songs among {@code songsTrain} (0 when all are labelled)
 * @param valSongs        the songs held out for validation, by ID
 * @param history         per epoch: losses, accuracies, learning rate, seconds
 * @param steps           optimizer steps taken in all
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"schema_version", "task", "songs_train", "songs_train_pseudo", "songs_val", "val_songs", "steps", "history"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingReport(int schemaVersion, String task, int songsTrain, long songsTrainPseudo, int songsVal,
                             List<String> valSongs, long steps, List<EpochMetrics> history) {
    /** 1: the fields above; before it, train wrote the same fields unversioned and kd-finetune a subset. */
    public static final int SCHEMA_VERSION = 1;
    public static final String FILE_NAME = "metrics.json";

    public TrainingReport {
        valSongs = List.copyOf(valSongs);
        history = List.copyOf(history);
    }

    public static TrainingReport of(String task, int songsTrain, long songsTrainPseudo, int songsVal, List<String> valSongs,
                                    long steps, List<EpochMetrics> history) {
        return new TrainingReport(SCHEMA_VERSION, task, songsTrain, songsTrainPseudo, songsVal, valSongs, steps, history);
    }

    /** The report of a finished training of a {@code task} model on {@code split}. */
    public static TrainingReport of(io.chordflow.model.Task task, io.chordflow.model.data.TrackLoader.Split split, Trainer.Result result) {
        return of(task.lowerName(), split.train().size(), split.train().stream().filter(io.chordflow.model.data.Track::pseudo).count(),
                split.val().size(), split.val().stream().map(io.chordflow.model.data.Track::id).toList(), result.state().globalStep,
                result.state().history);
    }

    /** Writes {@code folder/metrics.json} atomically. */
    public void write(Path folder) throws IOException {
        AtomicFiles.write(folder.resolve(FILE_NAME), Json.MAPPER.writeValueAsBytes(this));
    }
}
