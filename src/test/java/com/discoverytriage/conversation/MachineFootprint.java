package com.discoverytriage.conversation;

import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.diagnostic.DiagnosticLoader;
import com.discoverytriage.scoring.Rules;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jol.info.GraphLayout;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.statemachine.StateMachine;

/**
 * Measures (does not assert) how much memory one pooled conversation machine retains, after it has served
 * commands: the size of the object graph of two machines minus that of one, so what the machines share (the
 * catalog, the rules, Spring's and Reactor's singletons) is not counted. For the shipped conversations and for
 * one diagnostic of 10 and of 80 questions.
 *
 * <p>Run: {@code ./mvnw -B -Pbenchmark test-compile exec:exec
 * -Dbenchmark.main=com.discoverytriage.conversation.MachineFootprint} (JMH's arguments are ignored).
 */
public final class MachineFootprint {

    private MachineFootprint() {
    }

    public static void main(String[] args) {
        System.out.printf("%-36s %10s %14s%n", "catalog", "questions", "per machine");
        report("conversations/ (shipped)", new DiagnosticLoader().load(Path.of("conversations")));
        report("one diagnostic of 10", TestCatalogs.ofSize(10));
        report("one diagnostic of 80", TestCatalogs.ofSize(80));
    }

    private static void report(String name, DiagnosticCatalog catalog) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:footprint-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        StateMachineConversationService service = new StateMachineConversationService(catalog, new Rules(),
                dataSource, new DataSourceTransactionManager(dataSource), List.of(), null, Clock.systemUTC(),
                new ConversationProperties(2, 0), StateMachineConversationService.DEFAULT_RETENTION_DAYS);
        String diagnostic = catalog.diagnostics().get(0).id();
        int questions = catalog.diagnostics().stream().mapToInt(d -> d.questions().size()).sum();
        for (int prospect = 0; prospect < 4; prospect++) {
            ProspectId id = new ProspectId("footprint:" + prospect);
            service.handle(id, new Command.Start(diagnostic, null));
            for (int answer = 0; answer < 5; answer++) {
                service.handle(id, new Command.Answer("no"));
            }
            service.handle(id, new Command.Back());
        }
        MachinePool pool = service.pool();
        StateMachine<String, ConversationEvents> first = pool.acquire();
        StateMachine<String, ConversationEvents> second = pool.acquire();
        try {
            long one = GraphLayout.parseInstance(first).totalSize();
            long two = GraphLayout.parseInstance(first, second).totalSize();
            System.out.printf("%-36s %10d %11.1f KB%n", name, questions, (two - one) / 1024.0);
        } finally {
            pool.release(first);
            pool.release(second);
        }
    }
}
