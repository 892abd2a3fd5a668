package io.asyncapikafka.benchmarks.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this JVM between two snapshots, grouped by role. Broker, clients and handlers all run in this one
 * process, so this says where the CPU of a run went; on a machine with few cores that is what limits throughput. The
 * Java threads are timed one by one; what the process used beyond them (garbage collection, the JIT compilers, other
 * VM threads, and Java threads that started and ended between the snapshots) is its own role, {@link #VM}, so the sum
 * is the process's CPU time and a contender that allocates more pays for its collections.
 */
final class CpuSampler {

    static final String PRODUCER_CALLER = "producer caller (serialize, validate, encode)";
    static final String PRODUCER_IO = "producer I/O thread";
    static final String CONSUMER_POLL = "consumer poll thread";
    static final String HANDLERS = "runtime handler threads";
    static final String BROKER = "broker and other";
    /** The process's CPU that no Java thread accounts for: garbage collection, JIT compilers, other VM threads. */
    static final String VM = "GC, JIT and other VM threads";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> start = new HashMap<>();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long startProcess;
    private final Map<Long, Long> startUser = new HashMap<>();
    /** Of {@link #stop()}'s figures, the part spent in the kernel (CPU time less user time), per role. */
    private final Map<String, Long> kernel = new LinkedHashMap<>();

    private CpuSampler() {}

    static CpuSampler start() {
        CpuSampler s = new CpuSampler();
        s.startProcess = s.os.getProcessCpuTime();
        for (long id : s.threads.getAllThreadIds()) {
            s.start.put(id, Math.max(0, s.threads.getThreadCpuTime(id)));
            s.startUser.put(id, Math.max(0, s.threads.getThreadUserTime(id)));
        }
        return s;
    }

    /** CPU nanoseconds per role since {@link #start()}. */
    Map<String, Long> stop() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String role : new String[] {PRODUCER_CALLER, PRODUCER_IO, CONSUMER_POLL, HANDLERS, BROKER, VM}) {
            out.put(role, 0L);
            kernel.put(role, 0L);
        }
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = threads.getThreadCpuTime(ids[i]);
            if (infos[i] == null || cpu < 0) {
                continue;
            }
            long used = cpu - start.getOrDefault(ids[i], 0L);
            long user = Math.max(0, threads.getThreadUserTime(ids[i])) - startUser.getOrDefault(ids[i], 0L);
            out.merge(role(infos[i].getThreadName()), used, Long::sum);
            kernel.merge(role(infos[i].getThreadName()), Math.max(0, used - user), Long::sum);
        }
        long process = os.getProcessCpuTime() - startProcess;
        long threads = out.values().stream().mapToLong(Long::longValue).sum();
        out.put(VM, Math.max(0, process - threads)); // its kernel part is not known: 0 above
        return out;
    }

    /** The kernel part of the last {@link #stop()}, per role. */
    Map<String, Long> kernel() {
        return kernel;
    }

    private static String role(String name) {
        if (name.equals("main")) {
            return PRODUCER_CALLER;
        }
        if (name.startsWith("kafka-producer-network-thread")) {
            return PRODUCER_IO;
        }
        if (name.startsWith("asyncapi-kafka-") && name.contains("-handler-")) {
            return HANDLERS; // the broker's request threads are "data-plane-kafka-request-handler-N": not ours
        }
        if (name.startsWith("raw-consumer-") || name.startsWith("asyncapi-kafka-")
                || name.startsWith("kafka-coordinator-heartbeat-thread")) {
            return CONSUMER_POLL;
        }
        return BROKER;
    }
}
