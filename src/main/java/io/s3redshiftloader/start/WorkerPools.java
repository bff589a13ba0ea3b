package io.s3redshiftloader.start;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads the routes load on: the files loading at once, and the chunk writers they share. */
public final class WorkerPools {
    private final ExecutorService fileLoaders;
    private final ExecutorService chunkWriters;

    /**
     * @param concurrentFiles the poll route's files loading at once (LOADER_CONCURRENT_FILES); the poll waits for all
     * @param writerThreads threads that parse, filter and write chunks (LOADER_WRITER_THREADS)
     */
    public WorkerPools(int concurrentFiles, int writerThreads) {
        fileLoaders = Executors.newFixedThreadPool(concurrentFiles, daemonThreads("file-loader"));
        // A fixed pool with a short queue: when the writers are busy, a file's reading thread writes its chunk itself, so
        // memory stays bounded and no file waits behind another's chunks.
        chunkWriters = new ThreadPoolExecutor(writerThreads, writerThreads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(writerThreads),
                daemonThreads("chunk-writer"), new ThreadPoolExecutor.CallerRunsPolicy());
    }

    public ExecutorService fileLoaders() {
        return fileLoaders;
    }

    public ExecutorService chunkWriters() {
        return chunkWriters;
    }

    /**
     * Chunks of a file that failed part-way may still be in flight: they get 30 seconds to finish, unless the files were
     * abandoned, when they are interrupted at once.
     */
    public void shutdown(boolean abandoned) throws InterruptedException {
        for (ExecutorService pool : List.of(fileLoaders, chunkWriters)) {
            pool.shutdown();
            if (abandoned || !pool.awaitTermination(30, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
