package io.asyncapikafka.crashtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The side effects of one consumer JVM: one line per handled event, appended and forced to disk before the handler
 * returns, so what a SIGKILL leaves is exactly what had happened. A line cut by the kill has no line break and is
 * ignored by the checker.
 */
final class EffectLog implements AutoCloseable {

    private final FileChannel channel;

    private EffectLog(FileChannel channel) {
        this.channel = channel;
    }

    static EffectLog open(Path file) {
        try {
            return new EffectLog(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code <eventId> <topic> <partition> <offset> <attempt>}, durable when this returns. */
    synchronized void append(String eventId, String topic, int partition, long offset, int attempt) {
        String line = eventId + " " + topic + " " + partition + " " + offset + " " + attempt + "\n";
        try {
            ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                channel.write(b);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
