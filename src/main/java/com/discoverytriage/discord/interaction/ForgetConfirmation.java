package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.render.ProspectRenderer;

import com.discoverytriage.lifecycle.ForgetService;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The confirmation's Erase everything / Keep (see {@link DataRights} for why a stale one erases nothing). */
final class ForgetConfirmation implements InteractionHandler {

    private static final Logger log = LoggerFactory.getLogger(ForgetConfirmation.class);

    private final DataRights rights;
    private final ForgetService forget;
    /** A double click is two interactions: the second is told it was done, whichever instance it reaches first. */
    private final BoundedLru<String, Boolean> usedConfirmations = new BoundedLru<>(10_000);

    ForgetConfirmation(DataRights rights, ForgetService forget) {
        this.rights = rights;
        this.forget = forget;
    }

    @Override
    public Claim claim() {
        return Claim.customId(CustomId.FORGET);
    }

    @Override
    public String failureNote() {
        return DataRights.UNAVAILABLE;
    }

    @Override
    public void handle(InteractionContext c) {
        Interaction i = c.interaction();
        CustomId id = c.customId();
        Responder r = c.responder();
        if (!id.subject().equals(Long.toUnsignedString(i.userId()))) {
            c.note(DataRights.NOT_YOURS);
            return;
        }
        if (id.verb().equals(DataRights.KEEP)) {
            c.later(r.deferUpdate(), () -> ProspectRenderer.note(DataRights.KEPT));
            return;
        }
        OptionalLong target = DataRights.userId(id.argument());
        if (!id.verb().equals(DataRights.ERASE) || target.isEmpty()) {
            c.note(TriageInteractions.EXPIRED);
            return;
        }
        boolean self = target.getAsLong() == i.userId();
        if (!self && !i.consultant()) {
            c.note(DataRights.OTHERS_CONSULTANT_ONLY);
            return;
        }
        if (!usedConfirmations.add(i.customId(), Boolean.TRUE)) {
            c.note(DataRights.ALREADY);
            return;
        }
        c.later(r.deferUpdate(), () -> {
            if (rights.fingerprint(target.getAsLong()) != id.step()) {
                return ProspectRenderer.note(DataRights.STALE);
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
            return ProspectRenderer.note(self ? DataRights.DONE_SELF : DataRights.DONE_OTHER);
        });
    }
}
