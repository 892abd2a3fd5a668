package io.asyncapikafka.maven;

import java.util.ArrayList;
import java.util.List;

/** A {@link BuildLog} for tests: keeps every line, by level. */
final class RecordingLog implements BuildLog {
    final List<String> info = new ArrayList<>();
    final List<String> warn = new ArrayList<>();
    final List<String> error = new ArrayList<>();

    @Override
    public void info(String line) {
        info.add(line);
    }

    @Override
    public void warn(String line) {
        warn.add(line);
    }

    @Override
    public void error(String line) {
        error.add(line);
    }
}
