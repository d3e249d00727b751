package chatroom.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Rooms across a restart (a data directory)")
@Timeout(60)
class RoomPersistenceTest {

    @TempDir
    Path dataDir;

    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stopServer() {
        fixture.close();
    }

    private ServerConfig durable() {
        return ServerConfig.builder().dataDir(Optional.of(dataDir)).build();
    }

    /// alice makes #rust and #go, sets #rust's topic and lock, makes bob an operator, mutes
    /// carol, bans dave and an address, says something in #rust and to bob, and leaves; then
    /// the server stops.
    private void setUpAndStop() {
        fixture.start(durable());
        TestClient alice = fixture.joinPlain("alice");
        TestClient bob = fixture.joinPlain("bob");
        for (String command : List.of("/join #go", "/topic gophers", "/join #rust", "/topic crabs", "/locktopic",
                "/op bob", "/mute carol", "/ban dave", "/ban 203.0.113.9", "/msg bob psst", "hello rust")) {
            alice.send(command);
        }
        alice.expectExactLine("alice: hello rust");
        bob.expectExactLine("* [from alice] psst");
        fixture.close();
    }

    @Test
    @DisplayName("rooms, topics, locks, operators, mutes, bans and both kinds of history come back")
    void everythingComesBack() {
        setUpAndStop();

        fixture.start(durable());
        TestClient carol = fixture.joinPlain("carol");
        carol.send("/rooms");
        carol.expectExactLine("* 3 rooms:");
        assertThat(carol.nextLine()).isEqualTo("* #go (0 members): gophers");
        assertThat(carol.nextLine()).isEqualTo("* #lobby (1 member)");
        assertThat(carol.nextLine()).isEqualTo("* #rust (0 members): crabs");
        carol.send("/join #rust");
        carol.expectExactLine("* carol joined the chat");
        carol.send("quiet?");
        assertThat(carol.nextLine()).isEqualTo("* Error: you are muted in #rust: your message was not sent");
        carol.send("/topic mine");
        assertThat(carol.nextLine()).isEqualTo("* Error: you are muted in #rust: you may not set its topic");
        TestClient erin = fixture.joinPlain("erin");
        erin.send("/join #rust");
        erin.expectExactLine("* erin joined the chat");
        erin.send("/topic mine");
        assertThat(erin.nextLine()).isEqualTo("* Error: only operators may set the topic of #rust");
        TestClient dave = fixture.joinPlain("dave");
        dave.send("/join #rust");
        assertThat(dave.nextLine()).isEqualTo("* Error: you are banned from #rust");

        TestClient bob = fixture.joinVersion2("bob");
        bob.send("JOIN room=#rust");
        bob.expectLine("MSG room=#rust id=\\d+ ts=\\S+ from=alice :hello rust");
        bob.expectLine("TOPIC room=#rust by=alice ts=\\S+ :crabs");
        bob.send("UNBAN room=#rust target=203.0.113.9");
        bob.expectLine("MODERATED room=#rust action=unban by=bob target=203.0.113.9 ts=\\S+");
        bob.send("HISTORY with=alice");
        bob.expectExactLine("HISTORY with=alice count=1");
        bob.expectLine("MSG id=\\d+ ts=\\S+ from=alice to=bob :psst");
    }

    @Test
    @DisplayName("voices and modes come back: moderated, invite-only, the key and the limit hold after a restart")
    void modesComeBack() {
        fixture.start(durable());
        TestClient alice = fixture.joinPlain("alice");
        for (String command : List.of("/join #den", "/voice bob", "/moderate", "/setkey sesame", "/setlimit 3",
                "/inviteonly", "/voice carol", "/devoice carol")) {
            alice.send(command);
        }
        alice.expectExactLine("* alice took the voice from carol");
        fixture.close();

        fixture.start(durable());
        TestClient carol = fixture.joinPlain("carol");
        carol.send("/join #den sesame");
        carol.expectExactLine("* Error: #den is invite-only: an operator or a member must invite you first");
        alice = fixture.joinPlain("alice");
        alice.send("/join #den");
        alice.expectExactLine("* alice joined the chat");
        alice.send("/public");
        alice.expectExactLine("* alice made the room public: anyone may join"); // before carol tries again
        carol.send("/join #den");
        carol.expectExactLine("* Error: #den has a key: join it with the key");
        carol.send("/join #den sesame");
        carol.expectExactLine("* carol joined the chat");
        carol.send("quiet?");
        carol.expectExactLine("* Error: #den is moderated: only its operators and voiced members may speak; your message"
                + " was not sent");
        TestClient bob = fixture.joinVersion2("bob");
        bob.send("JOIN room=#den key=sesame");
        bob.expectLine("MEMBERS room=#den :(?=.*@alice)(?=.*carol)(?=.*\\+bob).*");
        bob.send("SAY room=#den :I have a voice");
        carol.expectExactLine("bob: I have a voice");
        TestClient dave = fixture.joinPlain("dave");
        dave.send("/join #den sesame");
        dave.expectExactLine("* Error: #den is full: it takes at most 3 members");
    }

    @Test
    @DisplayName("a damaged line in the state log is skipped: the server starts with everything else")
    void damagedStateLine() throws IOException {
        setUpAndStop();
        Path state = dataDir.resolve("rooms.log");
        List<String> lines = new ArrayList<>(Files.readAllLines(state, StandardCharsets.UTF_8));
        int topic = lines.indexOf(lines.stream().filter(line -> line.contains("gophers")).findFirst().orElseThrow());
        lines.set(topic, lines.get(topic).replace("gophers", "g0phers"));
        Files.write(state, lines, StandardCharsets.UTF_8);

        fixture.start(durable());
        TestClient carol = fixture.joinPlain("carol");
        carol.send("/rooms");

        carol.expectExactLine("* 3 rooms:");
        assertThat(carol.nextLine()).isEqualTo("* #go (0 members)");
        assertThat(carol.nextLine()).isEqualTo("* #lobby (1 member)");
        assertThat(carol.nextLine()).isEqualTo("* #rust (0 members): crabs");
    }

    @Test
    @DisplayName("a damaged header does not stop the server: the whole lines are read, the damaged file is kept")
    void damagedHeader() throws IOException {
        setUpAndStop();
        Path state = dataDir.resolve("rooms.log");
        byte[] bytes = Files.readAllBytes(state);
        bytes[3] = 'X';
        Files.write(state, bytes);

        fixture.start(durable());
        TestClient carol = fixture.joinPlain("carol");
        carol.send("/rooms");

        carol.expectExactLine("* 3 rooms:");
        assertThat(carol.nextLine()).isEqualTo("* #go (0 members): gophers");
        assertThat(dataDir.resolve("rooms.log.damaged")).hasBinaryContent(bytes);
        assertThat(Files.readAllLines(state, StandardCharsets.UTF_8).getFirst()).startsWith("chatroom-rooms ");
    }

    @Test
    @DisplayName("a closed room is gone for good, with its history: a room made again under its name starts empty")
    void closedRoomIsGone() {
        fixture.start(ServerConfig.builder().dataDir(Optional.of(dataDir))
                .operatorPassword(Optional.of(ServerPassword.of("op"))).build());
        TestClient alice = fixture.joinPlain("alice");
        alice.send("/join #old");
        alice.send("/topic old things");
        alice.send("said in old");
        alice.expectExactLine("alice: said in old");
        alice.send("/oper op");
        alice.expectLine(line -> line.startsWith("* You are a server operator"), "the operator's welcome");
        alice.send("/close #old");
        alice.expectExactLine("* alice closed the room");
        fixture.close();

        fixture.start(durable());
        TestClient bob = fixture.joinVersion2("bob");
        bob.send("ROOMS");
        bob.expectExactLine("ROOMS count=1");
        bob.send("JOIN room=#old");

        assertThat(bob.nextLine()).isEqualTo("ROOM room=#lobby members=1 :");
        assertThat(bob.nextLine()).isEqualTo("MEMBERS room=#old :@bob");
        assertThat(bob.nextLine()).isEqualTo("HISTORY room=#old count=0");
    }
}
