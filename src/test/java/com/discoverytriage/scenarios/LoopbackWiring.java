package com.discoverytriage.scenarios;

import com.discoverytriage.discord.DiscordConfiguration.DiscordApiCustomiser;
import com.discoverytriage.discord.http.DiscordHttpCustomiser;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Test beans of the shared scenario context: the application's Discord clients pointed at the stand-in. */
@TestConfiguration(proxyBeanMethods = false)
class LoopbackWiring {

    @Bean
    DiscordApiCustomiser loopbackJavacord() {
        return builder -> SharedLoopback.pointAt(SharedLoopback.DISCORD, builder);
    }

    @Bean
    DiscordHttpCustomiser loopbackCallbacks() {
        return builder -> SharedLoopback.pointAt(SharedLoopback.DISCORD, builder);
    }

    @Bean
    static SlowDatabase slowDatabase() {
        return new SlowDatabase();
    }
}
