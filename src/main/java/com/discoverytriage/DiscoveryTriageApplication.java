package com.discoverytriage;

import com.discoverytriage.cli.Cli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DiscoveryTriageApplication {

    /** No arguments (or only Spring options): the bot. Otherwise a command: console, describe, score, ... */
    public static void main(String[] args) {
        if (Cli.runsBot(args)) {
            SpringApplication.run(DiscoveryTriageApplication.class, args);
            return;
        }
        System.exit(Cli.standard().run(args));
    }
}
