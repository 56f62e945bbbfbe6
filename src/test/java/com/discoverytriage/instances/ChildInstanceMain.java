package com.discoverytriage.instances;

import com.discoverytriage.loopback.JavacordLoopback;
import com.discoverytriage.loopback.LoopbackDiscord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The application in a process of its own, for {@link ChildInstance}: the same start as {@link AppInstance} (the
 * whole Spring application, its web server on a free port), its Javacord client pointed at the loopback gateway
 * whose URL and REST proxy port come as arguments.
 *
 * <p>Arguments: {@code READY_FILE NAME GATEWAY_URL REST_PROXY_PORT key=value...}. Once started it writes its HTTP
 * port to {@code READY_FILE}. It exits at once when its standard input ends, that is when the test JVM that started
 * it is gone, however it went, so that no instance outlives its test.
 */
public final class ChildInstanceMain {

    private ChildInstanceMain() {
    }

    public static void main(String[] args) throws IOException {
        Path ready = Path.of(args[0]);
        String name = args[1];
        String gatewayUrl = args[2];
        int restProxyPort = Integer.parseInt(args[3]);
        Map<String, String> properties = new HashMap<>();
        for (int i = 4; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            properties.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        exitWhenTheParentGoes();
        AppInstance instance = AppInstance.start(name, properties, builder -> {
            JavacordLoopback.setGateway(gatewayUrl);
            builder.setProxySelector(LoopbackDiscord.proxySelector(restProxyPort)).setTrustAllCertificates(true)
                    .setShutdownHookRegistrationEnabled(false);
        });
        Path written = ready.resolveSibling(ready.getFileName() + ".part");
        Files.writeString(written, Integer.toString(instance.port));
        Files.move(written, ready, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("[child " + name + "] ready on port " + instance.port);
    }

    /** The parent holds the other end of standard input: end of input means it died (or killed this one's pipe). */
    private static void exitWhenTheParentGoes() {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is ever sent; reading only waits for the end
                }
            } catch (IOException e) {
                // the pipe broke: the parent is gone too
            }
            System.out.println("[child] the test JVM is gone: halting");
            Runtime.getRuntime().halt(3);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
