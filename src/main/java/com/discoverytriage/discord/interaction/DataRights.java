package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.DiscordFailure;
import com.discoverytriage.discord.render.MessageSpec;
import com.discoverytriage.discord.render.ProspectRenderer;

import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.discord.render.MessageSpec.Button;
import com.discoverytriage.discord.render.MessageSpec.Embed;
import com.discoverytriage.discord.render.MessageSpec.Row;
import com.discoverytriage.discord.render.MessageSpec.Style;
import com.discoverytriage.export.Csv;
import com.discoverytriage.export.ExportRow;
import com.discoverytriage.export.TriageExport;
import com.discoverytriage.lifecycle.ForgetService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /triage-forget} (a prospect's own data, or a consultant's for another user, after a confirmation) and
 * {@code /triage-export} (the consultant's CSV of triages). As everywhere in the adapter: on the listener thread only
 * checks that need no database and the acknowledgement; the work runs on the executor and edits the response.
 *
 * <p>The confirmation's custom id carries the requester (only they can click it), the user to erase and, as its
 * step, a fingerprint of what was stored when it was shown (the conversation's triage id). A click when the
 * fingerprint no longer matches (erased already, or a new fit check started since) erases nothing, so a double
 * click, a click replayed after a restart or an old confirmation never touches data it did not describe.
 */
public class DataRights {

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

    private static final int WARNING_COLOR = 0xED4245;
    private static final String ERASE = "erase";
    private static final String KEEP = "keep";
    private static final Logger log = LoggerFactory.getLogger(DataRights.class);

    private final ConversationService conversations;
    private final ForgetService forget;
    private final TriageExport export;
    private final CustomIds ids;
    private final Executor executor;
    private final Clock clock;
    private final int maxAttachmentBytes;
    private final BoundedLru<String, Boolean> usedConfirmations = new BoundedLru<>(10_000);

    public DataRights(ConversationService conversations, ForgetService forget, TriageExport export, CustomIds ids,
            Executor executor, Clock clock, int maxAttachmentBytes) {
        this.conversations = conversations;
        this.forget = forget;
        this.export = export;
        this.ids = ids;
        this.executor = executor;
        this.clock = clock;
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    // ---- /triage-forget

    /** {@code /triage-forget [user]}: the confirmation, ephemeral. */
    void forgetCommand(Interaction i, Responder r) {
        OptionalLong chosen = userId(i.optionValue(USER_OPTION));
        long target = chosen.orElse(i.userId());
        if (target != i.userId() && !i.consultant()) {
            r.reply(ProspectRenderer.note(OTHERS_CONSULTANT_ONLY).asEphemeral(true));
            return;
        }
        later(i, r, r.deferReply(true), () -> confirmation(i.userId(), target, fingerprint(target)));
    }

    /** A click on Erase everything or Keep. */
    void confirmationClick(Interaction i, CustomId id, Responder r) {
        if (!id.subject().equals(Long.toUnsignedString(i.userId()))) {
            r.reply(ProspectRenderer.note(NOT_YOURS).asEphemeral(true));
            return;
        }
        if (id.verb().equals(KEEP)) {
            send(r.deferUpdate().thenCompose(v -> r.editOriginal(ProspectRenderer.note(KEPT))), i);
            return;
        }
        OptionalLong target = userId(id.argument());
        if (!id.verb().equals(ERASE) || target.isEmpty()) {
            r.reply(ProspectRenderer.note(TriageInteractions.EXPIRED).asEphemeral(true));
            return;
        }
        boolean self = target.getAsLong() == i.userId();
        if (!self && !i.consultant()) {
            r.reply(ProspectRenderer.note(OTHERS_CONSULTANT_ONLY).asEphemeral(true));
            return;
        }
        if (!usedConfirmations.add(i.customId(), Boolean.TRUE)) {
            r.reply(ProspectRenderer.note(ALREADY).asEphemeral(true));
            return;
        }
        later(i, r, r.deferUpdate(), () -> {
            if (fingerprint(target.getAsLong()) != id.step()) {
                return ProspectRenderer.note(STALE);
            }
            ForgetService.Result result;
            try {
                result = forget.forget(DiscordProspects.of(target.getAsLong()));
            } catch (RuntimeException e) {
                usedConfirmations.remove(i.customId()); // nothing was erased: the same button may be tried again
                throw e;
            }
            log.info("erased on request through Discord ({}): {} triage(s)", self ? "the prospect" : "a consultant",
                    result.triages());
            return ProspectRenderer.note(self ? DONE_SELF : DONE_OTHER);
        });
    }

    private MessageSpec confirmation(long requester, long target, long fingerprint) {
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

    private static OptionalLong userId(String value) {
        if (value == null || value.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseUnsignedLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    // ---- /triage-export

    /** {@code /triage-export [since] [until]}: the CSV attached to an ephemeral response. */
    void exportCommand(Interaction i, Responder r) {
        if (!i.consultant()) {
            r.reply(ProspectRenderer.note(EXPORT_CONSULTANT_ONLY).asEphemeral(true));
            return;
        }
        Optional<LocalDate> since;
        Optional<LocalDate> until;
        try {
            since = date(i.optionValue(SINCE_OPTION));
            until = date(i.optionValue(UNTIL_OPTION));
        } catch (DateTimeParseException e) {
            r.reply(ProspectRenderer.note(BAD_DATE).asEphemeral(true));
            return;
        }
        if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
            r.reply(ProspectRenderer.note(BAD_RANGE).asEphemeral(true));
            return;
        }
        CompletableFuture<Void> ack = r.deferReply(true);
        execute(i, r, ack, () -> {
            List<ExportRow> rows = export.rows(since.map(DataRights::startOf).orElse(null),
                    until.map(DataRights::startOf).orElse(null));
            if (rows.isEmpty()) {
                send(ack.thenCompose(v -> r.editOriginal(ProspectRenderer.note(NOTHING_TO_EXPORT))), i);
                return;
            }
            byte[] csv = Csv.write(export.table(rows)).getBytes(StandardCharsets.UTF_8);
            String range = since.map(LocalDate::toString).orElse("start") + "-"
                    + until.map(LocalDate::toString).orElse(LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString());
            if (csv.length > maxAttachmentBytes) {
                send(ack.thenCompose(v -> r.editOriginal(ProspectRenderer.note(tooLarge(rows.size(), csv.length)))), i);
                return;
            }
            String text = rows.size() + (rows.size() == 1 ? " triage" : " triages") + " started "
                    + describe(since, until) + " (UTF-8 CSV, one row per triage, one column per question).";
            send(ack.thenCompose(v -> r.editOriginalWithFile(ProspectRenderer.note(text), "triages-" + range + ".csv",
                    csv)), i);
        });
    }

    private String tooLarge(int rows, int bytes) {
        return "The export of " + rows + " triages is " + (bytes / (1024 * 1024) + 1) + " MB, more than Discord "
                + "accepts as an attachment here (" + maxAttachmentBytes / (1024 * 1024) + " MB). Choose a shorter "
                + "range with `since` and `until`, or run the command-line export on the server: "
                + "`java -jar discovery-triage.jar export --since YYYY-MM-DD > triages.csv`.";
    }

    private static String describe(Optional<LocalDate> since, Optional<LocalDate> until) {
        if (since.isEmpty() && until.isEmpty()) {
            return "at any time";
        }
        return since.map(d -> "from " + d).orElse("")
                + (since.isPresent() && until.isPresent() ? " " : "")
                + until.map(d -> "before " + d).orElse("");
    }

    private static Optional<LocalDate> date(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(LocalDate.parse(value.trim()));
    }

    private static Instant startOf(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    // ---- the executor

    private void later(Interaction i, Responder r, CompletableFuture<Void> ack, Supplier<MessageSpec> work) {
        execute(i, r, ack, () -> {
            MessageSpec result = work.get();
            send(ack.thenCompose(v -> r.editOriginal(result)), i);
        });
    }

    /** Runs {@code work} only once the acknowledgement went through: an unacknowledged click changes nothing. */
    private void execute(Interaction i, Responder r, CompletableFuture<Void> ack, Runnable work) {
        ack.whenComplete((acknowledged, failure) -> {
            if (failure != null) {
                log.info("{} was not acknowledged ({}): nothing changed", i, DiscordFailure.of(failure));
                return;
            }
            try {
                executor.execute(() -> {
                    try {
                        work.run();
                    } catch (RuntimeException e) {
                        log.error("handling {} failed: {}", i, e.getClass().getSimpleName());
                        send(r.editOriginal(ProspectRenderer.note(UNAVAILABLE)), i);
                    }
                });
            } catch (RejectedExecutionException e) {
                send(r.followup(ProspectRenderer.note(TriageInteractions.BUSY).asEphemeral(true)), i);
            }
        });
    }

    private static void send(CompletableFuture<?> future, Interaction i) {
        future.whenComplete((ok, t) -> {
            if (t != null) {
                log.warn("could not answer {}: {}", i, DiscordFailure.of(t));
            }
        });
    }
}
