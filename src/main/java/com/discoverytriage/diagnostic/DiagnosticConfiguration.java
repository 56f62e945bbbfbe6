package com.discoverytriage.diagnostic;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the conversation files once at start-up. Invalid files stop the application; {@link
 * ConversationFilesFailureAnalyzer} lists every problem with its fix.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TriageFilesProperties.class)
public class DiagnosticConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DiagnosticConfiguration.class);

    @Bean
    DiagnosticLoader diagnosticLoader() {
        return new DiagnosticLoader();
    }

    @Bean
    DiagnosticCatalog diagnosticCatalog(DiagnosticLoader loader, TriageFilesProperties properties) {
        Path directory = Path.of(properties.conversationsDir());
        DiagnosticCatalog catalog = loader.load(directory);
        catalog.diagnostics().forEach(d -> log.info("Loaded diagnostic {} from {} (version {}, {} questions)",
                d.id(), d.source(), d.version(), d.questions().size()));
        return catalog;
    }
}
