package com.discoverytriage.diagnostic;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Loads the conversation files once at start-up, before anything heavy (database, migrations, web server) starts:
 * as a bean-factory post-processor, which Spring runs before it creates any ordinary bean. Invalid files stop the
 * application; {@link ConversationFilesFailureAnalyzer} lists every problem with its fix.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TriageFilesProperties.class)
public class DiagnosticConfiguration {

    static final String CATALOG_BEAN = "diagnosticCatalog";

    private static final Logger log = LoggerFactory.getLogger(DiagnosticConfiguration.class);

    @Bean
    DiagnosticLoader diagnosticLoader() {
        return new DiagnosticLoader();
    }

    /** Declared as the class, not the interface, so that Spring sees its order before creating it. */
    @Bean
    static CatalogLoader conversationFilesFirst(Environment environment) {
        return new CatalogLoader(environment);
    }

    /** Loads the catalog and registers it as the {@link DiagnosticCatalog} bean. */
    static final class CatalogLoader implements BeanFactoryPostProcessor, Ordered {

        private final Environment environment;

        CatalogLoader(Environment environment) {
            this.environment = environment;
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            TriageFilesProperties properties = Binder.get(environment).bind("triage", TriageFilesProperties.class)
                    .orElseGet(() -> new TriageFilesProperties(null));
            ConversationFiles files = properties.files();
            DiagnosticCatalog catalog = new DiagnosticLoader().load(files);
            catalog.diagnostics().forEach(d -> log.info("Loaded diagnostic {} from {} in {} (version {}, {} questions)",
                    d.id(), d.source(), files.description(), d.version(), d.questions().size()));
            beanFactory.registerSingleton(CATALOG_BEAN, catalog);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE - 10;
        }
    }
}
