package io.asyncapikafka.model;

import java.util.Objects;

/**
 * Where a node came from: the file (relative to the contract's folder, with {@code /} separators, so it is the same on
 * every machine), 1-based line and column, and the JSON pointer inside that file.
 */
public record SourceLocation(String file, int line, int column, String pointer) {

    public static final SourceLocation UNKNOWN = new SourceLocation("", 0, 0, "");

    public SourceLocation {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(pointer, "pointer");
    }

    /** {@code orders.yaml:42:7 #/channels/orders.v1/publish/message}. */
    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line + ":" + column : file;
        return pointer.isEmpty() ? where : where + " #" + pointer;
    }
}
