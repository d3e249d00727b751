package chatroom.jlink;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/// The GitHub workflows, checked as far as a machine without GitHub can: `action-validator`
/// (from npm; `.ci/install-test-tools` installs it) validates each against the workflow
/// schema, and every command the release workflow runs is one `docs/releasing.md` gives a
/// person, so the release is built the way a person builds it.
@DisplayName("the GitHub workflows")
class WorkflowsIT {

    private static final Path REPOSITORY = Path.of(System.getProperty("chatroom.repository"));
    private static final Path WORKFLOWS = REPOSITORY.resolve(".github/workflows");
    /// A step's `run:`, on its line or as a `|` block of the more indented lines after it.
    private static final Pattern RUN = Pattern.compile("^(\\s*)(?:- )?run: (.*)$");

    @Test
    @DisplayName("are valid for action-validator, which refuses a broken one")
    void valid(@TempDir Path temporary) throws Exception {
        List<Path> workflows;
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            workflows = files.filter(file -> file.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(workflows).extracting(path -> path.getFileName().toString()).contains("ci.yml", "release.yml");
        for (Path workflow : workflows) {
            var result = validate(workflow);
            assertThat(result.code()).as("action-validator %s: %s", workflow.getFileName(), result.output()).isZero();
        }
        // The same validator must see a mistake: a job's steps misspelled.
        Path broken = temporary.resolve("release.yml");
        Files.writeString(broken, Files.readString(WORKFLOWS.resolve("release.yml")).replace("    steps:", "    stepz:"));
        var result = validate(broken);
        assertThat(result.code()).as("action-validator on a broken workflow").isNotZero();
        assertThat(result.output()).contains("stepz");
    }

    @Test
    @DisplayName("the release workflow runs only commands docs/releasing.md gives a person, and builds each system's package")
    void releaseRunsTheDocumentedCommands() throws IOException {
        List<String> lines = Files.readAllLines(WORKFLOWS.resolve("release.yml"));
        String guide = Files.readString(REPOSITORY.resolve("docs/releasing.md"));
        List<String> commands = new ArrayList<>();
        int packageJobEnd = lines.indexOf("  release:");
        for (int i = 0; i < packageJobEnd; i++) {
            Matcher run = RUN.matcher(lines.get(i));
            if (!run.matches()) {
                continue;
            }
            if (!run.group(2).equals("|")) {
                commands.add(run.group(2));
                continue;
            }
            int indent = run.group(1).length();
            while (i + 1 < packageJobEnd && (lines.get(i + 1).isBlank()
                    || lines.get(i + 1).length() - lines.get(i + 1).stripLeading().length() > indent)) {
                i++;
                if (!lines.get(i).isBlank()) {
                    commands.add(lines.get(i).strip());
                }
            }
        }
        assertThat(commands).as("commands of the release workflow's package job")
                .contains("./mvnw -B verify", "sudo .ci/install-test-tools", "brew install weechat")
                .anyMatch(command -> command.startsWith(".\\mvnw.cmd -B verify"));
        // The tag check is the workflow's own guard, not a build command.
        for (String command : commands.stream().filter(command -> !command.startsWith("[[ \"$TAG\"")).toList()) {
            assertThat(guide).as("docs/releasing.md gives the workflow's command%n  %s", command).contains(command);
        }
        String uploads = String.join("\n", lines);
        assertThat(uploads).contains("jlink/target/chatroom_*.deb", "jlink/target/chatroom-*.dmg", "jlink/target/chatroom-*.msi");
    }

    private record Result(int code, String output) {
    }

    private static Result validate(Path workflow) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("action-validator", workflow.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("action-validator is needed (npm install --global @action-validator/cli, "
                    + "as .ci/install-test-tools does): " + e.getMessage(), e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("action-validator ended").isTrue();
        return new Result(process.exitValue(), output);
    }
}
