package io.chordflow.storage;

import java.net.URI;
import java.nio.file.Path;

/** Publishes a folder to S3 in a separate JVM, so a test can kill the process mid-publish. */
public final class PublishMain {
    private PublishMain() {
    }

    public static void main(String[] args) throws Exception {
        S3Settings settings = new S3Settings(args[0], S3ProxyServer.ACCESS, S3ProxyServer.SECRET, null);
        new S3Store(settings).publish(Path.of(args[1]), URI.create(args[2]));
    }
}
