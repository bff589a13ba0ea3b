package io.s3redshiftloader.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peak memory and CPU time of a child JVM, measured from outside so the measuring costs the child nothing. Peak RSS is
 * the kernel's high-water mark ({@code VmHWM} in {@code /proc/<pid>/status}) and CPU time its user plus system time
 * ({@code /proc/<pid>/stat}), sampled until the process exits: both only grow, so the last sample is the total, short
 * of the last sampling interval. Peak heap is the largest heap occupancy before any GC in the child's {@code -Xlog:gc}
 * file, i.e. the most heap the JVM held at once (live data plus garbage it had not yet collected).
 */
final class ProcessMeter {
    /** G1 and the other collectors log each pause as {@code <before>-><after>(<committed>)}, e.g. {@code 23M->4M(256M)}. */
    private static final Pattern PAUSE = Pattern.compile("(\\d+)([KMG])->\\d+[KMG]\\(\\d+[KMG]\\)");
    private static final Pattern HIGH_WATER_MARK = Pattern.compile("VmHWM:\\s+(\\d+) kB");

    /** Clock ticks per second of the times in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100;

    private final Path gcLog;
    private volatile long peakRssBytes;
    private volatile double cpuSeconds;

    ProcessMeter(Path gcLog) {
        this.gcLog = gcLog;
    }

    /** The JVM option that makes the child write the GC log this meter reads. */
    String gcLogOption() {
        return "-Xlog:gc:file=" + gcLog;
    }

    /** Samples the process's RSS high-water mark every 100 ms on a daemon thread until it exits. */
    void watch(Process process) {
        Path proc = Path.of("/proc", Long.toString(process.pid()));
        Thread sampler = new Thread(() -> {
            while (process.isAlive()) {
                highWaterMark(proc.resolve("status")).ifPresent(bytes -> peakRssBytes = Math.max(peakRssBytes, bytes));
                cpuTicks(proc.resolve("stat")).ifPresent(ticks -> cpuSeconds = Math.max(cpuSeconds, ticks / TICKS_PER_SECOND));
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "process-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    private static OptionalLong highWaterMark(Path status) {
        try {
            Matcher matcher = HIGH_WATER_MARK.matcher(Files.readString(status));
            return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1)) * 1024) : OptionalLong.empty();
        } catch (IOException exited) {
            return OptionalLong.empty();
        }
    }

    /** utime + stime, the fields 14 and 15 after the command name in parentheses (which may hold spaces). */
    private static OptionalLong cpuTicks(Path stat) {
        try {
            String line = Files.readString(stat);
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return OptionalLong.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (IOException | RuntimeException exited) {
            return OptionalLong.empty();
        }
    }

    double cpuSeconds() {
        return cpuSeconds;
    }

    long peakRssBytes() {
        return peakRssBytes;
    }

    /** The largest heap occupancy before a GC, or empty when the child never collected. */
    OptionalLong peakHeapBytes() {
        try {
            List<String> lines = Files.exists(gcLog) ? Files.readAllLines(gcLog) : List.of();
            return lines.stream().map(PAUSE::matcher).filter(Matcher::find)
                    .mapToLong(m -> Long.parseLong(m.group(1)) * unit(m.group(2))).max();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + gcLog, e);
        }
    }

    private static long unit(String suffix) {
        return switch (suffix) {
            case "K" -> 1L << 10;
            case "M" -> 1L << 20;
            default -> 1L << 30;
        };
    }
}
