package io.asyncapikafka.crashtests;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The side effects of one consumer JVM: one line per handled event, appended and forced to disk before the handler
 * returns, so what a SIGKILL leaves is exactly what had happened. A line cut by the kill has no line break and is
 * ignored by the checker.
 *
 * <p>A {@link FileOutputStream} and its descriptor's {@code sync()}, not a {@code FileChannel}: a channel is closed
 * for good when a thread is interrupted inside a write, and the runtime interrupts the handler threads of fenced
 * tasks (partitions revoked or lost), after which every later effect would fail.
 */
final class EffectLog implements AutoCloseable {

    private final FileOutputStream out;

    private EffectLog(FileOutputStream out) {
        this.out = out;
    }

    static EffectLog open(Path file) {
        try {
            return new EffectLog(new FileOutputStream(file.toFile(), true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code <eventId> <topic> <partition> <offset> <attempt>}, durable when this returns. */
    synchronized void append(String eventId, String topic, int partition, long offset, int attempt) {
        String line = eventId + " " + topic + " " + partition + " " + offset + " " + attempt + "\n";
        try {
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.getFD().sync();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
