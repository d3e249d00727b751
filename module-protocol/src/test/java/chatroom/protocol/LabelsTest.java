package chatroom.protocol;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("labels: a client's frame and the refusal that names it")
class LabelsTest {

    @Test
    @DisplayName("a label goes among the attributes, before the trailing text, and is read back")
    void encodeAndRead() {
        var say = new ClientFrame.Say(Optional.of(new RoomName("#rust")), "hi :) there", false);

        String line = ClientFrames.encode(say, "r7");

        assertThat(line).isEqualTo("SAY room=#rust label=r7 :hi :) there");
        assertThat(ClientFrames.label(line)).contains("r7");
        assertThat(ClientFrames.decode(line)).isEqualTo(Parsed.ok(say));
        assertThat(ClientFrames.encode(new ClientFrame.ListRooms(), "x")).isEqualTo("ROOMS label=x");
    }

    @Test
    @DisplayName("a line without a valid label has none, whatever else it holds")
    void noLabel() {
        assertThat(ClientFrames.label("SAY :label=r1")).isEmpty();
        assertThat(ClientFrames.label("SAY label= :x")).isEmpty();
        assertThat(ClientFrames.label("FROB\tlabel=ok")).contains("ok");
        assertThat(ClientFrames.label("")).isEmpty();
        assertThatThrownBy(() -> ClientFrames.encode(new ClientFrame.Quit(), "two words"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("an ERROR carries the label of the frame it refuses, and reads back with it")
    void errorLabel() {
        var error = new ServerFrame.Error(ErrorCode.MUTED, "you are muted", Optional.of("r3"));

        assertThat(ServerFrames.encode(error)).isEqualTo("ERROR code=muted label=r3 :you are muted");
        assertThat(ServerFrames.decode("ERROR code=muted label=r3 :you are muted")).isEqualTo(Parsed.ok(error));
        assertThat(ServerFrames.encode(new ServerFrame.Error(ErrorCode.MUTED, "x"))).isEqualTo("ERROR code=muted :x");
        assertThat(new ServerFrame.Error(ErrorCode.MUTED, "x").labelled(Optional.of("a")).label()).contains("a");
    }
}
