package io.asyncapikafka.benchmarks.runtime;

/** One way of moving the workload through Kafka: raw kafka-clients or the asyncapi-kafka runtime. */
interface Contender extends AutoCloseable {

    String name();

    /**
     * Sends {@code n} records to {@code topic} and waits for every acknowledgement.
     *
     * @param ratePerSecond 0 for as fast as possible, else a steady rate
     * @return nanoseconds from the first send to the last acknowledgement
     */
    long produce(String topic, int n, int ratePerSecond) throws Exception;

    /** Starts a consumer of {@code topic} in group {@code group} feeding {@code sink}; returns once it is assigned. */
    Running consume(String topic, String group, int partitions, Sink sink) throws Exception;

    /** A started consumer. */
    interface Running extends AutoCloseable {
        @Override
        void close() throws Exception;
    }

    @Override
    void close();

    /** Sleeps (or spins for short waits) until record {@code i} of a steady-rate send is due. */
    static void pace(long startNanos, int i, int ratePerSecond) {
        if (ratePerSecond <= 0) {
            return;
        }
        long due = startNanos + (long) (i * (1e9 / ratePerSecond));
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            if (wait > 200_000) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait - 100_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
