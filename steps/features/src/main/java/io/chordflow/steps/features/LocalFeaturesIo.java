package io.chordflow.steps.features;

import io.chordflow.common.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Input and output as local folders (also {@code file://} URIs). */
final class LocalFeaturesIo implements FeaturesIo {
    /** Extensions taken as audio; everything else in the input folder (labels, manifests) is ignored. */
    static final Set<String> AUDIO = Set.of("wav", "wave", "flac", "mp3", "ogg", "oga", "opus", "m4a", "aac",
            "aif", "aiff", "wma");

    private final Path input;
    private final Path output;

    LocalFeaturesIo(String inputUri, String outputUri) {
        this.input = localPath(inputUri);
        this.output = localPath(outputUri);
        if (!Files.isDirectory(input)) {
            throw new InputException("--input " + inputUri + ": no such folder");
        }
    }

    static Path localPath(String uri) {
        if (uri.startsWith("file://")) {
            return Path.of(java.net.URI.create(uri));
        }
        if (uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw new InputException(uri + ": only local folders and file:// URIs are supported by this build");
        }
        return Path.of(uri);
    }

    static boolean isAudio(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !name.startsWith(".") && dot > 0 && AUDIO.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    @Override
    public List<String> listAudio() throws IOException {
        try (Stream<Path> s = Files.walk(input)) {
            return s.filter(Files::isRegularFile).filter(LocalFeaturesIo::isAudio)
                    .map(p -> input.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    @Override
    public Path input(String rel) {
        return input.resolve(rel);
    }

    @Override
    public Path outputDir() {
        return output;
    }

    @Override
    public void finish() {
        // local output is already in place
    }
}
