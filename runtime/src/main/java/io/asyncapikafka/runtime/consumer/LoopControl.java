package io.asyncapikafka.runtime.consumer;

/** Stop requests and the failure of one consumer thread; set from any thread, read by the poll thread. */
final class LoopControl {

    private volatile boolean stopRequested;
    private volatile boolean halted;
    private volatile Throwable failure;

    void requestStop() {
        stopRequested = true;
    }

    void halt() {
        halted = true;
        stopRequested = true;
    }

    /** Records the first failure and asks the thread to stop. */
    synchronized void fail(Throwable t) {
        if (failure == null) {
            failure = t;
        }
        stopRequested = true;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    boolean halted() {
        return halted;
    }

    Throwable failure() {
        return failure;
    }
}
