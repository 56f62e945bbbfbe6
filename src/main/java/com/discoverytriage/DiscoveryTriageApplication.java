package com.discoverytriage;

import com.discoverytriage.cli.Cli;
import com.discoverytriage.storage.EmbeddedDatabaseFiles;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DiscoveryTriageApplication {

    /** No arguments (or only Spring options): the bot. Otherwise a command: console, describe, score, ... */
    public static void main(String[] args) {
        EmbeddedDatabaseFiles.loopbackOnly();
        if (Cli.runsBot(args)) {
            try {
                SpringApplication.run(DiscoveryTriageApplication.class, args);
            } catch (SpringApplication.AbandonedRunException e) {
                throw e; // the build's AOT processing stops the run once the bean definitions are known
            } catch (RuntimeException e) {
                // Spring Boot has reported why; exit even if a client library left non-daemon threads behind
                // (Javacord's, after a login that never reached Discord: it offers no handle to stop them)
                System.exit(1);
            }
            return;
        }
        System.exit(Cli.standard().run(args));
    }
}
