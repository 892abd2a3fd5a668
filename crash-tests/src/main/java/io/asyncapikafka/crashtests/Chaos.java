package io.asyncapikafka.crashtests;

import io.asyncapikafka.testkit.KafkaBrokerProcess;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** The faults: a random consumer JVM SIGKILLed and started again every few seconds, the broker SIGKILLed now and then. */
final class Chaos {

    private final KafkaBrokerProcess broker;
    private final List<ConsumerProcess> consumers;
    private final long killEveryMs;
    private final int brokerKills;
    private final int produceSeconds;
    private final Random random;
    private final PrintStream out;
    private final AtomicInteger consumerKills = new AtomicInteger();
    private int brokerKillsDone;

    Chaos(KafkaBrokerProcess broker, List<ConsumerProcess> consumers, long killEveryMs, int brokerKills,
            int produceSeconds, Random random, PrintStream out) {
        this.broker = broker;
        this.consumers = consumers;
        this.killEveryMs = killEveryMs;
        this.brokerKills = brokerKills;
        this.produceSeconds = produceSeconds;
        this.random = random;
        this.out = out;
    }

    /**
     * Until the source has sent everything, at least {@code produceSeconds} passed and every broker kill is done.
     * Consumer kills run on their own thread, so they go on while the broker is down or restarting.
     */
    void run(EventSource source) throws InterruptedException {
        run(source::isDone);
    }

    /** The same, for any source that says when it has sent everything (the pipeline test's). */
    void run(java.util.function.BooleanSupplier sourceDone) throws InterruptedException {
        long t0 = System.nanoTime();
        AtomicBoolean stop = new AtomicBoolean();
        Thread killer = new Thread(() -> {
            try {
                while (!stop.get()) {
                    Thread.sleep(killEveryMs / 2 + (long) (random.nextDouble() * killEveryMs));
                    if (stop.get()) {
                        break;
                    }
                    // a member with partitions, so the kill hits work in flight; any member if none has any
                    List<ConsumerProcess> working = consumers.stream().filter(ConsumerProcess::isWorking).toList();
                    List<ConsumerProcess> pool = working.isEmpty() ? consumers : working;
                    ConsumerProcess victim = pool.get(random.nextInt(pool.size()));
                    victim.kill();
                    consumerKills.incrementAndGet();
                    victim.start();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "consumer-killer");
        killer.start();
        double lastRestart = -10;
        try {
            while (!(sourceDone.getAsBoolean() && CrashTest.secondsSince(t0) >= produceSeconds && brokerKillsDone >= brokerKills)) {
                Thread.sleep(200);
                double now = CrashTest.secondsSince(t0);
                // on schedule, and never sooner than 10 s after the last restart: a broker that is up again
                if (brokerKillsDone < brokerKills && now >= lastRestart + 10
                        && now >= produceSeconds * (brokerKillsDone + 1.0) / (brokerKills + 1)) {
                    long pid = broker.pid();
                    broker.kill();
                    brokerKillsDone++;
                    out.printf(Locale.ROOT, "  %5.1f s  SIGKILL broker (pid %d)%n", now, pid);
                    Thread.sleep(1000);
                    long t = System.nanoTime();
                    broker.startAgain();
                    lastRestart = CrashTest.secondsSince(t0);
                    out.printf(Locale.ROOT, "  %5.1f s  broker back on the same port in %.1f s%n", lastRestart,
                            CrashTest.secondsSince(t));
                }
            }
        } finally {
            stop.set(true);
            killer.join();
        }
        out.printf(Locale.ROOT, "  %5.1f s  %d consumer JVMs SIGKILLed and restarted%n", CrashTest.secondsSince(t0),
                consumerKills.get());
    }

    int consumerKills() {
        return consumerKills.get();
    }

    int brokerKillsDone() {
        return brokerKillsDone;
    }
}
