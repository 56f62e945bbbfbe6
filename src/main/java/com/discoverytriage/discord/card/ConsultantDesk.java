package com.discoverytriage.discord.card;

import com.discoverytriage.summary.LeadState;

/** What the consultant's card buttons and the prospect's "talk anyway" do; each change updates the card. */
public interface ConsultantDesk {

    /** Records the lead status (who, when); answers a short confirmation for the consultant. */
    String setStatus(String triageId, LeadState.Status status, String consultant);

    /** Books the prospect against the rules' outcome and tells them; answers a confirmation for the consultant. */
    String overrideToBook(String triageId, String consultant);

    /** Flags the triage: the prospect wants to talk to the consultant anyway. A second flag changes nothing. */
    void talkAnyway(String triageId);
}
