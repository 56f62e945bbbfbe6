package com.discoverytriage.scoring;

import com.discoverytriage.diagnostic.Answers;
import com.discoverytriage.diagnostic.Band;
import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.Gate;
import com.discoverytriage.diagnostic.OutcomeDefinition;
import com.discoverytriage.diagnostic.Profile;
import com.discoverytriage.diagnostic.Question;
import com.discoverytriage.diagnostic.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * The one rule engine every diagnostic shares. Gates are checked first, in file order: the first that fires
 * decides, whatever the count. Otherwise the band that covers the number of "yes" answers among the counted signal
 * questions decides. "Not sure" and unanswered count as no; "not sure" is listed for the call.
 *
 * <p>Pure and stateless: the loader has already proven every diagnostic total, so every count has a band and every
 * id resolves.
 */
public final class Rules {

    public Evaluation evaluate(Diagnostic diagnostic, Answers answers) {
        SignalCounts signals = count(diagnostic, answers);
        List<Gate> fired = diagnostic.gates().stream()
                .filter(gate -> answers.reply(gate.question()).filter(gate.when()::equals).isPresent())
                .toList();
        Outcome outcome = fired.isEmpty()
                ? byBand(diagnostic, answers, signals)
                : byGate(diagnostic, answers, fired.get(0));
        return new Evaluation(diagnostic.id(), outcome, signals, bestProfile(diagnostic, answers),
                fired.stream().map(Gate::id).toList());
    }

    /** The first gate the answers fire, if any: used to end the questions early. */
    public java.util.Optional<Gate> firedGate(Diagnostic diagnostic, Answers answers) {
        return diagnostic.gates().stream()
                .filter(gate -> answers.reply(gate.question()).filter(gate.when()::equals).isPresent())
                .findFirst();
    }

    private static SignalCounts count(Diagnostic diagnostic, Answers answers) {
        int yes = 0;
        int unsure = 0;
        List<String> unsureIds = new ArrayList<>();
        for (String questionId : diagnostic.counted()) {
            Reply reply = answers.reply(questionId).orElse(Reply.NO);
            if (reply == Reply.YES) {
                yes++;
            } else if (reply == Reply.UNSURE) {
                unsure++;
                unsureIds.add(questionId);
            }
        }
        int no = diagnostic.counted().size() - yes - unsure;
        return new SignalCounts(yes, no, unsure, unsureIds);
    }

    private static Outcome byGate(Diagnostic diagnostic, Answers answers, Gate gate) {
        List<String> reasons = new ArrayList<>();
        reasons.add(gate.reason());
        String question = diagnostic.question(gate.question()).map(Question::text).orElse(gate.question());
        reasons.add("You answered \"" + gate.when().label() + "\" to: " + question);
        addUnsureNote(diagnostic, answers, reasons);
        return outcome(diagnostic, gate.outcome(), "gate " + gate.id(), reasons);
    }

    private static Outcome byBand(Diagnostic diagnostic, Answers answers, SignalCounts signals) {
        Band band = diagnostic.bands().stream()
                .filter(b -> b.covers(signals.yes()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no band of " + diagnostic.source() + " covers " + signals.yes() + " (the loader should have refused it)"));
        List<String> reasons = new ArrayList<>();
        reasons.add(band.reason());
        reasons.add("You said yes to " + signals.yes() + " of " + diagnostic.counted().size() + " fit questions"
                + (signals.yes() == 0 ? "." : ":"));
        for (String questionId : diagnostic.counted()) {
            if (answers.reply(questionId).filter(Reply.YES::equals).isPresent()) {
                diagnostic.question(questionId).ifPresent(q -> reasons.add("Yes: " + q.text()));
            }
        }
        addUnsureNote(diagnostic, answers, reasons);
        return outcome(diagnostic, band.outcome(), "band " + band.min() + "-" + band.max(), reasons);
    }

    /** Every scored question answered "not sure", by its text: it counts as no, and the call should raise it. */
    private static void addUnsureNote(Diagnostic diagnostic, Answers answers, List<String> reasons) {
        List<Question> unsure = diagnostic.questions().stream()
                .filter(Question::isScored)
                .filter(q -> answers.reply(q.id()).filter(Reply.UNSURE::equals).isPresent())
                .toList();
        if (unsure.isEmpty()) {
            return;
        }
        reasons.add("You were not sure about " + unsure.size() + (unsure.size() == 1 ? " question" : " questions")
                + "; " + (unsure.size() == 1 ? "it counts" : "they count") + " as no here, and "
                + (unsure.size() == 1 ? "it is" : "they are") + " worth talking through on a call:");
        unsure.forEach(q -> reasons.add("Not sure: " + q.text()));
    }

    private static Outcome outcome(Diagnostic diagnostic, String outcomeId, String rule, List<String> reasons) {
        OutcomeDefinition definition = diagnostic.outcome(outcomeId)
                .orElseThrow(() -> new IllegalStateException("unknown outcome '" + outcomeId + "' in " + diagnostic.source()));
        return new Outcome(definition.kind(), definition.id(), definition.title(), definition.why(),
                definition.nextStep(), definition.wouldChange(), rule, reasons);
    }

    private static Profile bestProfile(Diagnostic diagnostic, Answers answers) {
        Profile best = null;
        long bestCount = 0;
        for (Profile profile : diagnostic.profiles()) {
            long yes = profile.questions().stream()
                    .filter(q -> answers.reply(q).filter(Reply.YES::equals).isPresent())
                    .count();
            if (yes > bestCount) {
                best = profile;
                bestCount = yes;
            }
        }
        return best;
    }
}
