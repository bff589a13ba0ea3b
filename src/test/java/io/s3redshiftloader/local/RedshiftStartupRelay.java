package io.s3redshiftloader.local;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lets the real Redshift JDBC driver talk to PostgreSQL: a loopback TCP relay that drops the startup parameters
 * PostgreSQL refuses ({@code driver_version}, {@code os_version}, ...) from the startup packet, then copies bytes both
 * ways untouched. Everything after the startup packet is plain PostgreSQL wire protocol, which Redshift also speaks.
 * It also records the SQL of every Query and Parse message the driver sends, so a test can check what it ran.
 */
public final class RedshiftStartupRelay implements AutoCloseable {
    private static final Set<String> REDSHIFT_ONLY_PARAMETERS = Set.of("driver_version", "os_version", "plugin_name",
            "client_protocol_version", "driver_discovery_version");
    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_ENCRYPTION_REQUEST = 80877104;

    private final ServerSocket listener;
    private final int backendPort;
    private final List<Socket> sockets = new ArrayList<>();
    private final List<String> statements = new ArrayList<>();
    private final List<List<String>> statementsByConnection = new ArrayList<>();

    private RedshiftStartupRelay(ServerSocket listener, int backendPort) {
        this.listener = listener;
        this.backendPort = backendPort;
    }

    public static RedshiftStartupRelay start(int backendPort) {
        try {
            ServerSocket listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            RedshiftStartupRelay relay = new RedshiftStartupRelay(listener, backendPort);
            Thread acceptor = new Thread(relay::acceptConnections, "redshift-relay-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            return relay;
        } catch (IOException e) {
            throw new IllegalStateException("Could not open the relay's port", e);
        }
    }

    /** A Redshift driver URL that reaches PostgreSQL through this relay; TLS is off because the relay is loopback only. */
    public String jdbcUrl(String database) {
        return "jdbc:redshift://127.0.0.1:" + port() + "/" + database + "?ssl=false";
    }

    /** The loopback port the relay listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    private void acceptConnections() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                // Registered here rather than in the session thread, so the lists keep the order connections came in.
                List<String> connectionStatements = openConnection();
                Thread session = new Thread(() -> relay(client, connectionStatements), "redshift-relay-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client, List<String> connectionStatements) {
        try {
            Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
            track(client, backend);
            DataInputStream fromClient = new DataInputStream(client.getInputStream());
            byte[] startup = readStartup(fromClient, client.getOutputStream());
            backend.getOutputStream().write(startup);
            backend.getOutputStream().flush();
            pipe(backend.getInputStream(), client.getOutputStream(), client, backend);
            pipe(fromClient, new StatementCapture(backend.getOutputStream(), connectionStatements), client, backend);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    /** Answers encryption requests with 'N' (no TLS) until the startup packet comes, and returns it rewritten. */
    private static byte[] readStartup(DataInputStream in, OutputStream toClient) throws IOException {
        while (true) {
            int length = in.readInt();
            byte[] payload = in.readNBytes(length - 4);
            int code = ((payload[0] & 0xff) << 24) | ((payload[1] & 0xff) << 16) | ((payload[2] & 0xff) << 8) | (payload[3] & 0xff);
            if (code == SSL_REQUEST || code == GSS_ENCRYPTION_REQUEST) {
                toClient.write('N');
                toClient.flush();
                continue;
            }
            return withoutRedshiftParameters(code, payload);
        }
    }

    private static byte[] withoutRedshiftParameters(int protocol, byte[] payload) throws IOException {
        ByteArrayOutputStream parameters = new ByteArrayOutputStream();
        List<String> fields = new ArrayList<>();
        int start = 4;
        for (int i = 4; i < payload.length; i++) {
            if (payload[i] == 0) {
                fields.add(new String(payload, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            String name = fields.get(i);
            if (name.isEmpty() || REDSHIFT_ONLY_PARAMETERS.contains(name) || name.startsWith("_pq_.")) {
                continue;
            }
            parameters.write(name.getBytes(StandardCharsets.UTF_8));
            parameters.write(0);
            parameters.write(fields.get(i + 1).getBytes(StandardCharsets.UTF_8));
            parameters.write(0);
        }
        parameters.write(0);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(packet);
        out.writeInt(8 + parameters.size());
        out.writeInt(protocol);
        parameters.writeTo(out);
        return packet.toByteArray();
    }

    private static void pipe(InputStream from, OutputStream to, Socket client, Socket backend) {
        Thread copier = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException ended) {
                // one side closed the connection
            } finally {
                closeQuietly(client);
                closeQuietly(backend);
            }
        }, "redshift-relay-copy");
        copier.setDaemon(true);
        copier.start();
    }

    /** Every SQL statement the driver sent (Query and Parse messages), across connections, in the order received. */
    public synchronized List<String> statements() {
        return List.copyOf(statements);
    }

    /** The same statements per connection, connections in the order they were accepted. */
    public synchronized List<List<String>> statementsByConnection() {
        return statementsByConnection.stream().map(List::copyOf).toList();
    }

    /** Forgets the statements recorded so far; connections still open keep their place in the per-connection lists. */
    public synchronized void clearStatements() {
        statements.clear();
        statementsByConnection.forEach(List::clear);
    }

    private synchronized List<String> openConnection() {
        List<String> connectionStatements = new ArrayList<>();
        statementsByConnection.add(connectionStatements);
        return connectionStatements;
    }

    private synchronized void record(List<String> connectionStatements, String sql) {
        statements.add(sql);
        connectionStatements.add(sql);
    }

    private synchronized void track(Socket client, Socket backend) {
        sockets.add(client);
        sockets.add(backend);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /**
     * Forwards the client's bytes exactly as they arrive while following the frontend message framing (a type byte,
     * a length that counts itself, the payload). Only Query and Parse payloads are held, and only until they end; the
     * SQL is recorded before the chunk that ends it is forwarded, so the driver cannot see a result before then.
     */
    private final class StatementCapture extends FilterOutputStream {
        private static final int HEADER_LENGTH = 5;

        private final List<String> connectionStatements;
        private final byte[] header = new byte[HEADER_LENGTH];
        private int headerRead;
        private int payloadLeft;
        private ByteArrayOutputStream sqlMessage;

        StatementCapture(OutputStream backend, List<String> connectionStatements) {
            super(backend);
            this.connectionStatements = connectionStatements;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            int end = offset + length;
            for (int i = offset; i < end;) {
                if (headerRead < HEADER_LENGTH) {
                    header[headerRead++] = bytes[i++];
                    if (headerRead == HEADER_LENGTH) {
                        startMessage();
                    }
                } else {
                    int n = Math.min(payloadLeft, end - i);
                    if (sqlMessage != null) {
                        sqlMessage.write(bytes, i, n);
                    }
                    payloadLeft -= n;
                    i += n;
                }
                if (headerRead == HEADER_LENGTH && payloadLeft == 0) {
                    endMessage();
                }
            }
            out.write(bytes, offset, length);
        }

        private void startMessage() throws IOException {
            int messageLength = ((header[1] & 0xff) << 24) | ((header[2] & 0xff) << 16) | ((header[3] & 0xff) << 8) | (header[4] & 0xff);
            if (messageLength < 4) {
                throw new IOException("Not a frontend protocol message: length " + messageLength);
            }
            payloadLeft = messageLength - 4;
            sqlMessage = header[0] == 'Q' || header[0] == 'P' ? new ByteArrayOutputStream() : null;
        }

        private void endMessage() {
            if (sqlMessage != null) {
                byte[] payload = sqlMessage.toByteArray();
                // Query is the SQL alone; Parse puts the statement's name first.
                int start = header[0] == 'Q' ? 0 : indexOfNul(payload, 0) + 1;
                record(connectionStatements, new String(payload, start, indexOfNul(payload, start) - start, StandardCharsets.UTF_8));
            }
            headerRead = 0;
            sqlMessage = null;
        }

        private static int indexOfNul(byte[] bytes, int from) {
            int i = from;
            while (i < bytes.length && bytes[i] != 0) {
                i++;
            }
            return i;
        }
    }

    @Override
    public synchronized void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        sockets.forEach(RedshiftStartupRelay::closeQuietly);
    }
}
