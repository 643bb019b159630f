package io.flowtrack.jira.history;

import com.atlassian.jira.database.DbConnection;
import com.atlassian.jira.database.QueryDslAccessor;
import com.querydsl.sql.Configuration;
import com.querydsl.sql.H2Templates;
import com.querydsl.sql.SQLBaseListener;
import com.querydsl.sql.SQLListenerContext;
import com.querydsl.sql.SQLQuery;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jira's change-history tables on H2, shaped as Jira creates them (changegroup: ID, issueid, AUTHOR, CREATED;
 * changeitem: ID, groupid, FIELDTYPE, FIELD, OLDVALUE, OLDSTRING, NEWVALUE, NEWSTRING; values as unbounded text),
 * and a {@link QueryDslAccessor} over them that runs the plugin's queries with the real querydsl-sql library and
 * counts the SQL statements executed — the nearest real part of Jira's QueryDslAccessor that runs here.
 */
public final class JiraChangeTables implements QueryDslAccessor, AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private final Connection connection;
    private final Configuration configuration = new Configuration(H2Templates.DEFAULT);
    private final AtomicLong nextGroup = new AtomicLong(10_000);
    private final AtomicLong nextItem = new AtomicLong(20_000);
    /** SQL statements the accessor executed. */
    public final AtomicInteger statements = new AtomicInteger();
    /** Nanoseconds spent inside executeQuery (H2 running the SQL and QueryDSL reading the rows). */
    public final AtomicLong queryNanos = new AtomicLong();
    private PreparedStatement insertGroup;
    private PreparedStatement insertItem;

    public JiraChangeTables() {
        try {
            connection = DriverManager.getConnection("jdbc:h2:mem:jira-changes-" + DATABASES.incrementAndGet()
                    + ";DB_CLOSE_DELAY=-1");
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE changegroup (ID NUMERIC(18,0) PRIMARY KEY, issueid NUMERIC(18,0),"
                        + " AUTHOR VARCHAR(255), CREATED TIMESTAMP)");
                s.execute("CREATE INDEX chggroup_issue ON changegroup (issueid)");
                s.execute("CREATE TABLE changeitem (ID NUMERIC(18,0) PRIMARY KEY, groupid NUMERIC(18,0),"
                        + " FIELDTYPE VARCHAR(255), FIELD VARCHAR(255), OLDVALUE CLOB, OLDSTRING CLOB, NEWVALUE CLOB,"
                        + " NEWSTRING CLOB)");
                s.execute("CREATE INDEX chgitem_chggrp ON changeitem (groupid)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        configuration.addListener(new SQLBaseListener() {
            @Override
            public void executed(SQLListenerContext context) {
                statements.incrementAndGet();
            }
        });
    }

    @Override
    public <T> T executeQuery(com.atlassian.jira.database.QueryCallback<T> callback) {
        DbConnection db = () -> new SQLQuery<Void>(connection, configuration);
        long start = System.nanoTime();
        try {
            return callback.runQuery(db);
        } finally {
            queryNanos.addAndGet(System.nanoTime() - start);
        }
    }

    /** One change group of an issue with its items ({field, from, to} each), as Jira writes a transition or edit. */
    public long group(long issueId, Instant at, String[]... items) {
        long group = nextGroup.getAndIncrement();
        try {
            if (insertGroup == null) {
                insertGroup = connection.prepareStatement("INSERT INTO changegroup VALUES (?, ?, 'alice', ?)");
                insertItem = connection.prepareStatement("INSERT INTO changeitem VALUES (?, ?, 'jira', ?, ?, ?, ?, ?)");
            }
            PreparedStatement g = insertGroup;
            PreparedStatement i = insertItem;
            g.setLong(1, group);
            g.setLong(2, issueId);
            g.setTimestamp(3, Timestamp.from(at));
            g.executeUpdate();
            for (String[] item : items) {
                i.setLong(1, nextItem.getAndIncrement());
                i.setLong(2, group);
                i.setString(3, item[0]);
                i.setString(4, item[1]);
                i.setString(5, item[1] == null ? null : "name of " + item[1]);
                i.setString(6, item[2]);
                i.setString(7, item[2] == null ? null : "name of " + item[2]);
                i.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return group;
    }

    /**
     * One change group with one custom-field item (fieldtype custom), its raw values and display strings as given,
     * as Jira writes an edit of Jira Software's Flagged field: {@code [10019]}/{@code Impediment} when set, nothing
     * when cleared.
     */
    public long customItem(long issueId, Instant at, String field, String from, String fromString, String to,
                           String toString) {
        long group = nextGroup.getAndIncrement();
        try (PreparedStatement g = connection.prepareStatement("INSERT INTO changegroup VALUES (?, ?, 'alice', ?)");
             PreparedStatement i = connection.prepareStatement(
                     "INSERT INTO changeitem VALUES (?, ?, 'custom', ?, ?, ?, ?, ?)")) {
            g.setLong(1, group);
            g.setLong(2, issueId);
            g.setTimestamp(3, Timestamp.from(at));
            g.executeUpdate();
            i.setLong(1, nextItem.getAndIncrement());
            i.setLong(2, group);
            i.setString(3, field);
            i.setString(4, from);
            i.setString(5, fromString);
            i.setString(6, to);
            i.setString(7, toString);
            i.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return group;
    }

    @Override
    public void close() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SHUTDOWN");
        }
        connection.close();
    }
}
