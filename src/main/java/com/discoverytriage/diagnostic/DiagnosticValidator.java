package com.discoverytriage.diagnostic;

import com.discoverytriage.diagnostic.RawFiles.RawBand;
import com.discoverytriage.diagnostic.RawFiles.RawDiagnostic;
import com.discoverytriage.diagnostic.RawFiles.RawFitRule;
import com.discoverytriage.diagnostic.RawFiles.RawGate;
import com.discoverytriage.diagnostic.RawFiles.RawOutcome;
import com.discoverytriage.diagnostic.RawFiles.RawProfile;
import com.discoverytriage.diagnostic.RawFiles.RawQuestion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Proves one diagnostic file total and sound (every count has exactly one band, every id resolves, every text a
 * prospect reads is there and short enough) and builds the public record. Reports every problem it finds.
 */
final class DiagnosticValidator {

    private final FileProblems problems;
    private final Texts texts;

    DiagnosticValidator(FileProblems problems) {
        this.problems = problems;
        this.texts = new Texts(problems);
    }

    /** The diagnostic, or null when this file has problems (they are in the sink). */
    Diagnostic validate(RawDiagnostic raw, String source, String version) {
        int before = problems.count();
        texts.id("id", raw.id(), "the diagnostic");
        texts.required("title", raw.title(), Texts.TITLE_MAX, "the diagnostic's title");
        texts.optional("description", raw.description(), Texts.LONG_MAX);

        Map<String, Question> questions = questions(raw.questions());
        Map<String, OutcomeDefinition> outcomes = outcomes(raw.outcomes());
        List<String> counted = counted(raw.counted(), questions);
        // A question whose kind could not be read may be a signal: the number of counted questions is then
        // unknown, and range or gap messages about the bands would only mislead.
        boolean countKnown = raw.counted() != null || raw.questions() == null
                || raw.questions().stream().allMatch(q -> Texts.enumValue(QuestionKind.class, q.kind()) != null);
        List<Band> bands = bands(raw.bands(), outcomes, countKnown ? counted.size() : -1);
        List<Gate> gates = gates(raw.gates(), questions, outcomes);
        List<FitRule> fitRules = fitRules(raw.fitRules(), questions, outcomes);
        List<Profile> profiles = profiles(raw.profiles(), questions);
        if (!profiles.isEmpty() || raw.profileLabel() != null) {
            texts.required("profile_label", raw.profileLabel(), Texts.TITLE_MAX, "what the profiles are called");
        }
        if (problems.count() > before) {
            return null;
        }
        return new Diagnostic(raw.id(), raw.title(), raw.description(), List.copyOf(questions.values()), counted,
                bands, gates, fitRules, List.copyOf(outcomes.values()), raw.profileLabel(), profiles, version, source);
    }

    private Map<String, Question> questions(List<RawQuestion> raw) {
        Map<String, Question> byId = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            problems.add("questions", "the diagnostic has no questions.",
                    "Add a 'questions' list with at least one question of kind signal.");
            return byId;
        }
        for (int i = 0; i < raw.size(); i++) {
            RawQuestion q = raw.get(i);
            String at = "questions[" + i + "]";
            boolean idOk = texts.id(at + ".id", q.id(), "the question");
            QuestionKind kind = Texts.enumValue(QuestionKind.class, q.kind());
            if (kind == null) {
                problems.add(at + ".kind", q.kind() == null ? "the question has no kind."
                                : "unknown kind '" + q.kind() + "'.",
                        "Set kind to one of: signal, gate, text.");
            }
            texts.required(at + ".text", q.text(), Texts.QUESTION_MAX,
                    "the question as the prospect reads it (at most " + Texts.QUESTION_MAX + " characters)");
            texts.optional(at + ".help", q.help(), Texts.HELP_MAX);
            if (Boolean.TRUE.equals(q.optional()) && kind != null && kind != QuestionKind.TEXT) {
                problems.add(at + ".optional", "only text questions can be optional; this one is a " + kind.id() + ".",
                        "Remove 'optional' (unanswered signal and gate questions already count as no).");
            }
            if (q.maxLength() != null) {
                if (kind != null && kind != QuestionKind.TEXT) {
                    problems.add(at + ".max_length", "only text questions have a max_length.", "Remove 'max_length'.");
                } else if (q.maxLength() < 1 || q.maxLength() > Texts.ANSWER_MAX) {
                    problems.add(at + ".max_length", "max_length " + q.maxLength() + " is outside 1.." + Texts.ANSWER_MAX
                            + ".", "Set max_length between 1 and " + Texts.ANSWER_MAX + " (a Discord text box holds "
                            + Texts.ANSWER_MAX + ").");
                }
            }
            if (idOk && byId.containsKey(q.id())) {
                problems.add(at + ".id", "duplicate question id '" + q.id() + "'.",
                        "Give every question of the file its own id.");
            } else if (idOk && kind != null) {
                // Kept even when its text is missing (already reported), so later checks see its kind.
                String text = q.text() == null ? "" : q.text().strip();
                byId.put(q.id(), new Question(q.id(), kind, text, Texts.strip(q.help()),
                        Boolean.TRUE.equals(q.optional()), q.maxLength() == null ? 0 : q.maxLength()));
            } else if (idOk) {
                byId.put(q.id(), null);
            }
        }
        if (raw.stream().noneMatch(q -> "signal".equalsIgnoreCase(Texts.strip(q.kind())))) {
            problems.add("questions", "the diagnostic has no question of kind signal, so there is nothing to count.",
                    "Add at least one question with kind: signal.");
        }
        return byId;
    }

    private Map<String, OutcomeDefinition> outcomes(List<RawOutcome> raw) {
        Map<String, OutcomeDefinition> byId = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            problems.add("outcomes", "the diagnostic has no outcomes.",
                    "Add an 'outcomes' list with one outcome of kind book and the alternatives.");
            return byId;
        }
        for (int i = 0; i < raw.size(); i++) {
            RawOutcome o = raw.get(i);
            String at = "outcomes[" + i + "]";
            boolean idOk = texts.id(at + ".id", o.id(), "the outcome");
            OutcomeKind kind = Texts.enumValue(OutcomeKind.class, o.kind());
            if (kind == null) {
                problems.add(at + ".kind", o.kind() == null ? "the outcome has no kind."
                        : "unknown outcome kind '" + o.kind() + "'.", "Set kind to book or alternative.");
            }
            texts.required(at + ".title", o.title(), Texts.TITLE_MAX, "the outcome's title");
            texts.required(at + ".why", o.why(), Texts.LONG_MAX, "what this outcome means for the prospect");
            if (kind == OutcomeKind.ALTERNATIVE) {
                texts.required(at + ".next_step", o.nextStep(), Texts.LONG_MAX,
                        "what the prospect should do instead of a call");
            } else {
                texts.optional(at + ".next_step", o.nextStep(), Texts.LONG_MAX);
            }
            texts.optional(at + ".would_change", o.wouldChange(), Texts.LONG_MAX);
            texts.optional(at + ".first_30_days", o.firstMonth(), Texts.LONG_MAX);
            if (o.firstMonth() != null && kind == OutcomeKind.ALTERNATIVE) {
                problems.add(at + ".first_30_days", "only book outcomes have a first_30_days; this one is an alternative.",
                        "Remove 'first_30_days', or move it to the book outcome.");
            }
            if (idOk && byId.containsKey(o.id())) {
                problems.add(at + ".id", "duplicate outcome id '" + o.id() + "'.",
                        "Give every outcome of the file its own id.");
            } else if (idOk) {
                byId.put(o.id(), new OutcomeDefinition(o.id(), kind, Texts.strip(o.title()), Texts.strip(o.why()),
                        Texts.strip(o.nextStep()), Texts.strip(o.wouldChange()), Texts.strip(o.firstMonth())));
            }
        }
        if (byId.values().stream().noneMatch(o -> o.kind() == OutcomeKind.BOOK)) {
            problems.add("outcomes", "no outcome of kind book: no answers could ever lead to the strategy call.",
                    "Add an outcome with kind: book and point the top band at it.");
        }
        return byId;
    }

    private List<String> counted(List<String> raw, Map<String, Question> questions) {
        if (raw == null) {
            return questions.values().stream()
                    .filter(q -> q != null && q.kind() == QuestionKind.SIGNAL)
                    .map(Question::id)
                    .toList();
        }
        if (raw.isEmpty()) {
            problems.add("counted", "'counted' is an empty list, so every count is 0.",
                    "List the signal questions the bands count, or remove 'counted' to count every signal.");
        }
        List<String> counted = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String id = raw.get(i);
            String at = "counted[" + i + "]";
            if (!questions.containsKey(id)) {
                problems.add(at, "'" + id + "' is not a question of this file.",
                        "Name a question id from 'questions' (one of: " + String.join(", ", questions.keySet()) + ").");
            } else if (questions.get(id) != null && questions.get(id).kind() != QuestionKind.SIGNAL) {
                problems.add(at, "'" + id + "' is a " + questions.get(id).kind().id()
                        + " question; only signal questions are counted.", "Remove it from 'counted' or make it kind: signal.");
            } else if (counted.contains(id)) {
                problems.add(at, "'" + id + "' is listed twice.", "List each counted question once.");
            } else {
                counted.add(id);
            }
        }
        return counted;
    }

    /** @param countedSize the number of counted questions, or -1 when it is unknown because of other problems */
    private List<Band> bands(List<RawBand> raw, Map<String, OutcomeDefinition> outcomes, int countedSize) {
        boolean countKnown = countedSize >= 0;
        countedSize = Math.max(countedSize, 0);
        List<Band> bands = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            problems.add("bands", "the diagnostic has no bands, so no count leads anywhere.",
                    "Add bands covering every count from 0 to " + countedSize + ".");
            return bands;
        }
        List<Integer> sound = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            RawBand b = raw.get(i);
            String at = "bands[" + i + "]";
            boolean ok = true;
            if (b.min() == null) {
                problems.add(at + ".min", "the band has no min.", "Set min to the smallest yes count of the band.");
                ok = false;
            } else if (countKnown && (b.min() < 0 || b.min() > countedSize)) {
                problems.add(at + ".min", "min " + b.min() + " is outside 0.." + countedSize
                        + " (there are " + countedSize + " counted questions).", "Set min between 0 and " + countedSize + ".");
                ok = false;
            }
            if (b.max() == null) {
                problems.add(at + ".max", "the band has no max.", "Set max to the largest yes count of the band.");
                ok = false;
            } else if (countKnown && (b.max() < 0 || b.max() > countedSize)) {
                problems.add(at + ".max", "max " + b.max() + " is outside 0.." + countedSize
                        + " (there are " + countedSize + " counted questions).", "Set max between 0 and " + countedSize + ".");
                ok = false;
            }
            if (ok && b.min() > b.max()) {
                problems.add(at + ".min", "min " + b.min() + " is greater than max " + b.max() + ".",
                        "Swap them, or set min <= max.");
                ok = false;
            }
            outcomeRef(at + ".outcome", b.outcome(), outcomes);
            texts.required(at + ".reason", b.reason(), Texts.LONG_MAX, "why this count leads to this outcome");
            if (ok) {
                sound.add(i);
            }
            bands.add(new Band(b.min() == null ? -1 : b.min(), b.max() == null ? -1 : b.max(), b.outcome(),
                    Texts.strip(b.reason())));
        }
        if (countKnown) {
            coverage(bands, sound, countedSize);
        }
        return bands;
    }

    /** Every count 0..N in exactly one band: report overlaps at the later band and gaps as ranges. */
    private void coverage(List<Band> bands, List<Integer> sound, int countedSize) {
        int[] coveredBy = new int[countedSize + 1];
        java.util.Arrays.fill(coveredBy, -1);
        for (int i : sound) {
            Band band = bands.get(i);
            int overlapFrom = -1;
            int overlapWith = -1;
            for (int count = band.min(); count <= band.max(); count++) {
                if (coveredBy[count] >= 0 && overlapFrom < 0) {
                    overlapFrom = count;
                    overlapWith = coveredBy[count];
                } else if (coveredBy[count] < 0) {
                    coveredBy[count] = i;
                }
            }
            if (overlapFrom >= 0) {
                problems.add("bands[" + i + "]", "bands[" + i + "] (" + band.min() + "-" + band.max()
                                + ") overlaps bands[" + overlapWith + "] (" + bands.get(overlapWith).min() + "-"
                                + bands.get(overlapWith).max() + ") at " + overlapFrom + " yes.",
                        "Make the bands disjoint: each yes count must lead to exactly one outcome.");
            }
        }
        if (sound.size() < bands.size()) {
            return; // a broken band would show up as a gap too; fix it first
        }
        for (int count = 0; count <= countedSize; count++) {
            if (coveredBy[count] < 0) {
                int end = count;
                while (end < countedSize && coveredBy[end + 1] < 0) {
                    end++;
                }
                String range = count == end ? String.valueOf(count) : count + " to " + end;
                problems.add("bands", "no band covers " + range + " yes (of " + countedSize
                                + " counted questions), so such a prospect gets no outcome.",
                        "Add a band with min: " + count + " and max: " + end + ", or widen a neighbouring band.");
                count = end;
            }
        }
    }

    private List<Gate> gates(List<RawGate> raw, Map<String, Question> questions, Map<String, OutcomeDefinition> outcomes) {
        List<Gate> gates = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> gated = new HashSet<>();
        List<RawGate> list = raw == null ? List.of() : raw;
        for (int i = 0; i < list.size(); i++) {
            RawGate g = list.get(i);
            String at = "gates[" + i + "]";
            if (texts.id(at + ".id", g.id(), "the gate") && !ids.add(g.id())) {
                problems.add(at + ".id", "duplicate gate id '" + g.id() + "'.", "Give every gate of the file its own id.");
            }
            if (g.question() == null || g.question().isBlank()) {
                problems.add(at + ".question", "the gate names no question.", "Set question to the id of a gate question.");
            } else if (!questions.containsKey(g.question())) {
                problems.add(at + ".question", "'" + g.question() + "' is not a question of this file.",
                        "Name a question of kind gate (one of: " + String.join(", ", idsOfKind(questions, QuestionKind.GATE)) + ").");
            } else if (questions.get(g.question()) != null && questions.get(g.question()).kind() != QuestionKind.GATE) {
                problems.add(at + ".question", "'" + g.question() + "' is a " + questions.get(g.question()).kind().id()
                        + " question, not a gate question.", "Set its kind to gate, or point the gate at a gate question.");
            } else {
                gated.add(g.question());
            }
            Reply when = when(g.when());
            if (when == null) {
                problems.add(at + ".when", g.when() == null ? "the gate has no 'when'."
                        : "unknown answer '" + g.when() + "'.", "Set when to yes, no or unsure.");
            }
            OutcomeDefinition outcome = outcomeRef(at + ".outcome", g.outcome(), outcomes);
            if (outcome != null && outcome.kind() == OutcomeKind.BOOK) {
                problems.add(at + ".outcome", "gate leads to '" + g.outcome() + "', a book outcome; a gate ends the "
                        + "triage whatever the count, so it can only recommend an alternative.",
                        "Point the gate at an outcome of kind alternative.");
            }
            texts.required(at + ".reason", g.reason(), Texts.LONG_MAX, "why this answer leads to the alternative");
            gates.add(new Gate(g.id(), g.question(), when, g.outcome(), Texts.strip(g.reason())));
        }
        for (String id : idsOfKind(questions, QuestionKind.GATE)) {
            if (!gated.contains(id)) {
                problems.add("questions[" + new ArrayList<>(questions.keySet()).indexOf(id) + "].kind",
                        "gate question '" + id + "' is used by no gate, so its answer changes nothing.",
                        "Add a gate with question: " + id + ", or make it a signal or text question.");
            }
        }
        return gates;
    }

    /**
     * Fit rules: every question a signal of this file (no repeats), a threshold of all or 1 to the group size, an
     * outcome of this file and a reason.
     */
    private List<FitRule> fitRules(List<RawFitRule> raw, Map<String, Question> questions,
            Map<String, OutcomeDefinition> outcomes) {
        List<FitRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<RawFitRule> list = raw == null ? List.of() : raw;
        for (int i = 0; i < list.size(); i++) {
            RawFitRule r = list.get(i);
            String at = "fit_rules[" + i + "]";
            if (texts.id(at + ".id", r.id(), "the fit rule") && !ids.add(r.id())) {
                problems.add(at + ".id", "duplicate fit rule id '" + r.id() + "'.", "Give every fit rule of the file its own id.");
            }
            texts.required(at + ".title", r.title(), Texts.TITLE_MAX, "the name of the situation or signal group");
            List<String> qs = r.questions() == null ? List.of() : r.questions();
            if (qs.isEmpty()) {
                problems.add(at + ".questions", "the fit rule lists no questions, so it can never fire.",
                        "List the signal questions of the situation (one of: "
                                + String.join(", ", idsOfKind(questions, QuestionKind.SIGNAL)) + ").");
            }
            Set<String> seen = new HashSet<>();
            for (int j = 0; j < qs.size(); j++) {
                String id = qs.get(j);
                Question q = questions.get(id);
                if (!questions.containsKey(id)) {
                    problems.add(at + ".questions[" + j + "]", "'" + id + "' is not a question of this file.",
                            "Name a signal question (one of: " + String.join(", ", idsOfKind(questions, QuestionKind.SIGNAL)) + ").");
                } else if (q != null && q.kind() != QuestionKind.SIGNAL) {
                    problems.add(at + ".questions[" + j + "]", "'" + id + "' is a " + q.kind().id()
                            + " question; fit rules count yes answers to signal questions.",
                            "Name a signal question, or make '" + id + "' a signal.");
                } else if (!seen.add(id)) {
                    problems.add(at + ".questions[" + j + "]", "'" + id + "' is listed twice.", "List each question once.");
                }
            }
            int atLeast = threshold(at + ".threshold", r.threshold(), qs.size());
            outcomeRef(at + ".outcome", r.outcome(), outcomes);
            texts.required(at + ".reason", r.reason(), Texts.LONG_MAX, "why this combination leads to the outcome");
            rules.add(new FitRule(r.id(), Texts.strip(r.title()), qs, atLeast, r.outcome(), Texts.strip(r.reason())));
        }
        return rules;
    }

    /** {@code all}, or a whole number from 1 to the size of the group; -1 when it is not. */
    private int threshold(String at, String raw, int size) {
        String fix = "Set threshold to all, or to a number from 1 to " + Math.max(size, 1)
                + " (how many of the questions must be answered yes).";
        if (raw == null || raw.isBlank()) {
            problems.add(at, "the fit rule has no threshold.", fix);
            return -1;
        }
        String value = raw.strip().toLowerCase(Locale.ROOT);
        if (value.equals("all")) {
            return size;
        }
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            problems.add(at, "'" + raw.strip() + "' is not a threshold.", fix);
            return -1;
        }
        if (size > 0 && (n < 1 || n > size)) {
            problems.add(at, "threshold " + n + " is outside 1.." + size + " (the rule has " + size
                    + (size == 1 ? " question)." : " questions)."), fix);
            return -1;
        }
        return n;
    }

    private List<Profile> profiles(List<RawProfile> raw, Map<String, Question> questions) {
        List<Profile> profiles = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        List<RawProfile> list = raw == null ? List.of() : raw;
        Set<String> deciding = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            RawProfile p = list.get(i);
            String at = "profiles[" + i + "]";
            if (texts.id(at + ".id", p.id(), "the profile") && ids.putIfAbsent(p.id(), i) != null) {
                problems.add(at + ".id", "duplicate profile id '" + p.id() + "'.", "Give every profile its own id.");
            }
            texts.required(at + ".title", p.title(), Texts.TITLE_MAX, "the profile's name");
            texts.optional(at + ".description", p.description(), Texts.LONG_MAX);
            List<String> qs = p.questions() == null ? List.of() : p.questions();
            if (qs.isEmpty()) {
                problems.add(at + ".questions", "the profile lists no questions, so nothing can match it.",
                        "List the signal questions whose yes answers point to this profile.");
            }
            for (int j = 0; j < qs.size(); j++) {
                String id = qs.get(j);
                Question q = questions.get(id);
                if (!questions.containsKey(id)) {
                    problems.add(at + ".questions[" + j + "]", "'" + id + "' is not a question of this file.",
                            "Name a signal question (one of: " + String.join(", ", idsOfKind(questions, QuestionKind.SIGNAL)) + ").");
                } else if (q != null && q.kind() != QuestionKind.SIGNAL) {
                    problems.add(at + ".questions[" + j + "]", "'" + id + "' is a " + q.kind().id()
                            + " question; profiles match on signal questions.", "Name a signal question.");
                }
            }
            List<String> decidedBy = p.decidedBy() == null ? List.of() : p.decidedBy();
            for (int j = 0; j < decidedBy.size(); j++) {
                String id = decidedBy.get(j);
                if (!qs.contains(id)) {
                    problems.add(at + ".decided_by[" + j + "]", "'" + id + "' is not one of this profile's questions.",
                            "List it under questions too, or remove it from decided_by (one of: " + String.join(", ", qs) + ").");
                } else if (!deciding.add(id)) {
                    problems.add(at + ".decided_by[" + j + "]", "'" + id + "' already decides another profile, so a yes "
                            + "to it would name two.", "Let one profile be decided by it.");
                }
            }
            profiles.add(new Profile(p.id(), Texts.strip(p.title()), Texts.strip(p.description()), qs, decidedBy));
        }
        return profiles;
    }

    private OutcomeDefinition outcomeRef(String at, String id, Map<String, OutcomeDefinition> outcomes) {
        if (id == null || id.isBlank()) {
            problems.add(at, "no outcome named.", "Set outcome to the id of one of the file's outcomes.");
            return null;
        }
        OutcomeDefinition outcome = outcomes.get(id);
        if (outcome == null) {
            problems.add(at, "'" + id + "' is not an outcome of this file.",
                    "Use one of: " + String.join(", ", outcomes.keySet()) + ".");
        }
        return outcome;
    }

    private static List<String> idsOfKind(Map<String, Question> questions, QuestionKind kind) {
        return questions.values().stream().filter(q -> q != null && q.kind() == kind).map(Question::id).toList();
    }

    /** YAML reads a bare yes / no as a boolean; accept both spellings. */
    private static Reply when(String raw) {
        if (raw == null) {
            return null;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> Reply.YES;
            case "no", "false" -> Reply.NO;
            case "unsure", "not sure" -> Reply.UNSURE;
            default -> null;
        };
    }
}
