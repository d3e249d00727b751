package chatroom.launcher;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/// The layering rules of STYLE.md, checked on the compiled main classes of every module.
@DisplayName("architecture")
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importMainClasses() {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path[] outputs = {
                root.resolve("module-protocol/target/classes"),
                root.resolve("module-server/target/classes"),
                root.resolve("module-client/target/classes"),
                root.resolve("module-launcher/target/classes")};
        for (Path output : outputs) {
            assertThat(output).as("compiled classes").isDirectory();
            assertThat(Files.exists(output.resolve("module-info.class"))).as("module-info in %s", output).isTrue();
        }
        production = new ClassFileImporter().importPaths(outputs);
        assertThat(production.containPackage("chatroom.server.internal")).isTrue();
        assertThat(production.containPackage("chatroom.client.viewmodel")).isTrue();
    }

    @Test
    @DisplayName("the client core knows nothing of JavaFX")
    void clientCoreIsUiFree() {
        noClasses().that().resideInAnyPackage("chatroom.client.core..", "chatroom.client.console..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "chatroom.client.viewmodel..",
                        "chatroom.client.view..")
                .check(production);
    }

    @Test
    @DisplayName("view-models import nothing from javafx.scene (or the views)")
    void viewModelsAreSceneFree() {
        noClasses().that().resideInAPackage("chatroom.client.viewmodel..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..",
                        "chatroom.client.view..")
                .check(production);
    }

    @Test
    @DisplayName("Platform.runLater is called in one place: the executor handed to the client core")
    void runLaterInOnePlace() {
        var callers = production.stream()
                // Accesses include method references such as `Platform::runLater`.
                .flatMap(javaClass -> javaClass.getAccessesFromSelf().stream())
                .filter(access -> access.getTargetOwner().getFullName().equals("javafx.application.Platform")
                        && access.getName().equals("runLater"))
                .map(access -> access.getOriginOwner().getName())
                .distinct()
                .toList();
        assertThat(callers).hasSize(1);
    }

    @Test
    @DisplayName("the server never touches JavaFX, so it runs without a display")
    void serverIsHeadless() {
        noClasses().that().resideInAnyPackage("chatroom.server..", "chatroom.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "chatroom.client..")
                .check(production);
    }

    @Test
    @DisplayName("only the launcher writes to stdout or stderr")
    void onlyLauncherPrints() {
        noClasses().that().resideOutsideOfPackage("chatroom.launcher..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(production);
    }

    @Test
    @DisplayName("only Main calls System.exit")
    void onlyMainExits() {
        noClasses().that().doNotHaveFullyQualifiedName(Main.class.getName())
                .should().callMethod(System.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "halt", int.class)
                .check(production);
    }

    @Test
    @DisplayName("the protocol depends on neither the server nor the launcher")
    void protocolStandsAlone() {
        noClasses().that().resideInAPackage("chatroom.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("chatroom.server..", "chatroom.launcher..")
                .check(production);
    }

    @Test
    @DisplayName("the launcher uses the server's API, never its implementation")
    void launcherUsesOnlyServerApi() {
        noClasses().that().resideInAPackage("chatroom.launcher..")
                .should().dependOnClassesThat().resideInAPackage("chatroom.server.internal..")
                .check(production);
    }

    @Test
    @DisplayName("nobody prints stack traces")
    void noPrintStackTrace() {
        noClasses().should().callMethod(Throwable.class, "printStackTrace").check(production);
    }
}
