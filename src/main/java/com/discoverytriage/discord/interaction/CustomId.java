package com.discoverytriage.discord.interaction;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a button or modal carries in its {@code custom_id}: {@code <kind>:<subject>:<step>:<action>:<nonce>}.
 * For a triage the subject is the prospect's Discord user id and the step is the view's step, so a click by
 * someone else or on an old question is recognised; the nonce is a MAC over the rest (see {@link CustomIds}), so a
 * forged or edited id is rejected.
 *
 * @param kind    {@link #TRIAGE}, {@link #MODAL}, {@link #PANEL}, {@link #CARD} or {@link #FORGET}
 * @param subject the prospect's user id, a triage id for a card, the requester's user id for a forget confirmation
 * @param action  what the click does ({@code a=yes}, {@code back}, {@code status=contacted}, ...)
 */
public record CustomId(String kind, String subject, long step, String action) {

    public static final String TRIAGE = "t";
    public static final String MODAL = "m";
    public static final String PANEL = "p";
    public static final String CARD = "c";
    /** The confirmation of {@code /triage-forget}: its step is a fingerprint of what was stored when it was shown. */
    public static final String FORGET = "f";

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.=\\-]+");

    public CustomId {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(action, "action");
        if (!PART.matcher(kind).matches() || !PART.matcher(subject).matches() || !PART.matcher(action).matches()) {
            throw new IllegalArgumentException("custom id parts are letters, digits and _ . = - only");
        }
        if (step < 0) {
            throw new IllegalArgumentException("step is not negative");
        }
    }

    String body() {
        return kind + ":" + subject + ":" + step + ":" + action;
    }

    public boolean isAnswer() {
        return action.startsWith("a=");
    }

    public String argument() {
        int eq = action.indexOf('=');
        return eq < 0 ? "" : action.substring(eq + 1);
    }

    public String verb() {
        int eq = action.indexOf('=');
        return eq < 0 ? action : action.substring(0, eq);
    }
}
