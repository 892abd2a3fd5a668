package io.asyncapikafka.runtime.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
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

    @Test
    void finishedThroughCoversARunIncludingGaps() {
        OffsetTracker t = new OffsetTracker();
        for (long o : new long[] {3, 4, 8, 9, 12}) {
            t.delivered(o);
        }
        t.finishedThrough(8);
        assertThat(t.toCommit()).hasValue(9);
        t.finishedThrough(11); // covers 9; 10 and 11 were never delivered, 12 is not finished
        assertThat(t.toCommit()).hasValue(10);
        assertThat(t.unfinishedCount()).isEqualTo(1);
        t.finishedThrough(12);
        assertThat(t.toCommit()).hasValue(13);
        assertThat(t.unfinishedCount()).isZero();
    }

    @Test
    void outOfOrderFinishesAreHeldUntilTheGapCloses() {
        OffsetTracker t = new OffsetTracker();
        for (long o = 0; o < 6; o++) {
            t.delivered(o);
        }
        t.finished(2);
        t.finished(4);
        t.finished(5);
        assertThat(t.toCommit()).isEmpty();
        assertThat(t.unfinishedCount()).isEqualTo(3);
        t.finished(0);
        assertThat(t.toCommit()).hasValue(1);
        t.finishedThrough(1); // closes the gap: 2 was already finished, 3 is not
        assertThat(t.toCommit()).hasValue(3);
        t.finished(3);
        assertThat(t.toCommit()).hasValue(6);
        assertThat(t.unfinishedCount()).isZero();
    }

    @Test
    void aRedeliveredLowerOffsetIsNotTrackedTwice() {
        OffsetTracker t = new OffsetTracker();
        t.delivered(10);
        t.delivered(11);
        t.finishedThrough(11);
        t.delivered(11); // must not hold the commit back behind a record that already finished
        assertThat(t.toCommit()).hasValue(12);
        assertThat(t.unfinishedCount()).isZero();
    }

    /** Many deliveries and finishes, wrapping and growing the ring, against a straightforward model. */
    @Test
    void agreesWithAModelOverManyWrapsAndGrowths() {
        Random random = new Random(42);
        OffsetTracker t = new OffsetTracker();
        TreeMap<Long, Boolean> model = new TreeMap<>(); // delivered offset -> finished; finished head pruned
        long modelCommit = 0; // offset after the pruned, all-finished head; 0 while nothing finished
        long next = 0;
        for (int step = 0; step < 20_000; step++) {
            int action = random.nextInt(10);
            if (action < 3 || step % 2_000 == 0) {
                int n = step % 2_000 == 0 ? 1_000 : 1 + random.nextInt(10); // bursts grow the ring
                for (int i = 0; i < n; i++) {
                    next += 1 + (random.nextInt(8) == 0 ? random.nextInt(5) : 0); // occasional gaps
                    t.delivered(next);
                    model.put(next, false);
                }
            } else if (action < 8) {
                List<Long> open = unfinished(model, 30);
                if (!open.isEmpty()) {
                    long through = open.get(random.nextInt(open.size()));
                    t.finishedThrough(through);
                    model.headMap(through, true).replaceAll((o, done) -> true);
                }
            } else {
                List<Long> open = unfinished(model, 10);
                if (!open.isEmpty()) {
                    long any = open.get(random.nextInt(open.size()));
                    t.finished(any);
                    model.put(any, true);
                }
            }
            while (!model.isEmpty() && model.firstEntry().getValue()) {
                modelCommit = model.pollFirstEntry().getKey() + 1;
            }
            if (random.nextInt(20) == 0) {
                t.toCommit().ifPresent(t::committed);
            }
            if (modelCommit > Math.max(0, t.lastCommitted())) {
                assertThat(t.toCommit()).as("step %d", step).hasValue(modelCommit);
            } else {
                assertThat(t.toCommit()).as("step %d", step).isEmpty();
            }
            assertThat(t.unfinishedCount()).as("step %d", step)
                    .isEqualTo((int) model.values().stream().filter(done -> !done).count());
        }
    }

    /** Up to {@code max} of the lowest unfinished offsets. */
    private static List<Long> unfinished(TreeMap<Long, Boolean> model, int max) {
        List<Long> open = new ArrayList<>();
        for (var e : model.entrySet()) {
            if (open.size() == max) {
                break;
            }
            if (!e.getValue()) {
                open.add(e.getKey());
            }
        }
        return open;
    }
}
