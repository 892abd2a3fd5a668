package io.asyncapikafka.maven;

/** Where the plain build classes report to; the mojos adapt Maven's {@code Log}, tests collect lines. */
interface BuildLog {
    void info(String line);

    void warn(String line);

    void error(String line);
}
