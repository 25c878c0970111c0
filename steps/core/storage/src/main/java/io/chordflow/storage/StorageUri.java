package io.chordflow.storage;

import io.chordflow.common.InputException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A parsed artifact location: {@code s3://bucket/key}, {@code file:///abs/path} or a plain path.
 * Children are formed only through {@link #child(String)}, which rejects keys that would escape
 * the prefix, so a manifest or a user cannot make a step read or write outside its folder.
 */
public record StorageUri(Kind kind, String bucket, String key, Path path) {
    public enum Kind { LOCAL, S3 }

    public static StorageUri parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InputException("artifact URI: empty");
        }
        if (text.startsWith("s3://")) {
            return parse(URI.create(text));
        }
        if (text.startsWith("file:")) {
            return parse(URI.create(text));
        }
        if (text.matches("^[A-Za-z][A-Za-z0-9+.-]*:/.*") && !text.matches("^[A-Za-z]:[/\\\\].*")) {
            throw new InputException(text + ": unsupported URI scheme (expected s3://, file:// or a path)");
        }
        return new StorageUri(Kind.LOCAL, null, null, Path.of(text).toAbsolutePath().normalize());
    }

    public static StorageUri parse(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "" -> {
                return parse(uri.getPath());
            }
            case "file" -> {
                return new StorageUri(Kind.LOCAL, null, null, Path.of(uri).toAbsolutePath().normalize());
            }
            case "s3" -> {
                String bucket = uri.getHost();
                if (bucket == null || bucket.isEmpty()) {
                    throw new InputException(uri + ": s3 URI without a bucket (expected s3://bucket/key)");
                }
                if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                    throw new InputException(uri + ": bucket '" + bucket
                            + "' is not a valid S3 bucket name (3-63 of a-z, 0-9, '.', '-')");
                }
                String key = uri.getPath() == null ? "" : uri.getPath();
                key = key.startsWith("/") ? key.substring(1) : key;
                while (key.endsWith("/")) {
                    key = key.substring(0, key.length() - 1);
                }
                if (!key.isEmpty()) {
                    checkRelative(uri.toString(), key);
                }
                return new StorageUri(Kind.S3, bucket, key, null);
            }
            default -> throw new InputException(uri + ": unsupported URI scheme '" + scheme
                    + "' (expected s3://, file:// or a path)");
        }
    }

    /** The location {@code relative} below this one; {@code relative} must stay inside. */
    public StorageUri child(String relative) {
        checkRelative(toString(), relative);
        if (kind == Kind.S3) {
            return new StorageUri(kind, bucket, key.isEmpty() ? relative : key + "/" + relative, null);
        }
        return new StorageUri(kind, null, null, path.resolve(relative).normalize());
    }

    /**
     * Rejects what could escape a prefix: absolute keys, {@code ..} or {@code .} segments, empty
     * segments, backslashes and control characters. Throws {@link InputException} naming the key.
     */
    public static String checkRelative(String where, String relative) {
        if (relative == null || relative.isEmpty()) {
            throw new InputException(where + ": empty key");
        }
        if (relative.startsWith("/") || relative.matches("^[A-Za-z]:.*")) {
            throw new InputException(where + ": key '" + relative + "' is absolute; keys must be relative to the prefix");
        }
        if (relative.contains("\\")) {
            throw new InputException(where + ": key '" + relative + "' contains a backslash");
        }
        for (char c : relative.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                throw new InputException(where + ": key '" + relative.replaceAll("\\p{Cntrl}", "?")
                        + "' contains a control character");
            }
        }
        for (String seg : relative.split("/", -1)) {
            if (seg.equals("..") || seg.equals(".")) {
                throw new InputException(where + ": key '" + relative + "' contains '" + seg
                        + "'; keys must not leave their prefix");
            }
            if (seg.isEmpty()) {
                throw new InputException(where + ": key '" + relative + "' has an empty path segment");
            }
        }
        return relative;
    }

    public URI toUri() {
        return kind == Kind.S3 ? URI.create("s3://" + bucket + "/" + key) : path.toUri();
    }

    @Override
    public String toString() {
        return kind == Kind.S3 ? "s3://" + bucket + "/" + key : path.toString();
    }
}
