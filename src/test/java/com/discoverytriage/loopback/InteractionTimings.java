package com.discoverytriage.loopback;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Dispatch-to-callback times of the interactions the stand-in dispatched: the time between sending
 * INTERACTION_CREATE and receiving the first {@code POST /interactions/{id}/{token}/callback}.
 */
public final class InteractionTimings {

    /** One interaction: its id and, once answered, how long the callback took. */
    public record Timing(long interactionId, Optional<Duration> dispatchToCallback) {
    }

    private final List<Timing> timings;

    InteractionTimings(Collection<Timing> timings) {
        this.timings = List.copyOf(timings);
    }

    public List<Timing> all() {
        return timings;
    }

    public List<Duration> answered() {
        return timings.stream().flatMap(t -> t.dispatchToCallback().stream()).sorted().toList();
    }

    public List<Long> unanswered() {
        return timings.stream().filter(t -> t.dispatchToCallback().isEmpty()).map(Timing::interactionId).toList();
    }

    /** Nearest-rank percentile of the answered interactions; zero when none was answered. */
    public Duration percentile(double percent) {
        List<Duration> sorted = answered();
        if (sorted.isEmpty()) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    public Duration max() {
        return answered().stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    }

    /** Interactions answered later than {@code deadline}. */
    public List<Timing> slowerThan(Duration deadline) {
        List<Timing> slow = new ArrayList<>();
        for (Timing timing : timings) {
            timing.dispatchToCallback().filter(d -> d.compareTo(deadline) > 0).ifPresent(d -> slow.add(timing));
        }
        return slow;
    }

    /** For example {@code interactions=12 answered=12 p50=41ms p99=230ms max=230ms}. */
    public String report() {
        return "interactions=" + timings.size() + " answered=" + answered().size()
                + " p50=" + percentile(50).toMillis() + "ms"
                + " p99=" + percentile(99).toMillis() + "ms"
                + " max=" + max().toMillis() + "ms";
    }

    @Override
    public String toString() {
        return report();
    }
}
