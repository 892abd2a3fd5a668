package io.asyncapikafka.model;

/**
 * Which side of the contract is being built.
 *
 * <p>AsyncAPI 2.x describes the application: {@code subscribe} lists what the application sends, {@code publish} what
 * it receives. {@link #APPLICATION} takes that reading; {@link #CLIENT} is the other side of the same contract (and the
 * reading for documents written as "publish means I publish"). AsyncAPI 3.x {@code action} is the application's own
 * view: {@link #APPLICATION} takes it as written, {@link #CLIENT} flips it ({@link #directionOfAction}).
 */
public enum Role {
    APPLICATION,
    CLIENT;

    /** The direction of an operation declared under {@code keyword} ({@code publish} or {@code subscribe}). */
    public Direction directionOf(String keyword) {
        boolean subscribe = "subscribe".equals(keyword);
        boolean send = this == APPLICATION ? subscribe : !subscribe;
        return send ? Direction.SEND : Direction.RECEIVE;
    }

    /**
     * The direction of an AsyncAPI 3.x operation with {@code action} {@code send} or {@code receive}: the action is
     * already the application's view, so {@link #APPLICATION} takes it as written and {@link #CLIENT} flips it.
     */
    public Direction directionOfAction(String action) {
        boolean send = "send".equals(action) == (this == APPLICATION);
        return send ? Direction.SEND : Direction.RECEIVE;
    }
}
