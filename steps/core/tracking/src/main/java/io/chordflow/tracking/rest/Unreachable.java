package io.chordflow.tracking.rest;

import java.io.IOException;
import org.mlflow.tracking.MlflowHttpException;

/** Whether an MLflow client failure means "server not reachable now" (buffer and retry later). */
final class Unreachable {
    private Unreachable() {
    }

    static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MlflowHttpException h) {
                int s = h.getStatusCode();
                return s == 502 || s == 503 || s == 504;
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
