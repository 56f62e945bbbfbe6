package com.discoverytriage.scenarios;

import com.discoverytriage.loopback.LoopbackDiscord;
import com.discoverytriage.loopback.LoopbackUser;
import com.discoverytriage.loopback.RecordedCall;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The consultant's living summary cards in the stand-in's private summary channel. */
final class Cards {

    private final LoopbackDiscord discord;

    Cards(LoopbackDiscord discord) {
        this.discord = discord;
    }

    private long channel() {
        return discord.guild().summaryChannelId();
    }

    /** The card about {@code prospect} (its description mentions them), as it stands now. */
    Optional<ObjectNode> of(LoopbackUser prospect) {
        return discord.messagesIn(channel()).stream().filter(m -> about(m, prospect)).reduce((a, b) -> b);
    }

    /** Waits until the card about {@code prospect} satisfies {@code condition}. */
    ObjectNode await(LoopbackUser prospect, Predicate<ObjectNode> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<ObjectNode> card = of(prospect).filter(condition);
            if (card.isPresent()) {
                return card.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the card about " + prospect.username() + " never matched; it is "
                        + of(prospect).map(Object::toString).orElse("not posted"));
            }
            sleep(50);
        }
    }

    /** Waits until the card's text contains {@code text}. */
    ObjectNode awaitText(LoopbackUser prospect, String text) {
        return await(prospect, card -> card.toString().contains(text), Duration.ofSeconds(20));
    }

    /**
     * Successful posts of a card about {@code prospect} (each a new message in the summary channel). The stand-in
     * records a request just after applying it, so this waits up to 5 s for the first one to be recorded.
     */
    List<RecordedCall> posts(LoopbackUser prospect) {
        return atLeastOne(() -> postsNow(prospect));
    }

    /** Successful edits of the card about {@code prospect} (waits up to 5 s for the first one to be recorded). */
    List<RecordedCall> edits(LoopbackUser prospect) {
        return atLeastOne(() -> editsNow(prospect));
    }

    private static List<RecordedCall> atLeastOne(java.util.function.Supplier<List<RecordedCall>> calls) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<RecordedCall> found = calls.get();
        while (found.isEmpty() && System.nanoTime() < deadline) {
            sleep(20);
            found = calls.get();
        }
        return found;
    }

    private List<RecordedCall> postsNow(LoopbackUser prospect) {
        return discord.requests("POST", "/channels/" + Long.toUnsignedString(channel()) + "/messages").stream()
                .filter(c -> c.status() == 200 && c.body().contains("<@" + prospect.idAsString() + ">")).toList();
    }

    private List<RecordedCall> editsNow(LoopbackUser prospect) {
        return discord.requests("PATCH", "/channels/" + Long.toUnsignedString(channel()) + "/messages/{id}").stream()
                .filter(c -> c.status() == 200 && c.body().contains("<@" + prospect.idAsString() + ">")).toList();
    }

    static boolean about(ObjectNode card, LoopbackUser prospect) {
        return card.path("embeds").path(0).path("description").asText().contains("<@" + prospect.idAsString() + ">");
    }

    static String text(ObjectNode card) {
        return card.toString();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
