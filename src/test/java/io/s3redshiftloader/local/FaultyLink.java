package io.s3redshiftloader.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP link to a real service that a test can break: pass bytes through, refuse connections (the service is
 * unreachable) or stall them (the service hangs). Faults are real network faults, so the loader's own clients, retries
 * and timeouts meet them exactly as they would in production.
 */
public final class FaultyLink implements AutoCloseable {
    public enum Mode {
        /** Bytes flow both ways. */
        PASS,
        /** Open connections are cut and new ones closed at once. */
        REFUSE,
        /** Connections are accepted but no byte moves until the mode changes. */
        STALL
    }

    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusalsLeft = new AtomicInteger();
    private final AtomicLong cutAfterBytes = new AtomicLong(-1);
    private volatile Mode mode = Mode.PASS;

    private FaultyLink(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
    }

    /** A link to a service listening on the loopback address at {@code targetPort}. */
    public static FaultyLink to(int targetPort) {
        try {
            ServerSocket listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            FaultyLink link = new FaultyLink(listener, targetPort);
            daemon("faulty-link-accept", link::acceptConnections);
            return link;
        } catch (IOException e) {
            throw new IllegalStateException("Could not open the link's port", e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The link's address as an http:// endpoint URL. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public void mode(Mode newMode) {
        mode = newMode;
        if (newMode == Mode.REFUSE) {
            sockets.forEach(FaultyLink::closeQuietly);
            sockets.clear();
        }
    }

    /** Refuses the next {@code connections} connections, then passes again: a service that recovers. */
    public void refuseNext(int connections) {
        refusalsLeft.set(connections);
    }

    /** Cuts the first connection whose responses pass {@code bytes}, mid-transfer: a download dropped part-way. */
    public void cutNextResponseAfter(long bytes) {
        cutAfterBytes.set(bytes);
    }

    private void acceptConnections() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (mode == Mode.REFUSE || refusalsLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                    closeQuietly(client);
                    continue;
                }
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(target);
                daemon("faulty-link-up", () -> pipe(client, target, false));
                daemon("faulty-link-down", () -> pipe(target, client, true));
            } catch (IOException closed) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean response) {
        byte[] buffer = new byte[16 * 1024];
        long passed = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                while (mode == Mode.STALL) {
                    Thread.sleep(20);
                }
                out.write(buffer, 0, read);
                out.flush();
                passed += read;
                long limit = cutAfterBytes.get();
                if (response && limit >= 0 && passed >= limit && cutAfterBytes.compareAndSet(limit, -1)) {
                    return;
                }
            }
        } catch (IOException | InterruptedException cut) {
            // The other side closed or the link cut the connection: close both ends below.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // Already closed.
        }
        sockets.forEach(FaultyLink::closeQuietly);
    }
}
