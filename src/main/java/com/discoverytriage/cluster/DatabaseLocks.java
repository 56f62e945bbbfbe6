package com.discoverytriage.cluster;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work that must happen in one place at a time, across every process on one database. On PostgreSQL these are
 * session advisory locks ({@code pg_try_advisory_lock}) on a connection of their own: a process that dies loses its
 * connection and with it its locks, so another takes over without any lease to wait out. On H2 (one process by
 * design) a lock in memory is enough, except for {@link #tryHold}, which also locks a row so that a second process
 * in H2's mixed mode is refused with a clear message.
 */
public class DatabaseLocks {

    /** The first key of every advisory lock of this application ("TRIA"), the second is the name's CRC-32. */
    static final int NAMESPACE = 0x54524941;
    /** How long a second process on H2 waits for the row before it is told H2 is single-instance. */
    static final int H2_LOCK_WAIT_MILLIS = 3000;
    private static final Logger log = LoggerFactory.getLogger(DatabaseLocks.class);

    private final DataSource dataSource;
    private final boolean postgres;
    private final Map<String, ReentrantLock> local = new ConcurrentHashMap<>();

    public DatabaseLocks(DataSource dataSource) {
        this.dataSource = dataSource;
        this.postgres = isPostgres(dataSource);
    }

    public boolean shared() {
        return postgres;
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to learn its kind", e);
        }
    }

    /**
     * Runs {@code work} unless this lock is held elsewhere (another thread, another process); answers whether it ran.
     * For periodic passes: a pass skipped here is done by whoever holds the lock.
     */
    public boolean ifFree(String name, Runnable work) {
        return run(name, false, () -> {
            work.run();
            return Boolean.TRUE;
        }).isPresent();
    }

    /** Runs {@code work} once this lock is free, waiting for whoever holds it: for one-off work such as registration. */
    public <T> T exclusively(String name, Supplier<T> work) {
        return run(name, true, work).orElse(null);
    }

    private <T> Optional<T> run(String name, boolean wait, Supplier<T> work) {
        ReentrantLock inProcess = local.computeIfAbsent(name, n -> new ReentrantLock());
        if (wait) {
            inProcess.lock();
        } else if (!inProcess.tryLock()) {
            return Optional.empty();
        }
        try {
            if (!postgres) {
                return Optional.ofNullable(work.get());
            }
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                if (!advisory(c, wait ? "pg_advisory_lock" : "pg_try_advisory_lock", name, wait)) {
                    return Optional.empty();
                }
                try {
                    return Optional.ofNullable(work.get());
                } finally {
                    advisory(c, "pg_advisory_unlock", name, false);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("database lock " + name + " failed: " + e.getSQLState(), e);
            }
        } finally {
            inProcess.unlock();
        }
    }

    /**
     * Takes a lock to keep until {@link Held#close} or until this process dies (the gateway leader). Empty when
     * another process holds it. On H2 the row is locked in an open transaction; a second process there waits the
     * database's lock timeout and is then told that H2 is single-instance.
     */
    public Optional<Held> tryHold(String name) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            if (postgres) {
                c.setAutoCommit(true);
                if (!advisory(c, "pg_try_advisory_lock", name, false)) {
                    c.close();
                    return Optional.empty();
                }
            } else {
                c.setAutoCommit(false);
                try (var timeout = c.createStatement()) {
                    timeout.execute("SET LOCK_TIMEOUT " + H2_LOCK_WAIT_MILLIS);
                }
                try (PreparedStatement s = c.prepareStatement("SELECT name FROM instance_lock WHERE name = ? FOR UPDATE")) {
                    s.setString(1, name);
                    s.executeQuery().close();
                } catch (SQLException e) {
                    c.rollback();
                    c.close();
                    throw new SingleInstanceException("another bot process already runs on this H2 database: H2 is "
                            + "for one instance only. Stop the other process, or use PostgreSQL "
                            + "(SPRING_DATASOURCE_URL=jdbc:postgresql://...) to run several instances.", e);
                }
            }
            return Optional.of(new Held(name, c, postgres));
        } catch (SQLException e) {
            close(c);
            throw new IllegalStateException("database lock " + name + " failed: " + e.getSQLState(), e);
        }
    }

    /** A lock held on its own connection. */
    public static final class Held implements AutoCloseable {

        private final String name;
        private final Connection connection;
        private final boolean postgres;

        private Held(String name, Connection connection, boolean postgres) {
            this.name = name;
            this.connection = connection;
            this.postgres = postgres;
        }

        /** False once the connection holding the lock is gone (the database restarted, the network broke). */
        public boolean stillHeld() {
            try {
                return connection.isValid(2);
            } catch (SQLException e) {
                return false;
            }
        }

        @Override
        public void close() {
            try {
                if (postgres) {
                    advisory(connection, "pg_advisory_unlock", name, false);
                } else {
                    connection.rollback();
                }
            } catch (SQLException | RuntimeException e) {
                log.debug("releasing lock {}: {}", name, e.getClass().getSimpleName());
            }
            DatabaseLocks.close(connection);
        }
    }

    private static boolean advisory(Connection c, String function, String name, boolean blocking) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + function + "(?, ?)")) {
            s.setInt(1, NAMESPACE);
            s.setInt(2, key(name));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                // pg_advisory_lock returns void (read as null): reaching here means it was granted
                return blocking || rs.getBoolean(1);
            }
        }
    }

    static int key(String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                log.debug("closing a lock connection: {}", e.getSQLState());
            }
        }
    }

    /** A second process on a database that supports one. */
    public static class SingleInstanceException extends IllegalStateException {
        public SingleInstanceException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
