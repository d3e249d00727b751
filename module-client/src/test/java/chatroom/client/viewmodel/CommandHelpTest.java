package chatroom.client.viewmodel;

import chatroom.protocol.Command;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;

/// The typed commands of the shortcuts sheet, and the checks of the one-field prompts.
class CommandHelpTest {

    @Test
    @DisplayName("every command of Command.HELP has a description in English and Italian")
    void everyCommandTranslated() {
        var english = ResourceBundle.getBundle("chatroom.client.view.messages", Locale.ROOT);
        var italian = ResourceBundle.getBundle("chatroom.client.view.messages", Locale.ITALIAN);
        long commands = Command.HELP.stream().filter(line -> line.startsWith("/")).count();
        assertThat(commands).isGreaterThan(15);
        for (String line : Command.HELP) {
            if (line.startsWith("/")) {
                String key = CommandHelp.key(line);
                assertThat(english.containsKey(key)).as(key + " for " + line).isTrue();
                assertThat(italian.getString(key)).as(key + " in Italian").isNotEqualTo(english.getString(key));
            }
        }
        assertThat(CommandHelp.lines(Fixtures.english())).hasSize((int) commands);
    }

    @Test
    @DisplayName("each line has the form as the server writes it and the translated description")
    void lines() {
        var lines = CommandHelp.lines(Fixtures.italian());

        assertThat(lines.getFirst()).isEqualTo(new CommandHelp.Line("/join #room [KEY]",
                "entra in una stanza (creata se non esiste) e invia lì i tuoi messaggi"));
        assertThat(lines).extracting(CommandHelp.Line::syntax)
                .contains("/op NAME, /deop NAME", "/msg NAME TEXT", "/quit");
        assertThat(CommandHelp.key("/op NAME, /deop NAME   operators: …")).isEqualTo("help.command.op");
    }

    @Test
    @DisplayName("the prompts' checks explain what cannot be sent, in the person's language")
    void promptChecks() {
        var checks = new PromptChecks(Fixtures.english());

        assertThat(checks.name().apply("bob smith")).contains(
                "A name may hold only letters, digits, _ - and . (a space is not allowed).");
        assertThat(checks.name().apply(" bob ")).isEmpty();
        assertThat(checks.name().apply("")).as("empty: the prompt decides").isEmpty();
        assertThat(checks.shortText().apply("x".repeat(391))).contains("At most 390 bytes.");
        assertThat(checks.shortText().apply("bell\u0007")).contains("Control characters cannot be sent.");
        assertThat(checks.shortText().apply("Rust 2026 — all welcome")).isEmpty();
        assertThat(checks.password().apply("tab\there")).contains(
                "The password holds a character that cannot be sent, or is too long.");
        assertThat(checks.password().apply("s3cret!")).isEmpty();
        assertThat(new PromptChecks(Fixtures.italian()).shortText().apply("x".repeat(391)))
                .contains("Al massimo 390 byte.");
    }
}
