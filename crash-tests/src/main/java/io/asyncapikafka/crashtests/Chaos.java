package io.asyncapikafka.crashtests;

import io.asyncapikafka.testkit.KafkaBrokerProcess;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** The faults: a random consumer JVM SIGKILLed and started again every few seconds, the broker SIGKILLed now and then. */
final class Chaos {

    private final KafkaBrokerProcess broker;
    private final List<ConsumerProcess> consumers;
    private final long killEveryMs;
    private final int brokerKills;
    private final int produceSeconds;
    private final Random random;
    private final PrintStream out;
    private int consumerKills;
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

    /** Until the source has sent everything and at least {@code produceSeconds} passed. */
    void run(EventSource source) throws InterruptedException {
        long t0 = System.nanoTime();
        while (!(source.isDone() && CrashTest.secondsSince(t0) >= produceSeconds)) {
            long pause = killEveryMs / 2 + (long) (random.nextDouble() * killEveryMs);
            Thread.sleep(pause);
            double now = CrashTest.secondsSince(t0);
            if (brokerKillsDone < brokerKills && now >= produceSeconds * (brokerKillsDone + 1.0) / (brokerKills + 1)) {
                long pid = broker.pid();
                broker.kill();
                brokerKillsDone++;
                out.printf(Locale.ROOT, "  %5.1f s  SIGKILL broker (pid %d)%n", now, pid);
                Thread.sleep(1000);
                long t = System.nanoTime();
                broker.startAgain();
                out.printf(Locale.ROOT, "  %5.1f s  broker back on the same port in %.1f s%n", CrashTest.secondsSince(t0),
                        CrashTest.secondsSince(t));
                continue;
            }
            ConsumerProcess victim = consumers.get(random.nextInt(consumers.size()));
            victim.kill();
            consumerKills++;
            victim.start();
        }
        out.printf(Locale.ROOT, "  %5.1f s  %d consumer JVMs SIGKILLed and restarted%n", CrashTest.secondsSince(t0),
                consumerKills);
    }

    int consumerKills() {
        return consumerKills;
    }

    int brokerKillsDone() {
        return brokerKillsDone;
    }
}
