package com.discoverytriage.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options of one command: {@code --name value} or {@code --name=value} for the options it declares,
 * {@code --flag} for its flags, up to {@code maxPositionals} plain words, and (for commands that start the
 * application) Spring properties passed through as {@code --some.key=value}. Anything else is a usage error.
 */
final class Arguments {

    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> flags = new ArrayList<>();
    private final List<String> positionals = new ArrayList<>();
    private final List<String> passThrough = new ArrayList<>();

    private Arguments() {
    }

    static Arguments parse(List<String> args, Set<String> valued, Set<String> flagNames, int maxPositionals,
            boolean allowSpringProperties) {
        Arguments parsed = new Arguments();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                if (arg.startsWith("-") && arg.length() > 1) {
                    throw new UsageException("unknown option '" + arg + "'");
                }
                if (parsed.positionals.size() >= maxPositionals) {
                    throw new UsageException("unexpected argument '" + arg + "'");
                }
                parsed.positionals.add(arg);
                continue;
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            if (valued.contains(name)) {
                String value;
                if (eq >= 0) {
                    value = body.substring(eq + 1);
                } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    value = args.get(++i);
                } else {
                    throw new UsageException("option --" + name + " needs a value");
                }
                if (value.isBlank()) {
                    throw new UsageException("option --" + name + " needs a value");
                }
                if (parsed.options.put(name, value) != null) {
                    throw new UsageException("option --" + name + " is given twice");
                }
            } else if (flagNames.contains(name)) {
                if (eq >= 0) {
                    throw new UsageException("option --" + name + " takes no value");
                }
                parsed.flags.add(name);
            } else if (allowSpringProperties && eq > 0 && name.contains(".")) {
                parsed.passThrough.add(arg);
            } else {
                throw new UsageException("unknown option '--" + name + "'");
            }
        }
        return parsed;
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    String required(String name) {
        return option(name).orElseThrow(() -> new UsageException("option --" + name + " is required"));
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    Optional<String> positional(int index) {
        return index < positionals.size() ? Optional.of(positionals.get(index)) : Optional.empty();
    }

    /** Spring properties given as {@code --key=value}, for the commands that start the application. */
    List<String> passThrough() {
        return List.copyOf(passThrough);
    }
}
