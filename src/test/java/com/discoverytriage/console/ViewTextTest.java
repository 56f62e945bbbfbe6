package com.discoverytriage.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.conversation.View;
import com.discoverytriage.diagnostic.OutcomeKind;
import com.discoverytriage.scoring.Evaluation;
import com.discoverytriage.scoring.Outcome;
import com.discoverytriage.scoring.SignalCounts;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("What the console shows for an outcome and a review")
class ViewTextTest {

    @Test
    @DisplayName("a book outcome tells the first 30 days whether or not a booking URL is set")
    void firstThirtyDaysWithoutBookingUrl() {
        Outcome outcome = new Outcome(OutcomeKind.BOOK, "strategy-call", "Book a strategy call", "It fits.", "Pick a time.",
                null, "band 2-3", List.of("Two checks apply."), "Week 1, an intake. Week 4, a plan you can run.");
        Evaluation evaluation = new Evaluation("tiny", outcome, new SignalCounts(2, 1, 0, List.of()), null, List.of());

        String noUrl = ViewText.render(new View.OutcomeView(5, "tiny", evaluation, null, "The consultant will reach out."),
                id -> null);
        String withUrl = ViewText.render(new View.OutcomeView(5, "tiny", evaluation, "https://cal.example/x", null),
                id -> null);

        assertThat(noUrl).contains("Your first 30 days: Week 1, an intake. Week 4, a plan you can run.")
                .contains("Next step: The consultant will reach out.");
        assertThat(withUrl).contains("Your first 30 days: Week 1").contains("https://cal.example/x");
    }

    @Test
    @DisplayName("the review numbers the answers and says how to change one")
    void reviewNumbersAnswers() {
        String text = ViewText.render(new View.ReviewView(3, "tiny", List.of(
                new View.AnsweredQuestion("a", "First?", "Yes"), new View.AnsweredQuestion("b", "Second?", "No"))), id -> null);

        assertThat(text).contains("  1. First?", "  2. Second?", "edit N to change answer N");
        assertThat(ConsoleInput.interpret(new View.ReviewView(3, "tiny", List.of(
                new View.AnsweredQuestion("a", "First?", "Yes"), new View.AnsweredQuestion("b", "Second?", "No"))), "edit 2"))
                .contains(new com.discoverytriage.conversation.Command.Edit("b"));
    }
}
