package com.discoverytriage.cluster;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A second process on the embedded H2 file: H2 refuses the file (error 90020, "database may be already in use")
 * or, in H2's mixed mode, the gateway row is locked. Either way one clear message: H2 is for one instance.
 */
public class SingleInstanceFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    static final int H2_DATABASE_ALREADY_OPEN = 90020;
    static final String MESSAGE = "another process already uses this H2 database file: the embedded H2 database is "
            + "for one instance only.";
    static final String ACTION = "Stop the other process (or point this one at another spring.datasource.url). To "
            + "run several instances, use PostgreSQL: SPRING_DATASOURCE_URL=jdbc:postgresql://HOST/DB (README, "
            + "\"Several instances\").";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        if (cause.getErrorCode() != H2_DATABASE_ALREADY_OPEN) {
            return null;
        }
        return new FailureAnalysis(MESSAGE, ACTION, cause);
    }
}
