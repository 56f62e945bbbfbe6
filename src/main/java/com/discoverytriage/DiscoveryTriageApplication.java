package com.discoverytriage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DiscoveryTriageApplication {

    public static void main(String[] args) {
        SpringApplication.run(DiscoveryTriageApplication.class, args);
    }
}
