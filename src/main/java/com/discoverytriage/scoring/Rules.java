package com.discoverytriage.scoring;

import com.discoverytriage.diagnostic.Answers;
import com.discoverytriage.diagnostic.Band;
import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.FitRule;
import com.discoverytriage.diagnostic.Gate;
import com.discoverytriage.diagnostic.OutcomeDefinition;
import com.discoverytriage.diagnostic.Profile;
import com.discoverytriage.diagnostic.Question;
import com.discoverytriage.diagnostic.QuestionKind;
import com.discoverytriage.diagnostic.Reply;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The one rule engine every diagnostic shares, in this order:
 * <ol>
 * <li><b>gates</b>, in file order: the first that fires decides, whatever else was answered;</li>
 * <li><b>fit rules</b>, in file order: the first whose group has enough yes answers decides (a situation or a set
 * of signals the source material names);</li>
 * <li><b>bands</b>: the band covering the number of yes answers among the counted signals decides.</li>
 * </ol>
 * "Not sure" and unanswered count as no; "not sure" is listed for the call. Every outcome's reasons account for every
 * signal answered: the rule that fired, the answers that led there, and the yes answers that did not count.
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
        Outcome outcome;
        if (!fired.isEmpty()) {
            outcome = byGate(diagnostic, answers, fired.get(0));
        } else {
            outcome = firedFitRule(diagnostic, answers)
                    .map(rule -> byFitRule(diagnostic, answers, rule))
                    .orElseGet(() -> byBand(diagnostic, answers));
        }
        return new Evaluation(diagnostic.id(), outcome, signals, bestProfile(diagnostic, answers),
                fired.stream().map(Gate::id).toList());
    }

    /** The first gate the answers fire, if any: used to end the questions early. */
    public Optional<Gate> firedGate(Diagnostic diagnostic, Answers answers) {
        return diagnostic.gates().stream()
                .filter(gate -> answers.reply(gate.question()).filter(gate.when()::equals).isPresent())
                .findFirst();
    }

    /** The first fit rule, in file order, whose group has at least its threshold of yes answers. */
    public Optional<FitRule> firedFitRule(Diagnostic diagnostic, Answers answers) {
        return diagnostic.fitRules().stream()
                .filter(rule -> yesAmong(rule.questions(), answers).size() >= rule.atLeast())
                .findFirst();
    }

    private static SignalCounts count(Diagnostic diagnostic, Answers answers) {
        int yes = 0;
        int unsureSignals = 0;
        List<String> unsureIds = new ArrayList<>();
        for (Question question : diagnostic.questions()) {
            if (!question.isScored()) {
                continue;
            }
            Reply reply = answers.reply(question.id()).orElse(Reply.NO);
            if (reply == Reply.UNSURE) {
                unsureIds.add(question.id());
            }
            if (question.kind() == QuestionKind.SIGNAL) {
                if (reply == Reply.YES) {
                    yes++;
                } else if (reply == Reply.UNSURE) {
                    unsureSignals++;
                }
            }
        }
        int no = diagnostic.signals().size() - yes - unsureSignals;
        return new SignalCounts(yes, no, unsureIds.size(), unsureIds);
    }

    private static Outcome byGate(Diagnostic diagnostic, Answers answers, Gate gate) {
        List<String> reasons = new ArrayList<>();
        reasons.add(gate.reason());
        String question = diagnostic.question(gate.question()).map(Question::text).orElse(gate.question());
        reasons.add("You answered \"" + gate.when().label() + "\" to: " + question);
        List<Question> yes = yesSignals(diagnostic, answers, List.of());
        if (!yes.isEmpty()) {
            reasons.add("That answer decides on its own, so your yes to " + plural(yes.size(), "other sign")
                    + " did not change it (the consultant still sees them):");
            yes.forEach(q -> reasons.add("Yes, not counted: " + q.text()));
        }
        addUnsureNote(diagnostic, answers, reasons);
        return outcome(diagnostic, gate.outcome(), "gate " + gate.id(), reasons);
    }

    private static Outcome byFitRule(Diagnostic diagnostic, Answers answers, FitRule rule) {
        List<String> reasons = new ArrayList<>();
        reasons.add(rule.reason());
        List<String> yes = yesAmong(rule.questions(), answers);
        reasons.add("Your answers match \"" + rule.title() + "\": yes to " + yes.size() + " of its "
                + rule.questions().size() + " signs (" + (rule.needsAll() ? "it needs all of them" : "it needs "
                + rule.atLeast()) + "):");
        yes.forEach(id -> diagnostic.question(id).ifPresent(q -> reasons.add("Yes: " + q.text())));
        addNotCounted(diagnostic, answers, rule.questions(), reasons);
        addUnsureNote(diagnostic, answers, reasons);
        return outcome(diagnostic, rule.outcome(), "fit " + rule.id(), reasons);
    }

    private static Outcome byBand(Diagnostic diagnostic, Answers answers) {
        List<String> yes = yesAmong(diagnostic.counted(), answers);
        Band band = diagnostic.bands().stream()
                .filter(b -> b.covers(yes.size()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no band of " + diagnostic.source() + " covers " + yes.size() + " (the loader should have refused it)"));
        List<String> reasons = new ArrayList<>();
        reasons.add(band.reason());
        boolean countsAll = diagnostic.counted().size() == diagnostic.signals().size();
        reasons.add("You said yes to " + yes.size() + " of the " + diagnostic.counted().size()
                + (countsAll ? " signs" : " signs this count is based on") + (yes.isEmpty() ? "." : ":"));
        yes.forEach(id -> diagnostic.question(id).ifPresent(q -> reasons.add("Yes: " + q.text())));
        addNotCounted(diagnostic, answers, diagnostic.counted(), reasons);
        addUnsureNote(diagnostic, answers, reasons);
        return outcome(diagnostic, band.outcome(), "band " + band.min() + "-" + band.max(), reasons);
    }

    /**
     * The yes answers outside the group that decided, each named, and how many signs were answered no: so the
     * reasons account for every signal answered.
     */
    private static void addNotCounted(Diagnostic diagnostic, Answers answers, Collection<String> decided,
            List<String> reasons) {
        List<Question> others = yesSignals(diagnostic, answers, decided);
        if (!others.isEmpty()) {
            reasons.add("You also said yes to " + plural(others.size(), "sign")
                    + " that did not decide this outcome (the consultant sees " + (others.size() == 1 ? "it" : "them")
                    + " too):");
            others.forEach(q -> reasons.add("Also yes: " + q.text()));
        }
        long no = diagnostic.signals().stream()
                .filter(id -> answers.reply(id).filter(Reply.NO::equals).isPresent())
                .count();
        if (no > 0) {
            reasons.add("You said no to " + plural((int) no, "sign") + ".");
        }
    }

    private static List<Question> yesSignals(Diagnostic diagnostic, Answers answers, Collection<String> except) {
        return diagnostic.questions().stream()
                .filter(q -> q.kind() == QuestionKind.SIGNAL && !except.contains(q.id()))
                .filter(q -> answers.reply(q.id()).filter(Reply.YES::equals).isPresent())
                .toList();
    }

    private static List<String> yesAmong(List<String> questionIds, Answers answers) {
        return questionIds.stream().filter(id -> answers.reply(id).filter(Reply.YES::equals).isPresent()).toList();
    }

    /**
     * Every yes/no question answered "not sure", by its text: it counts as no, and the call should raise it. The
     * number said here is the {@link SignalCounts#unsure()} of the same answers.
     */
    private static void addUnsureNote(Diagnostic diagnostic, Answers answers, List<String> reasons) {
        List<Question> unsure = diagnostic.questions().stream()
                .filter(Question::isScored)
                .filter(q -> answers.reply(q.id()).filter(Reply.UNSURE::equals).isPresent())
                .toList();
        if (unsure.isEmpty()) {
            return;
        }
        reasons.add("You were not sure about " + plural(unsure.size(), "question")
                + "; " + (unsure.size() == 1 ? "it counts" : "they count") + " as no here, and "
                + (unsure.size() == 1 ? "it is" : "they are") + " worth talking through on a call:");
        unsure.forEach(q -> reasons.add("Not sure: " + q.text()));
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static Outcome outcome(Diagnostic diagnostic, String outcomeId, String rule, List<String> reasons) {
        OutcomeDefinition definition = diagnostic.outcome(outcomeId)
                .orElseThrow(() -> new IllegalStateException("unknown outcome '" + outcomeId + "' in " + diagnostic.source()));
        return new Outcome(definition.kind(), definition.id(), definition.title(), definition.why(),
                definition.nextStep(), definition.wouldChange(), rule, reasons, definition.firstMonth());
    }

    /**
     * A yes to a profile's deciding question names it outright (the source maps that problem to that profile);
     * otherwise the profile with the most yes answers, and none on a tie: no profile wins by being listed first.
     */
    private static Profile bestProfile(Diagnostic diagnostic, Answers answers) {
        List<Profile> decided = diagnostic.profiles().stream()
                .filter(p -> !yesAmong(p.decidedBy(), answers).isEmpty())
                .toList();
        if (decided.size() == 1) {
            return decided.get(0);
        }
        List<Profile> candidates = decided.isEmpty() ? diagnostic.profiles() : decided;
        Profile best = null;
        long bestCount = 0;
        boolean tie = false;
        for (Profile profile : candidates) {
            long yes = yesAmong(profile.questions(), answers).size();
            if (yes > bestCount) {
                best = profile;
                bestCount = yes;
                tie = false;
            } else if (yes == bestCount && yes > 0) {
                tie = true;
            }
        }
        return tie ? null : best;
    }
}
