package io.chordflow.tracking;

import io.chordflow.common.InputException;

/**
 * MLflow's rules for metric/param/tag names (mlflow/utils/validation.py): alphanumerics,
 * underscores, dashes, periods, spaces and slashes, at most 250 characters, not a path that
 * leaves its folder. Both backends enforce them, so what works locally works on a server.
 */
public final class Names {
    private Names() {
    }

    public static String check(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw new InputException(what + " name: empty");
        }
        if (name.length() > 250) {
            throw new InputException(what + " name '" + name.substring(0, 40) + "...': longer than 250 characters");
        }
        if (!name.matches("[\\w\\-. /]+")) {
            throw new InputException(what + " name '" + name
                    + "': only letters, digits, '_', '-', '.', ' ' and '/' are allowed");
        }
        if (name.startsWith("/") || name.equals(".") || name.contains("..") || name.contains("//")) {
            throw new InputException(what + " name '" + name + "': must be a relative path inside the run");
        }
        return name;
    }
}
