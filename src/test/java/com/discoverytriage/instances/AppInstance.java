package com.discoverytriage.instances;

import com.discoverytriage.DiscoveryTriageApplication;
import com.discoverytriage.discord.gateway.DiscordBot;
import com.discoverytriage.discord.DiscordConfiguration.DiscordApiCustomiser;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/** One whole application process, in this JVM: its own web server on a free port, its own Spring context. */
final class AppInstance implements AutoCloseable {

    final String name;
    final ConfigurableApplicationContext context;
    final int port;

    private AppInstance(String name, ConfigurableApplicationContext context) {
        this.name = name;
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /**
     * Starts the application with {@code properties} (plus a free port); {@code javacord} (may be null) points its
     * Javacord client at a stand-in.
     */
    static AppInstance start(String name, Map<String, String> properties, Consumer<org.javacord.api.DiscordApiBuilder> javacord) {
        Map<String, String> all = new HashMap<>(properties);
        all.put("server.port", "0");
        all.put("server.address", "127.0.0.1");
        // the Actuator's own port: a free one each, as two processes on two machines would each have 8081
        all.put("management.server.port", "0");
        all.put("management.server.address", "127.0.0.1");
        String[] arguments = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(DiscoveryTriageApplication.class)
                .web(WebApplicationType.SERVLET)
                .initializers(c -> {
                    if (javacord != null) {
                        ((GenericApplicationContext) c).registerBean(name + "Javacord", DiscordApiCustomiser.class,
                                () -> javacord::accept);
                    }
                })
                .run(arguments);
        return new AppInstance(name, context);
    }

    String endpoint() {
        return "http://127.0.0.1:" + port + "/discord/interactions";
    }

    boolean gatewayLeader() {
        return context.isActive() && context.getBean(DiscordBot.class).gatewayLeader();
    }

    /** Stops the process as a crash would look from outside: its web server, its connections and locks go. */
    @Override
    public void close() {
        if (context.isActive()) {
            context.close();
        }
    }
}
