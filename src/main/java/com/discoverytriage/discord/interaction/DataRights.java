package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.render.MessageSpec;
import com.discoverytriage.discord.render.MessageSpec.Button;
import com.discoverytriage.discord.render.MessageSpec.Embed;
import com.discoverytriage.discord.render.MessageSpec.Row;
import com.discoverytriage.discord.render.MessageSpec.Style;

import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ConversationSnapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the data-rights handlers share: {@link ForgetCommand} ({@code /triage-forget}, a prospect's own data, or a
 * consultant's for another user, after a confirmation), {@link ForgetConfirmation} (its Erase everything / Keep
 * buttons) and {@link ExportCommand} ({@code /triage-export}, the consultant's CSV of triages): their texts and
 * options, and the confirmation with its fingerprint.
 *
 * <p>The confirmation's custom id carries the requester (only they can click it), the user to erase and, as its
 * step, a fingerprint of what was stored when it was shown (the conversation's triage id). A click when the
 * fingerprint no longer matches (erased already, or a new fit check started since) erases nothing, so a double
 * click, a click replayed after a restart or an old confirmation never touches data it did not describe.
 */
public final class DataRights {

    static final String CONFIRM_SELF = "This erases your answers, your summary and the card the consultant sees. "
            + "It cannot be undone.";
    static final String DONE_SELF = "Done: everything about you has been erased.";
    static final String DONE_OTHER = "Done: everything stored about that user has been erased.";
    static final String KEPT = "Kept: nothing was erased.";
    static final String STALE = "This confirmation is out of date (already done, or a new fit check started since): "
            + "nothing was erased. Run /triage-forget again if you still want to.";
    static final String ALREADY = "Already done: this confirmation was used.";
    static final String NOT_YOURS = "This confirmation belongs to someone else: nothing was erased.";
    static final String OTHERS_CONSULTANT_ONLY = "Only the consultant can erase someone else's data. "
            + "Run /triage-forget without a user to erase your own.";
    static final String EXPORT_CONSULTANT_ONLY = "Only the consultant can export triages.";
    static final String BAD_DATE = "Dates are written like 2025-01-31 (year-month-day). Please try again.";
    static final String BAD_RANGE = "`since` must be before `until`. Please try again.";
    static final String NOTHING_TO_EXPORT = "No triages started in that range: nothing to export.";
    static final String UNAVAILABLE = "Something went wrong on our side. Please try again in a moment.";

    static final String USER_OPTION = "user";
    static final String SINCE_OPTION = "since";
    static final String UNTIL_OPTION = "until";
    /** Below Discord's smallest per-file limit for a bot's message (the default upload limit of a server). */
    public static final int MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024;

    static final String ERASE = "erase";
    static final String KEEP = "keep";
    private static final int WARNING_COLOR = 0xED4245;

    private final ConversationService conversations;
    private final CustomIds ids;

    DataRights(ConversationService conversations, CustomIds ids) {
        this.conversations = conversations;
        this.ids = ids;
    }

    MessageSpec confirmation(long requester, long target) {
        long fingerprint = fingerprint(target);
        boolean self = requester == target;
        String subject = Long.toUnsignedString(requester);
        String erase = ids.encode(new CustomId(CustomId.FORGET, subject, fingerprint,
                ERASE + "=" + Long.toUnsignedString(target)));
        String keep = ids.encode(new CustomId(CustomId.FORGET, subject, fingerprint, KEEP));
        Embed embed = self
                ? new Embed("Erase everything about you?", CONFIRM_SELF, WARNING_COLOR, List.of(), null)
                : new Embed("Erase everything about this user?", "This erases the answers, the summary and the card "
                        + "of <@" + Long.toUnsignedString(target) + "> (user id " + Long.toUnsignedString(target)
                        + "). It cannot be undone.", WARNING_COLOR, List.of(), null);
        return MessageSpec.of(null, embed, List.of(Row.of(Button.of(Style.DANGER, "Erase everything", erase),
                Button.of(Style.SECONDARY, "Keep", keep)))).asEphemeral(true);
    }

    /**
     * What is stored about the user now, as a custom id step: 0 when nothing, else a hash of the conversation's
     * triage id (a new fit check is a new triage id).
     */
    long fingerprint(long userId) {
        Optional<String> triageId = conversations.find(DiscordProspects.of(userId)).map(ConversationSnapshot::triageId);
        if (triageId.isEmpty()) {
            return 0;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(triageId.get().getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int b = 0; b < 5; b++) {
                value = (value << 8) | (digest[b] & 0xFF);
            }
            return value == 0 ? 1 : value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static OptionalLong userId(String value) {
        if (value == null || value.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseUnsignedLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
