package io.chordflow.model.data.stream;

import io.chordflow.model.data.TrainingWindows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Makes batches on a background thread, at most {@code capacity} ahead of the trainer. The batches
 * are made one after another by one thread, so their content never depends on timing; an error
 * there is thrown by the {@link #next()} that would have returned the batch.
 */
final class Prefetcher implements TrainingWindows.Batches {
    /** The next batch, or null at the end. */
    @FunctionalInterface
    interface Source {
        TrainingWindows.Slice next() throws IOException;
    }

    private static final Object END = new Object();
    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private volatile boolean stop;
    private Object head;

    Prefetcher(Source source, int capacity, String name) {
        this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
        this.thread = new Thread(() -> {
            try {
                for (TrainingWindows.Slice s; !stop && (s = source.next()) != null; ) {
                    queue.put(s);
                }
                if (!stop) {
                    queue.put(END);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                try {
                    queue.put(t);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // closed: nobody waits for it
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public boolean hasNext() {
        if (head == null) {
            try {
                head = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a batch", e);
            }
        }
        if (head instanceof Throwable t) {
            head = null;
            if (t instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            if (t instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("batch reader failed", t);
        }
        return head != END;
    }

    @Override
    public TrainingWindows.Slice next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        TrainingWindows.Slice s = (TrainingWindows.Slice) head;
        head = null;
        return s;
    }

    /**
     * Stops the thread. Not by interrupting it: an interrupt during a {@link java.nio.channels.FileChannel}
     * read closes the channel for every reader; emptying the queue lets a blocked {@code put} return.
     */
    @Override
    public void close() {
        stop = true;
        try {
            while (thread.isAlive()) {
                queue.clear();
                thread.join(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
