package com.discoverytriage.scoring;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one rule engine, shared by every transport. Lives here, not in diagnostic, to keep the packages acyclic. */
@Configuration(proxyBeanMethods = false)
public class ScoringConfiguration {

    @Bean
    Rules rules() {
        return new Rules();
    }
}
