package io.asyncapikafka.runtime.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    @Test
    void nothingToCommitBeforeAnythingFinished() {
        OffsetTracker t = new OffsetTracker();
        t.delivered(5);
        assertThat(t.toCommit()).isEmpty();
    }

    @Test
    void commitsHighestContiguousFinishedPlusOne() {
        OffsetTracker t = new OffsetTracker();
        for (long o = 10; o < 15; o++) {
            t.delivered(o);
        }
        t.finished(10);
        t.finished(11);
        t.finished(13); // 12 still running: must not be skipped
        assertThat(t.toCommit()).hasValue(12);
        t.finished(12);
        assertThat(t.toCommit()).hasValue(14);
        t.finished(14);
        assertThat(t.toCommit()).hasValue(15);
    }

    @Test
    void gapsInOffsetsDoNotBlockTheCommit() {
        OffsetTracker t = new OffsetTracker();
        t.delivered(3);
        t.delivered(7); // 4..6 compacted away or transaction markers
        t.finished(3);
        t.finished(7);
        assertThat(t.toCommit()).hasValue(8);
    }

    @Test
    void neverOffersAnOffsetAtOrBelowTheLastCommit() {
        OffsetTracker t = new OffsetTracker();
        t.delivered(0);
        t.finished(0);
        t.committed(1);
        assertThat(t.toCommit()).isEmpty();
        t.finished(0); // a late duplicate report changes nothing
        assertThat(t.toCommit()).isEmpty();
        t.delivered(1);
        t.finished(1);
        assertThat(t.toCommit()).hasValue(2);
    }

    @Test
    void undeliveredOffsetsCannotBeFinished() {
        OffsetTracker t = new OffsetTracker();
        t.finished(42);
        assertThat(t.toCommit()).isEmpty();
    }
}
