package io.chordflow.tracking;

/** MLflow's run states, with the integer codes its file store writes into meta.yaml. */
public enum RunStatus {
    RUNNING(1), SCHEDULED(2), FINISHED(3), FAILED(4), KILLED(5);

    public final int code;

    RunStatus(int code) {
        this.code = code;
    }

    public static RunStatus ofCode(int code) {
        for (RunStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown MLflow run status code " + code);
    }
}
